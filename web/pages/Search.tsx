import { useState } from 'preact/hooks';

import { SupplierTable } from '../components/SupplierTable';
import { PageTitle, useLoad, View } from '../components/ui';
import { navigate } from '../router';
import { defaultCategory } from '../session';
import { searchSuppliers } from '../triage';

export function SearchPage({ q, category }: { q: string; category: string }) {
  const [text, setText] = useState(q);
  const [inCategory, setInCategory] = useState(category || defaultCategory());
  const loaded = useLoad(() => (q ? searchSuppliers(q, category || undefined) : Promise.resolve(null)), [q, category]);
  return (
    <>
      <PageTitle>Find a supplier</PageTitle>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/suppliers?q=${encodeURIComponent(text.trim())}&category=${encodeURIComponent(inCategory.trim())}`);
        }}
      >
        <div class="field">
          <label for="q">Name, reference or city</label>
          <input id="q" name="q" type="search" value={text} required onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="search-category">Category</label>
          <input id="search-category" value={inCategory} size={10} onInput={(e) => setInCategory((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      {q && (
        <View loaded={loaded}>
          {(found) =>
            found && (
              <>
                {found.fallback && <p class="notice">{found.fallback}</p>}
                <p aria-live="polite">
                  {found.suppliers.length} supplier{found.suppliers.length === 1 ? '' : 's'} match “{q}”
                </p>
                <SupplierTable suppliers={found.suppliers} caption={`Suppliers matching ${q}`} />
              </>
            )
          }
        </View>
      )}
    </>
  );
}
