import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { get, isMissingRoute, type Page, query } from '../api';
import { AppealList } from '../components/supplier/Appeals';
import { DecisionList } from '../components/supplier/Decisions';
import { AuditList, ComplaintList, LedgerView } from '../components/supplier/Money';
import { ReviewList } from '../components/supplier/Reviews';
import { ScorecardView } from '../components/supplier/Scorecard';
import { StatusForm } from '../components/supplier/StatusForm';
import { TrendChart } from '../components/TrendChart';
import { Badge, PageTitle, Section, useLoad, View } from '../components/ui';
import { date, label, pct } from '../format';
import { href } from '../router';
import type {
  Appeal,
  Audit,
  Complaint,
  Decision,
  ExclusionProposal,
  HistoryPoint,
  Ledger,
  Policy,
  Review,
  Scorecard,
  Supplier,
  SupplierAspects,
} from '../types';

/** An endpoint another branch adds: null while the server does not have it. */
async function optional<T>(path: string): Promise<T | null> {
  try {
    return await get<T>(path);
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

export function SupplierPage({ id }: { id: string }) {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const supplier = useLoad(() => get<Supplier>(`/v1/suppliers/${id}`), [id, version]);
  const scorecard = useLoad(() => get<Scorecard>(`/v1/suppliers/${id}/scorecard`), [id, version]);
  const history = useLoad(() => get<{ items: HistoryPoint[] }>(`/v1/suppliers/${id}/history`), [id, version]);
  const decisions = useLoad(() => get<Page<Decision>>(`/v1/suppliers/${id}/decisions${query({ limit: 50 })}`), [id, version]);
  const reviews = useLoad(() => get<Page<Review>>(`/v1/suppliers/${id}/reviews${query({ limit: 50 })}`), [id, version]);
  const appeals = useLoad(() => get<Page<Appeal>>(`/v1/appeals${query({ supplierId: id, limit: 50 })}`), [id, version]);
  const complaints = useLoad(() => get<Page<Complaint>>(`/v1/complaints${query({ supplierId: id, limit: 50 })}`), [id, version]);
  const ledger = useLoad(() => get<Ledger>(`/v1/suppliers/${id}/ledger${query({ limit: 50 })}`), [id, version]);
  const audits = useLoad(() => get<Page<Audit>>(`/v1/audits${query({ supplierId: id, limit: 50 })}`), [id, version]);
  const aspects = useLoad(() => optional<SupplierAspects>(`/v1/suppliers/${id}/aspects`), [id, version]);
  const category = supplier.data?.category;
  const policy = useLoad(() => (category ? get<Policy>(`/v1/policies/${category}`) : Promise.resolve(null)), [category]);
  const proposals = useLoad(
    () =>
      category
        ? optional<Page<ExclusionProposal>>(`/v1/exclusion-proposals${query({ category, status: 'PENDING' })}`)
        : Promise.resolve(null),
    [category, version],
  );

  // The scorecard before the last action, to say what the action changed.
  const previous = useRef<{ id: string; card?: Scorecard }>({ id });
  const [before, setBefore] = useState<Scorecard | undefined>();
  useEffect(() => {
    if (!scorecard.data) return;
    if (previous.current.id === id && previous.current.card && previous.current.card !== scorecard.data) setBefore(previous.current.card);
    if (previous.current.id !== id) setBefore(undefined);
    previous.current = { id, card: scorecard.data };
  }, [scorecard.data, id]);

  const bars = useMemo(() => {
    const p = policy.data;
    if (!p) return [];
    return [
      { label: 'Penalty bar', value: Number(p.penaltyThreshold), color: '#b3261e' },
      { label: 'Admission bar', value: Number(p.admissionThreshold), color: '#2e7d32' },
    ];
  }, [policy.data]);
  const mine = (proposals.data?.items ?? []).filter((p) => p.supplierId === id);

  return (
    <View loaded={supplier}>
      {(s) => (
        <>
          <PageTitle>{s.name}</PageTitle>
          <p class="muted">
            {s.externalRef} · {s.city ?? 'no city'} · <a href={href(`/categories/${s.category}`)}>{s.category}</a>
          </p>
          <div class="standing" id="standing">
            <span>
              Status <Badge value={s.status} />
            </span>
            <span>
              Tier <Badge value={s.tier} />
            </span>
            {s.probationEndsAt && <span>Probation ends {date(s.probationEndsAt)}</span>}
            {s.holdUntil && <span>Held until {date(s.holdUntil)}</span>}
            {s.auditFailedOn && <span>Failed an audit on {date(s.auditFailedOn)}</span>}
          </div>
          <nav class="jump" aria-label="Sections">
            <a href="#decisions">Decisions</a> <a href="#appeals">Appeals</a> <a href="#reviews">Reviews</a>{' '}
            <a href="#complaints">Complaints</a> <a href="#audits">Audits</a> <a href="#override">Override</a>
          </nav>
          <div class="grid two">
            <Section title="Scorecard" id="scorecard">
              <View loaded={scorecard}>{(card) => <ScorecardView card={card} before={before} />}</View>
            </Section>
            <Section title="Trend" id="trend">
              <View loaded={history}>{(h) => <TrendChart points={h.items} bars={bars} />}</View>
            </Section>
          </div>
          <Section title="Decisions" id="decisions">
            <View loaded={decisions}>{(page) => <DecisionList decisions={page.items} />}</View>
          </Section>
          <Section title="Appeals" id="appeals">
            <View loaded={appeals}>{(page) => <AppealList appeals={page.items} onRuled={changed} />}</View>
          </Section>
          {aspects.data && aspects.data.aspects.length > 0 && (
            <Section title="What reviews talk about" id="aspects">
              <ul class="counts">
                {aspects.data.aspects.map((a) => (
                  <li key={a.key}>
                    {a.label}: {a.mentions} mentions, {pct(a.negativeShare)} negative
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Reviews" id="reviews">
            <View loaded={reviews}>{(page) => <ReviewList reviews={page.items} proposals={mine} onChanged={changed} />}</View>
          </Section>
          <div class="grid two">
            <Section title="Complaints" id="complaints">
              <View loaded={complaints}>{(page) => <ComplaintList complaints={page.items} />}</View>
            </Section>
            <Section title="Ledger" id="ledger">
              <View loaded={ledger}>{(l) => <LedgerView ledger={l} />}</View>
            </Section>
          </div>
          <div class="grid two">
            <Section title="Audits" id="audits">
              <View loaded={audits}>{(page) => <AuditList audits={page.items} />}</View>
            </Section>
            <Section title={`Override the status (now ${label(s.status).toLowerCase()})`} id="override">
              <StatusForm supplier={s} onChanged={changed} />
            </Section>
          </div>
        </>
      )}
    </View>
  );
}
