import { dateTime } from '../../format';
import type { Decision } from '../../types';
import { Badge, Empty } from '../ui';

/** What happened to the supplier, why (the reason the decision recorded) and the next step it was given. */
export function DecisionList({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return <Empty>No decision yet.</Empty>;
  return (
    <ol class="timeline">
      {decisions.map((d) => (
        <li key={d.id} class="decision" data-kind={d.kind}>
          <div class="row">
            <Badge value={d.kind} />
            <span>
              <Badge value={d.fromStatus} /> → <Badge value={d.toStatus} />
            </span>
            <span class="muted">
              as of {d.asOf} · {dateTime(d.createdAt)} · by {d.actor}
            </span>
          </div>
          <p class="reason">
            <strong>Why: </strong>
            {d.reason}
          </p>
          {d.nextStep && (
            <p class="next-step">
              <strong>Next step: </strong>
              {d.nextStep}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
