import { pct } from '../../format';
import type { Scorecard } from '../../types';
import { Badge } from '../ui';

/** The live scorecard: the evaluation that decides, every window, the complaint rate; `before` shows what changed. */
export function ScorecardView({ card, before }: { card: Scorecard; before?: Scorecard }) {
  const e = card.evaluation;
  const changed = before && (before.evaluation.rate !== e.rate || before.evaluation.n !== e.n);
  return (
    <>
      <p class="figure-line" id="evaluation">
        <strong data-testid="evaluation-rate">{pct(e.rate)}</strong> over {e.windowDays ?? '—'} days ({e.positives} of {e.n} reviews
        positive, {e.rateMethod === 'WILSON' ? 'Wilson lower bound' : 'raw rate'}), tier <Badge value={e.tier} />
      </p>
      {changed && (
        <p class="notice" role="status" id="scorecard-change">
          Scorecard changed: was {pct(before.evaluation.rate)} over {before.evaluation.n} reviews, now {pct(e.rate)} over {e.n}.
        </p>
      )}
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Scorecard windows as of {card.asOf}</caption>
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col" class="num">
                Reviews
              </th>
              <th scope="col" class="num">
                Positive
              </th>
              <th scope="col" class="num">
                Raw rate
              </th>
              <th scope="col" class="num">
                Wilson lower
              </th>
            </tr>
          </thead>
          <tbody>
            {card.windows.map((w) => (
              <tr key={w.days} class={w.days === e.windowDays ? 'current' : undefined}>
                <td data-label="Window">
                  {w.days} days{w.days === e.windowDays ? ' (decides)' : ''}
                </td>
                <td data-label="Reviews" class="num">
                  {w.n}
                </td>
                <td data-label="Positive" class="num">
                  {w.positives}
                </td>
                <td data-label="Raw rate" class="num">
                  {pct(w.rawRate)}
                </td>
                <td data-label="Wilson lower" class="num">
                  {pct(w.wilsonLower)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        As of {card.asOf}, policy version {card.policyVersion}. Complaints: {card.complaints.supplierFault} supplier-fault in{' '}
        {card.complaints.orders} orders over {card.complaints.windowDays} days (
        {card.complaints.rate === null ? 'too few orders to count' : pct(card.complaints.rate, 2)}).
      </p>
    </>
  );
}
