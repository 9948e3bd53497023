import { CsvButton, PagedFooter, usePaged } from '../components/Paged';
import { SupplierTable } from '../components/SupplierTable';
import { PageTitle, Section } from '../components/ui';
import { addDays, todayUtc } from '../format';
import { type Params, supplierPage, suppliersPath } from '../triage';

function RiskList({ title, id, params, filename }: { title: string; id: string; params: Params; filename: string }) {
  const paged = usePaged((cursor) => supplierPage(params, cursor), [JSON.stringify(params)]);
  return (
    <Section title={title} id={id} actions={<CsvButton path={suppliersPath(params)} filename={filename} />}>
      {paged.items.length > 0 || !paged.loading ? <SupplierTable suppliers={paged.items} caption={title} /> : null}
      <PagedFooter paged={paged} noun="supplier" />
    </Section>
  );
}

/** Who is at risk this week: what the next nightly run would sanction (worst rate first), and probations ending soonest. */
export function AtRiskPage({ category }: { category: string }) {
  const soon = addDays(todayUtc(), 15);
  return (
    <>
      <PageTitle>At risk: {category}</PageTitle>
      <RiskList
        title="The next nightly run would sanction"
        id="risk-sanction"
        params={{ category, atRisk: true, sort: 'rate' }}
        filename={`at-risk-${category}.csv`}
      />
      <RiskList
        title="On probation ending within 14 days"
        id="risk-probation"
        params={{ category, status: 'PROBATION', probationEndsBefore: soon, sort: 'probationEndsAt' }}
        filename={`probation-ending-${category}.csv`}
      />
    </>
  );
}
