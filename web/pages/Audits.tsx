import { useState } from 'preact/hooks';

import { get, type Page, post, query } from '../api';
import { Badge, Empty, PageTitle, Problem, Section, useAction, useLoad, View } from '../components/ui';
import { date, label, pct } from '../format';
import { href } from '../router';
import type { Audit } from '../types';

interface Target {
  supplierId: string;
  supplierName: string;
  reasons: string[];
  priority: number;
  negativeRate: number | null;
  openAudit: boolean;
}

/** Audit targets by name, coverage against the 80% target, and planning (the API's matching). */
export function AuditsPage({ category }: { category: string }) {
  const loaded = useLoad(async () => {
    const [targets, coverage] = await Promise.all([
      get<Target[]>(`/v1/audit-targets${query({ category })}`),
      get<{ activeSuppliers: number; audited: number; coverage: number | null; target: number }>(
        `/v1/audits/coverage${query({ category })}`,
      ),
    ]);
    return { targets, coverage };
  }, [category]);
  const [planned, setPlanned] = useState<{ audits: Audit[] } | null>(null);
  const plan = useAction(
    async () => {
      const page = await post<Page<Audit>>('/v1/audits/plan', { category });
      return { audits: page.items };
    },
    (result) => {
      setPlanned(result);
      loaded.reload();
    },
  );
  return (
    <>
      <PageTitle>Audits: {category}</PageTitle>
      <View loaded={loaded}>
        {(o) => (
          <>
            <Section title="Coverage" id="coverage">
              <p class="figure-line">
                <strong>{pct(o.coverage.coverage)}</strong> of {o.coverage.activeSuppliers} active suppliers audited ({o.coverage.audited});
                target {pct(o.coverage.target, 0)}
              </p>
            </Section>
            <Section
              title={`Targets (${o.targets.length})`}
              id="targets"
              actions={
                <button type="button" onClick={() => void plan.run()} disabled={plan.busy}>
                  Plan audits
                </button>
              }
            >
              <Problem error={plan.error} />
              {plan.busy && <p aria-busy="true">Planning…</p>}
              {planned && (
                <div class="notice" role="status">
                  {planned.audits.length === 0
                    ? 'No audit planned: no free shopper fits a target.'
                    : `Planned ${planned.audits.length} audits:`}
                  <PlannedList audits={planned.audits} />
                </div>
              )}
              {o.targets.length === 0 ? (
                <Empty>No supplier needs an audit now.</Empty>
              ) : (
                <ul class="plain">
                  {o.targets.slice(0, 50).map((t) => (
                    <li key={t.supplierId}>
                      <a href={href(`/suppliers/${t.supplierId}#audits`)}>{t.supplierName}</a> {t.reasons.map((r) => label(r)).join(', ')} ·
                      priority {t.priority.toFixed(1)}
                      {t.negativeRate !== null && <> · {pct(t.negativeRate)} negative</>}
                      {t.openAudit && <Badge value="ASSIGNED" />}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </View>
    </>
  );
}

export function PlannedList({ audits }: { audits: Audit[] }) {
  return (
    <ul class="plain">
      {audits.map((a) => (
        <li key={a.id}>
          {a.supplierName} due {date(a.dueAt)}
        </li>
      ))}
    </ul>
  );
}
