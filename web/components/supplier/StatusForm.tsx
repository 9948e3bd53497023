import { useState } from 'preact/hooks';

import { del, post, query } from '../../api';
import { addDays, todayUtc } from '../../format';
import type { Supplier } from '../../types';
import { Problem, useAction } from '../ui';

/**
 * A manager's override of the status, with an optional hold for ACTIVE, and the lifting of a hold
 * (its decision records the reason when one is written); the API's warnings are shown as given.
 */
export function StatusForm({ supplier, onChanged }: { supplier: Supplier; onChanged: () => void }) {
  const [status, setStatus] = useState('ACTIVE');
  const [reason, setReason] = useState('');
  const [holdUntil, setHoldUntil] = useState('');
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const done = (result: { warnings: string[] }) => {
    setWarnings(result.warnings);
    onChanged();
  };
  const change = useAction(
    () => post<{ warnings: string[] }>(`/v1/suppliers/${supplier.id}/status`, { status, reason, ...(holdUntil ? { holdUntil } : {}) }),
    done,
  );
  const lift = useAction(
    () => del<{ warnings: string[] }>(`/v1/suppliers/${supplier.id}/hold${reason.trim() ? query({ reason }) : ''}`),
    done,
  );
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void change.run();
      }}
    >
      <div class="field">
        <label for="new-status">New status</label>
        <select id="new-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="ACTIVE">Active</option>
          <option value="SUSPENDED">Suspended</option>
          <option value="DELISTED">Delisted</option>
        </select>
      </div>
      <div class="field">
        <label for="status-reason">Reason (recorded with a hold lifted too, if written)</label>
        <input id="status-reason" value={reason} required onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="hold-until">Hold until (active only, at most 180 days)</label>
        <input
          id="hold-until"
          type="date"
          value={holdUntil}
          min={addDays(todayUtc(), 1)}
          max={addDays(todayUtc(), 180)}
          onInput={(e) => setHoldUntil((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="row">
        <button type="submit" disabled={change.busy}>
          Override status
        </button>
        {supplier.holdUntil && (
          <button type="button" class="secondary" onClick={() => void lift.run()} disabled={lift.busy}>
            Lift the hold
          </button>
        )}
      </div>
      <Problem error={change.error ?? lift.error} />
      {warnings && (
        <div class="notice" role="status">
          {warnings.length === 0 ? 'Done: the next run would not change this supplier.' : warnings.map((w) => <p key={w}>{w}</p>)}
        </div>
      )}
    </form>
  );
}
