import { SupplierTable } from '../components/SupplierTable';
import { PageTitle, useLoad, View } from '../components/ui';
import { atRiskSuppliers } from '../triage';

export function AtRiskPage({ category }: { category: string }) {
  const loaded = useLoad(() => atRiskSuppliers(category), [category]);
  return (
    <>
      <PageTitle>At risk: {category}</PageTitle>
      <p class="muted">Suppliers on probation (soonest end first), then active ones rated POOR or WATCH.</p>
      <View loaded={loaded}>
        {(found) => (
          <>
            {found.fallback && <p class="notice">{found.fallback}</p>}
            <SupplierTable suppliers={found.suppliers} caption={`Suppliers at risk in ${category}`} />
          </>
        )}
      </View>
    </>
  );
}
