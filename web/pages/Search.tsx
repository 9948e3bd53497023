import { useState } from 'preact/hooks';

import { CsvButton, PagedFooter, usePaged } from '../components/Paged';
import { SupplierTable } from '../components/SupplierTable';
import { PageTitle } from '../components/ui';
import { navigate } from '../router';
import { defaultCategory } from '../session';
import { supplierPage, suppliersPath } from '../triage';

const SORTS: Array<[string, string]> = [
  ['', 'Registration'],
  ['name', 'Name'],
  ['rate', 'Rate, lowest first'],
  ['-rate', 'Rate, highest first'],
  ['tier', 'Tier, worst first'],
  ['probationEndsAt', 'Probation end, soonest first'],
];

function Results({ q, category, sort }: { q: string; category: string; sort: string }) {
  const params = { q, category: category || undefined, sort: sort || undefined };
  const paged = usePaged((cursor) => supplierPage(params, cursor), [q, category, sort]);
  return (
    <>
      <div class="results-head">
        <p aria-live="polite">
          {paged.loading && paged.items.length === 0
            ? 'Searching…'
            : `${paged.items.length}${paged.more ? '+' : ''} supplier${paged.items.length === 1 && !paged.more ? '' : 's'} match “${q}”`}
        </p>
        <CsvButton path={suppliersPath(params)} filename={`suppliers-${q.replace(/[^\w-]+/g, '_')}.csv`} />
      </div>
      {(!paged.loading || paged.items.length > 0) && <SupplierTable suppliers={paged.items} caption={`Suppliers matching ${q}`} />}
      <PagedFooter paged={paged} noun="supplier" />
    </>
  );
}

/** Find a supplier by name, reference or city: the server's search (`q`), sorted and paged by it. */
export function SearchPage({ q, category, sort }: { q: string; category: string; sort: string }) {
  const [text, setText] = useState(q);
  const [inCategory, setInCategory] = useState(category || defaultCategory());
  const [order, setOrder] = useState(sort);
  return (
    <>
      <PageTitle>Find a supplier</PageTitle>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const params = new URLSearchParams({ q: text.trim(), category: inCategory.trim() });
          if (order) params.set('sort', order);
          navigate(`/suppliers?${params.toString()}`);
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
        <div class="field">
          <label for="search-sort">Order</label>
          <select id="search-sort" value={order} onChange={(e) => setOrder((e.target as HTMLSelectElement).value)}>
            {SORTS.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {q && <Results q={q} category={category} sort={sort} />}
    </>
  );
}
