import { allPages, get, type Page, query } from '../api';
import { Badge, Empty, PageTitle, Section, useLoad, View } from '../components/ui';
import { addDays, label, pct, todayUtc } from '../format';
import { namesFor, rememberSuppliers } from '../names';
import { href } from '../router';
import { decisionFeed, type FeedDecision, type Overview, serverOverview } from '../triage';
import type { Appeal, Supplier } from '../types';

interface Coverage {
  activeSuppliers: number;
  audited: number;
  coverage: number | null;
  target: number;
}

/** What the page shows, from the server's overview when it has one, else composed here. */
interface Composed {
  server: Overview | null;
  tiers: Record<string, number> | null;
  statuses: Record<string, number> | null;
  suppliersCounted: string | null;
  probationEndingSoon: number | null;
  coverage: Coverage;
  appeals: { items: Appeal[]; more: boolean };
  overdueComplaints: string;
  decisions: FeedDecision[] | null;
  names: Map<string, string>;
}

function count<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

async function load(category: string): Promise<Composed> {
  const today = todayUtc();
  // All at once: the supplier list is read alongside in case the server has no overview (one round trip, not two).
  const [server, coverage, appeals, complaints, decisions, list] = await Promise.all([
    serverOverview(category),
    get<Coverage>(`/v1/audits/coverage${query({ category })}`),
    get<Page<Appeal>>(`/v1/appeals${query({ category, status: 'OPEN', limit: 100 })}`),
    get<Page<unknown>>(`/v1/complaints${query({ category, overdue: true, limit: 100 })}`),
    decisionFeed(category, addDays(today, -7), today),
    allPages<Supplier>('/v1/suppliers', { category }),
  ]);
  rememberSuppliers(list.items);
  let tiers: Record<string, number> | null = null;
  let statuses: Record<string, number> | null = null;
  let suppliersCounted: string | null = null;
  let probationEndingSoon: number | null = null;
  if (!server) {
    const { items, complete } = list;
    tiers = count(items, (s) => s.tier ?? 'NOT_SCORED');
    statuses = count(items, (s) => s.status);
    suppliersCounted = `${items.length}${complete ? '' : '+'}`;
    const soon = addDays(today, 14);
    probationEndingSoon = items.filter(
      (s) => s.status === 'PROBATION' && s.probationEndsAt && s.probationEndsAt.slice(0, 10) <= soon,
    ).length;
  }
  const names = await namesFor([
    ...appeals.items.map((a) => a.supplierId),
    ...(decisions ?? []).filter((d) => !d.name && !d.supplierName).map((d) => d.supplierId),
  ]);
  return {
    server,
    tiers,
    statuses,
    suppliersCounted,
    probationEndingSoon,
    coverage,
    appeals: { items: appeals.items, more: appeals.nextCursor !== null },
    overdueComplaints: `${complaints.items.length}${complaints.nextCursor ? '+' : ''}`,
    decisions,
    names,
  };
}

function Counts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <Empty>None.</Empty>;
  return (
    <ul class="counts">
      {entries.map(([key, n]) => (
        <li key={key}>
          <Badge value={key} /> <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Renders the server's overview whatever its exact shape: numbers as figures, maps of counts as badges. */
function ServerFigures({ overview }: { overview: Overview }) {
  const entries = Object.entries(overview).filter(([key]) => key !== 'category' && key !== 'asOf');
  return (
    <div class="figures">
      {entries.map(([key, value]) => (
        <div class="figure" key={key}>
          <div class="muted">{label(key.replace(/([A-Z])/g, '_$1').toUpperCase())}</div>
          {typeof value === 'number' ? (
            <strong>{key.toLowerCase().includes('coverage') || key.toLowerCase().includes('rate') ? pct(value) : value}</strong>
          ) : value && typeof value === 'object' && !Array.isArray(value) ? (
            Object.values(value).every((v) => typeof v === 'number') ? (
              <Counts counts={value as Record<string, number>} />
            ) : (
              <ServerFigures overview={value as Overview} />
            )
          ) : (
            <strong>{Array.isArray(value) ? value.length : String(value ?? '—')}</strong>
          )}
        </div>
      ))}
    </div>
  );
}

export function OverviewPage({ category }: { category: string }) {
  const loaded = useLoad(() => load(category), [category]);
  return (
    <>
      <PageTitle>Category overview: {category}</PageTitle>
      <View loaded={loaded}>
        {(o) => (
          <div class="grid">
            {o.server ? (
              <Section title="This category" id="server-overview">
                <ServerFigures overview={o.server} />
              </Section>
            ) : (
              <>
                <Section title={`Suppliers (${o.suppliersCounted})`} id="tiers">
                  <h3>By tier</h3>
                  <Counts counts={o.tiers ?? {}} />
                  <h3>By status</h3>
                  <Counts counts={o.statuses ?? {}} />
                </Section>
                <Section title="At risk" id="risk">
                  <p class="figure-line">
                    <strong>{o.statuses?.PROBATION ?? 0}</strong> on probation, <strong>{o.probationEndingSoon}</strong> of them ending
                    within 14 days
                  </p>
                  <a href={href(`/categories/${category}/at-risk`)}>See the at-risk list</a>
                </Section>
              </>
            )}
            <Section title="Audit coverage" id="coverage">
              <p class="figure-line">
                <strong>{pct(o.coverage.coverage)}</strong> of {o.coverage.activeSuppliers} active suppliers audited (target{' '}
                {pct(o.coverage.target, 0)})
              </p>
              <meter min={0} max={1} low={o.coverage.target} optimum={1} value={o.coverage.coverage ?? 0} aria-label="Audit coverage" />
              <p>
                <a href={href(`/categories/${category}/audits`)}>Plan audits</a>
              </p>
            </Section>
            <Section title="Complaints overdue" id="complaints">
              <p class="figure-line">
                <strong>{o.overdueComplaints}</strong> past their response or resolution deadline
              </p>
            </Section>
            <Section title={`Appeals waiting (${o.appeals.items.length}${o.appeals.more ? '+' : ''})`} id="appeals">
              {o.appeals.items.length === 0 ? (
                <Empty>No appeal is waiting for a ruling.</Empty>
              ) : (
                <ul class="plain">
                  {o.appeals.items.slice(0, 8).map((a) => (
                    <li key={a.id}>
                      <a href={href(`/suppliers/${a.supplierId}#appeals`)}>{o.names.get(a.supplierId)}</a>: {label(a.target.kind)}, decide
                      by {a.decideBy.slice(0, 10)} {a.overdue && <Badge value="OVERDUE" />}
                    </li>
                  ))}
                </ul>
              )}
              <a href={href(`/categories/${category}/appeals`)}>All appeals</a>
            </Section>
            <Section title="Decisions of the last 7 days" id="decisions">
              {o.decisions === null ? (
                <Empty>This server has no decision feed yet (GET /v1/decisions); see each supplier's page.</Empty>
              ) : o.decisions.length === 0 ? (
                <Empty>No decision in the last 7 days.</Empty>
              ) : (
                <>
                  <Counts counts={count(o.decisions, (d) => d.kind)} />
                  <ul class="plain">
                    {o.decisions.slice(0, 10).map((d) => (
                      <li key={d.id}>
                        <Badge value={d.kind} />{' '}
                        <a href={href(`/suppliers/${d.supplierId}`)}>{d.name ?? d.supplierName ?? o.names.get(d.supplierId)}</a>{' '}
                        <span class="muted">{d.asOf}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Section>
          </div>
        )}
      </View>
    </>
  );
}
