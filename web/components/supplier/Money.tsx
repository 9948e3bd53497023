import { date, label, money } from '../../format';
import type { Audit, Complaint, Ledger } from '../../types';
import { Badge, Empty } from '../ui';

export function ComplaintList({ complaints }: { complaints: Complaint[] }) {
  if (complaints.length === 0) return <Empty>No complaint.</Empty>;
  return (
    <ul class="plain">
      {complaints.map((c) => (
        <li key={c.id}>
          <Badge value={c.status} /> <strong>{label(c.complaintCategory)}</strong> ({label(c.severity).toLowerCase()}), opened{' '}
          {date(c.openedAt)}
          {c.fault && <> · fault {label(c.fault).toLowerCase()}</>}
          {(c.overdue.response || c.overdue.resolution) && <Badge value="OVERDUE" />}
          <div class="muted">{c.description}</div>
        </li>
      ))}
    </ul>
  );
}

export function LedgerView({ ledger }: { ledger: Ledger }) {
  if (ledger.items.length === 0) return <Empty>No ledger entry.</Empty>;
  return (
    <>
      <ul class="plain">
        {ledger.balances.map((b) => (
          <li key={b.currency}>
            <strong>{money(b.outstanding, b.currency)}</strong> outstanding: paid on its behalf {money(b.paidOnBehalf, b.currency)}, charged{' '}
            {money(b.charged, b.currency)}, settled {money(b.settled, b.currency)}, waived {money(b.waived, b.currency)}
          </li>
        ))}
      </ul>
      <ul class="plain">
        {ledger.items.map((e) => (
          <li key={e.id}>
            {date(e.occurredAt)} <Badge value={e.kind} /> {money(e.amount, e.currency)} {e.reference ?? e.reason ?? ''}
          </li>
        ))}
      </ul>
    </>
  );
}

export function AuditList({ audits }: { audits: Audit[] }) {
  if (audits.length === 0) return <Empty>No audit.</Empty>;
  return (
    <ul class="plain">
      {audits.map((a) => (
        <li key={a.id}>
          <Badge value={a.status} /> due {date(a.dueAt)} · {a.reasons.map(label).join(', ') || 'manual'}
          {a.score !== null && <> · score {a.score}</>}
          {a.reviewNote && <div class="muted">{a.reviewNote}</div>}
        </li>
      ))}
    </ul>
  );
}
