import { useState } from 'preact/hooks';

import { get, type Page, post, query } from '../api';
import { Badge, Empty, PageTitle, Problem, Section, useAction, useLoad, View } from '../components/ui';
import { dateTime, pct } from '../format';
import { href } from '../router';
import type { Policy, Simulation } from '../types';

interface Diff {
  from: number | null;
  to: number;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
}

/** Fields a manager tries in a what-if, with how each is written (rates as percentages). */
const DRAFT_FIELDS: Array<{ key: string; text: string; rate: boolean }> = [
  { key: 'admissionThreshold', text: 'Admission bar', rate: true },
  { key: 'rewardThreshold', text: 'Reward bar', rate: true },
  { key: 'penaltyThreshold', text: 'Penalty bar', rate: true },
  { key: 'delistThreshold', text: 'Delisting bar', rate: true },
  { key: 'complaintRateThreshold', text: 'Complaint-rate bar', rate: true },
  { key: 'minReviews', text: 'Minimum reviews', rate: false },
  { key: 'probationDays', text: 'Probation days', rate: false },
];

const show = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

function DiffView({ category, version }: { category: string; version: number }) {
  const diff = useLoad(() => get<Diff>(`/v1/policies/${category}/versions/${version}/diff`), [category, version]);
  return (
    <View loaded={diff}>
      {(d) => (
        <>
          <p class="muted">{d.from === null ? `Version ${d.to} against the defaults` : `Version ${d.to} against version ${d.from}`}</p>
          {d.changes.length === 0 ? (
            <Empty>No field changed.</Empty>
          ) : (
            <table>
              <caption class="sr-only">Fields version {d.to} changed</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {d.changes.map((c) => (
                  <tr key={c.field}>
                    <td data-label="Field">{c.field}</td>
                    <td data-label="From">{c.from === null ? 'default' : show(c.from)}</td>
                    <td data-label="To">{show(c.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </View>
  );
}

function WhatIf({ category, policy }: { category: string; policy: Policy }) {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [changesOnly, setChangesOnly] = useState(true);
  const [result, setResult] = useState<Simulation | null>(null);
  const simulate = useAction(() => {
    const fields: Record<string, number> = {};
    for (const f of DRAFT_FIELDS) {
      const raw = draft[f.key]?.trim();
      if (raw) fields[f.key] = f.rate ? Number(raw) / 100 : Number(raw);
    }
    return post<Simulation>(`/v1/policies/${category}/simulate`, { policy: fields, changesOnly });
  }, setResult);
  return (
    <>
      <form
        class="draft"
        onSubmit={(e) => {
          e.preventDefault();
          void simulate.run();
        }}
      >
        {DRAFT_FIELDS.map((f) => (
          <div class="field" key={f.key}>
            <label for={`draft-${f.key}`}>
              {f.text} {f.rate && '(%)'}
            </label>
            <input
              id={`draft-${f.key}`}
              inputMode="decimal"
              placeholder={f.rate ? (Number(policy[f.key]) * 100).toFixed(1) : String(policy[f.key])}
              value={draft[f.key] ?? ''}
              onInput={(e) => setDraft({ ...draft, [f.key]: (e.target as HTMLInputElement).value })}
            />
          </div>
        ))}
        <div class="field check">
          <input
            id="changes-only"
            type="checkbox"
            checked={changesOnly}
            onChange={(e) => setChangesOnly((e.target as HTMLInputElement).checked)}
          />
          <label for="changes-only">Only suppliers the draft would change</label>
        </div>
        <button type="submit" disabled={simulate.busy}>
          {simulate.busy ? 'Simulating…' : 'Simulate'}
        </button>
      </form>
      <Problem error={simulate.error} />
      {result && (
        <div id="simulation">
          <p>
            As of {result.asOf} on {result.base === 'CURRENT' ? `version ${result.baseVersion}` : 'the defaults'}: {result.suppliers.length}{' '}
            supplier
            {result.suppliers.length === 1 ? '' : 's'} listed.{' '}
            {Object.entries(result.counts.byDecision).map(([k, n]) => (
              <span key={k}>
                <Badge value={k} /> {n}{' '}
              </span>
            ))}
          </p>
          {result.suppliers.length === 0 ? (
            <Empty>The draft would change no supplier.</Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">What the draft would change, by supplier</caption>
                <thead>
                  <tr>
                    <th scope="col">Supplier</th>
                    <th scope="col">Tier now → under the draft</th>
                    <th scope="col" class="num">
                      Rate
                    </th>
                    <th scope="col">Decision</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {result.suppliers.map((s) => (
                    <tr key={s.supplierId}>
                      <td data-label="Supplier">
                        <a href={href(`/suppliers/${s.supplierId}`)}>{s.name}</a>
                      </td>
                      <td data-label="Tier">
                        <Badge value={s.currentTier} /> → <Badge value={s.simulatedTier} />
                      </td>
                      <td data-label="Rate" class="num">
                        {pct(s.rate)}
                      </td>
                      <td data-label="Decision">{s.decision ? <Badge value={s.decision} /> : '—'}</td>
                      <td data-label="Reason">{s.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </>
  );
}

export function PolicyPage({ category }: { category: string }) {
  const loaded = useLoad(
    () =>
      Promise.all([get<Policy>(`/v1/policies/${category}`), get<Page<Policy>>(`/v1/policies/${category}/versions${query({ limit: 20 })}`)]),
    [category],
  );
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <PageTitle>Policy: {category}</PageTitle>
      <View loaded={loaded}>
        {([policy, versions]) => (
          <>
            <div class="grid two">
              <Section title={`Version ${policy.version}`} id="current">
                <p class="muted">
                  Published {dateTime(policy.createdAt)} by {policy.createdBy}
                </p>
                <ul class="counts">
                  {DRAFT_FIELDS.map((f) => (
                    <li key={f.key}>
                      {f.text}: <strong>{f.rate ? pct(Number(policy[f.key])) : String(policy[f.key])}</strong>
                    </li>
                  ))}
                  <li>
                    Evaluation windows: <strong>{show(policy.evaluationWindows)}</strong> days
                  </li>
                </ul>
              </Section>
              <Section title="What changed" id="diff">
                <div class="field">
                  <label for="version">Version</label>
                  <select
                    id="version"
                    value={selected ?? policy.version}
                    onChange={(e) => setSelected(Number((e.target as HTMLSelectElement).value))}
                  >
                    {versions.items.map((v) => (
                      <option key={v.version} value={v.version}>
                        {v.version} ({dateTime(v.createdAt)})
                      </option>
                    ))}
                  </select>
                </div>
                <DiffView category={category} version={selected ?? policy.version} />
              </Section>
            </div>
            <Section title="What if: simulate a draft" id="what-if">
              <p class="muted">Leave a field empty to keep the current value. Nothing is written.</p>
              <WhatIf category={category} policy={policy} />
            </Section>
          </>
        )}
      </View>
    </>
  );
}
