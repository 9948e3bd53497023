import { SupplierTable } from '../components/SupplierTable';
import { PageTitle, Section, useLoad, View } from '../components/ui';
import { atRiskSuppliers } from '../triage';

export function AtRiskPage({ category }: { category: string }) {
  const loaded = useLoad(() => atRiskSuppliers(category), [category]);
  return (
    <>
      <PageTitle>At risk: {category}</PageTitle>
      <View loaded={loaded}>
        {(found) => (
          <>
            {found.fallback && <p class="notice">{found.fallback}</p>}
            {found.groups.map((group, i) => (
              <Section key={group.title} title={`${group.title} (${group.suppliers.length})`} id={`risk-${i}`}>
                <SupplierTable suppliers={group.suppliers} caption={`${group.title}: ${category}`} />
              </Section>
            ))}
          </>
        )}
      </View>
    </>
  );
}
