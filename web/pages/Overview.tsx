import { get, type Page, query } from '../api';
import { Badge, Empty, PageTitle, Section, useLoad, View } from '../components/ui';
import { dateTime, label, pct } from '../format';
import { href } from '../router';
import { categoryOverview, decisionPage } from '../triage';
import type { Appeal } from '../types';

async function load(category: string) {
  const overview = await categoryOverview(category);
  // The lists beside the figures, by name from the API: a few waiting appeals and the latest decisions of the same 7 days.
  const [appeals, decisions] = await Promise.all([
    get<Page<Appeal>>(`/v1/appeals${query({ category, status: 'OPEN', limit: 8 })}`),
    decisionPage({ category, from: overview.decisions.from, to: overview.decisions.to }, null, 10),
  ]);
  return { overview, appeals: appeals.items, decisions: decisions.items };
}

function Counts({ counts, testId }: { counts: Record<string, number>; testId?: string }) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) return <Empty>None.</Empty>;
  return (
    <ul class="counts" data-testid={testId}>
      {entries.map(([key, n]) => (
        <li key={key} data-key={key}>
          <Badge value={key} /> <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

export function OverviewPage({ category }: { category: string }) {
  const loaded = useLoad(() => load(category), [category]);
  return (
    <>
      <PageTitle>Category overview: {category}</PageTitle>
      <View loaded={loaded}>
        {({ overview: o, appeals, decisions }) => (
          <div class="grid">
            <Section title={`Suppliers (${o.suppliers.total})`} id="tiers">
              <h3>Active and on probation ({o.suppliers.live}), by tier</h3>
              <Counts counts={o.suppliers.byTier} testId="by-tier" />
              <h3>All, by status</h3>
              <Counts counts={o.suppliers.byStatus} testId="by-status" />
            </Section>
            <Section title="At risk" id="risk">
              <p class="figure-line" data-testid="at-risk-total">
                <strong>{o.atRisk.total}</strong> the next nightly run ({o.atRisk.nextRun}) would sanction
              </p>
              <Counts counts={o.atRisk.byDecision} testId="at-risk" />
              <p class="figure-line" data-testid="probations-ending">
                <strong>{o.probations.ending}</strong> on probation ending within {o.probations.withinDays} days (of{' '}
                {o.suppliers.byStatus.PROBATION ?? 0})
              </p>
              <a href={href(`/categories/${category}/at-risk`)}>See the at-risk list</a>
            </Section>
            <Section title="Audit coverage" id="coverage">
              <p class="figure-line" data-testid="coverage">
                <strong>{pct(o.auditCoverage.coverage)}</strong> of {o.auditCoverage.activeSuppliers} active suppliers audited (target{' '}
                {pct(o.auditCoverage.target, 0)}): {o.auditCoverage.onTarget ? 'on target' : 'below target'}
              </p>
              <meter
                min={0}
                max={1}
                low={o.auditCoverage.target}
                optimum={1}
                value={o.auditCoverage.coverage ?? 0}
                aria-label="Audit coverage"
              />
              <p>
                <a href={href(`/categories/${category}/audits`)}>Plan audits</a>
              </p>
            </Section>
            <Section title="Complaints overdue" id="complaints">
              <p class="figure-line" data-testid="complaints-overdue">
                <strong>{o.complaints.overdueNow}</strong> past their response or resolution deadline now
              </p>
            </Section>
            <Section title={`Appeals waiting (${o.appeals.waiting})`} id="appeals">
              {o.appeals.overdue > 0 && (
                <p>
                  <Badge value="OVERDUE" /> {o.appeals.overdue} past their deadline
                </p>
              )}
              {appeals.length === 0 ? (
                <Empty>No appeal is waiting for a ruling.</Empty>
              ) : (
                <ul class="plain">
                  {appeals.map((a) => (
                    <li key={a.id}>
                      <a href={href(`/suppliers/${a.supplierId}#appeals`)}>{a.supplierName}</a>: {label(a.target.kind)}, decide by{' '}
                      {a.decideBy.slice(0, 10)} {a.overdue && <Badge value="OVERDUE" />}
                    </li>
                  ))}
                </ul>
              )}
              <a href={href(`/categories/${category}/appeals`)}>All appeals</a>
            </Section>
            <Section title={`Decisions of the last 7 days (${o.decisions.total})`} id="decisions">
              <Counts counts={o.decisions.byKind} testId="decisions-by-kind" />
              {decisions.length === 0 ? (
                <Empty>
                  No decision from {o.decisions.from} to {o.decisions.to}.
                </Empty>
              ) : (
                <ul class="plain">
                  {decisions.map((d) => (
                    <li key={d.id}>
                      <Badge value={d.kind} /> <a href={href(`/suppliers/${d.supplierId}`)}>{d.supplierName}</a>{' '}
                      <span class="muted">{dateTime(d.createdAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <a href={href(`/categories/${category}/decisions`)}>What happened last night</a>
            </Section>
          </div>
        )}
      </View>
    </>
  );
}
