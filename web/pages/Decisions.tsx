import { useState } from 'preact/hooks';

import { CsvButton, PagedFooter, usePaged } from '../components/Paged';
import { Badge, Empty, PageTitle, Section } from '../components/ui';
import { addDays, dateTime, todayUtc } from '../format';
import { href, navigate } from '../router';
import { decisionPage, decisionsPath } from '../triage';

const KINDS = [
  '',
  'PENALTY',
  'DELIST',
  'WARNING',
  'REINSTATE',
  'REWARD',
  'OVERRIDE',
  'AUDIT_FAILED',
  'AUDIT_PASSED',
  'APPEAL_GRANTED',
  'HOLD_LIFTED',
  'ADMIT',
  'REJECT',
];

/**
 * What happened last night (and any other days): every decision of the category from the decision
 * feed, newest first, by supplier name. By default yesterday and today (UTC): the nightly run is
 * dated the new day.
 */
export function DecisionsPage({ category, from, to, kind }: { category: string; from: string; to: string; kind: string }) {
  const today = todayUtc();
  const since = from || addDays(today, -1);
  const until = to || today;
  const [form, setForm] = useState({ from: since, to: until, kind });
  const params = { category, from: since, to: until, kind: kind || undefined };
  const paged = usePaged((cursor) => decisionPage(params, cursor), [category, since, until, kind]);
  return (
    <>
      <PageTitle>Decisions: {category}</PageTitle>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams({ from: form.from, to: form.to });
          if (form.kind) next.set('kind', form.kind);
          navigate(`/categories/${category}/decisions?${next.toString()}`);
        }}
      >
        <div class="field">
          <label for="feed-from">From</label>
          <input
            id="feed-from"
            type="date"
            value={form.from}
            onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="feed-to">To</label>
          <input id="feed-to" type="date" value={form.to} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="feed-kind">Kind</label>
          <select id="feed-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: (e.target as HTMLSelectElement).value })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k ? k.charAt(0) + k.slice(1).toLowerCase().replace(/_/g, ' ') : 'Any'}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <Section
        title={`From ${since} to ${until}`}
        id="feed"
        actions={<CsvButton path={decisionsPath(params)} filename={`decisions-${category}-${since}-${until}.csv`} />}
      >
        {!paged.loading && paged.items.length === 0 && !paged.error ? (
          <Empty>No decision in these days.</Empty>
        ) : (
          <ul class="plain feed">
            {paged.items.map((d) => (
              <li key={d.id} class="decision" data-kind={d.kind}>
                <Badge value={d.kind} /> <a href={href(`/suppliers/${d.supplierId}`)}>{d.supplierName}</a>{' '}
                <span class="muted">{dateTime(d.createdAt)}</span>
                <div class="reason">{d.reason}</div>
              </li>
            ))}
          </ul>
        )}
        <PagedFooter paged={paged} noun="decision" />
      </Section>
    </>
  );
}
