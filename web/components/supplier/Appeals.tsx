import { useState } from 'preact/hooks';

import { post } from '../../api';
import { date, dateTime, label } from '../../format';
import type { Appeal } from '../../types';
import { Badge, Empty, Problem, useAction } from '../ui';

/** An appeal, and for an open one the ruling form (GRANTED or DENIED, with the reason the supplier will read). */
export function AppealItem({ appeal, name, onRuled }: { appeal: Appeal; name?: string; onRuled: () => void }) {
  const [reason, setReason] = useState('');
  const rule = useAction((outcome: 'GRANTED' | 'DENIED') => post(`/v1/appeals/${appeal.id}/ruling`, { outcome, reason }), onRuled);
  const id = `ruling-${appeal.id}`;
  return (
    <li class="appeal" data-appeal={appeal.id}>
      <div class="row">
        <Badge value={appeal.status} />
        {name && <strong>{name}</strong>}
        <span>
          appeals a {label(appeal.target.kind).toLowerCase()} · filed {dateTime(appeal.createdAt)} · decide by {date(appeal.decideBy)}
        </span>
        {appeal.overdue && <Badge value="OVERDUE" />}
      </div>
      <blockquote>{appeal.statement}</blockquote>
      {appeal.ruling ? (
        <p>
          <strong>{label(appeal.ruling.outcome)}</strong> by {appeal.ruling.by}: {appeal.ruling.reason}
        </p>
      ) : (
        <form class="inline-form" onSubmit={(e) => e.preventDefault()}>
          <label for={id}>Ruling reason</label>
          <input id={id} value={reason} required onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button type="button" onClick={() => void rule.run('GRANTED')} disabled={rule.busy}>
            Grant
          </button>
          <button type="button" class="secondary" onClick={() => void rule.run('DENIED')} disabled={rule.busy}>
            Deny
          </button>
        </form>
      )}
      <Problem error={rule.error} />
    </li>
  );
}

export function AppealList({ appeals, named = false, onRuled }: { appeals: Appeal[]; named?: boolean; onRuled: () => void }) {
  if (appeals.length === 0) return <Empty>No appeal.</Empty>;
  return (
    <ul class="appeals">
      {appeals.map((a) => (
        <AppealItem key={a.id} appeal={a} name={named ? a.supplierName : undefined} onRuled={onRuled} />
      ))}
    </ul>
  );
}
