import { useState } from 'preact/hooks';

import { del, get, post } from '../../api';
import { date, label } from '../../format';
import type { Aspect, ExclusionProposal, Review } from '../../types';
import { Badge, Empty, Problem, useAction } from '../ui';

function Aspects({ aspects }: { aspects: Aspect[] }) {
  if (aspects.length === 0) return <span class="muted">No aspect tagged.</span>;
  return (
    <ul class="aspects">
      {aspects.map((a, i) => (
        <li key={i} class={`aspect ${a.polarity.toLowerCase()}`} title={a.evidence}>
          {label(a.key)}: {a.polarity.toLowerCase()} <q>{a.evidence}</q>
        </li>
      ))}
    </ul>
  );
}

/** One review, its aspects (from the list or, on demand, the review's own page) and its exclusion. */
function ReviewItem({ review, proposal, onChanged }: { review: Review; proposal?: ExclusionProposal; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [acting, setActing] = useState(false);
  const [aspects, setAspects] = useState<Aspect[] | undefined>(review.aspects);
  const exclude = useAction(() => post(`/v1/reviews/${review.id}/exclusion`, { reason }), onChanged);
  const revert = useAction(() => del(`/v1/reviews/${review.id}/exclusion`, reason ? { reason } : {}), onChanged);
  const details = useAction(async () => setAspects((await get<Review>(`/v1/reviews/${review.id}`)).aspects ?? []));
  const decide = useAction(
    (accept: boolean) =>
      post(`/v1/exclusion-proposals/${proposal?.id}/${accept ? 'accept' : 'reject'}`, accept ? (reason ? { reason } : {}) : { reason }),
    onChanged,
  );
  const reasonId = `reason-${review.id}`;
  return (
    <li class={`review${review.excluded ? ' excluded' : ''}`} data-review={review.externalId}>
      <div class="row">
        <strong aria-label={`${review.rating} of 5 stars`}>{'★'.repeat(review.rating) + '☆'.repeat(5 - review.rating)}</strong>
        <span class="muted">
          {date(review.reviewedAt)} · {review.externalId}
        </span>
        {review.excluded && <Badge value="EXCLUDED" />}
      </div>
      {review.title && <p class="title">{review.title}</p>}
      {review.text && <p>{review.text}</p>}
      {review.excluded && review.excludedReason && <p class="muted">Excluded: {review.excludedReason}</p>}
      {aspects ? (
        <Aspects aspects={aspects} />
      ) : (
        <button type="button" class="link" onClick={() => void details.run()} disabled={details.busy}>
          Show aspects
        </button>
      )}
      {proposal && proposal.status === 'PENDING' && <p class="notice">The tagger proposes excluding this review.</p>}
      {acting ? (
        <div class="inline-form">
          <label for={reasonId}>Reason</label>
          <input id={reasonId} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} placeholder="Why" />
          {proposal && proposal.status === 'PENDING' ? (
            <>
              <button type="button" onClick={() => void decide.run(true)} disabled={decide.busy}>
                Accept proposal
              </button>
              <button type="button" class="secondary" onClick={() => void decide.run(false)} disabled={decide.busy}>
                Reject proposal
              </button>
            </>
          ) : review.excluded ? (
            <button type="button" onClick={() => void revert.run()} disabled={revert.busy}>
              Revert exclusion
            </button>
          ) : (
            <button type="button" onClick={() => void exclude.run()} disabled={exclude.busy}>
              Exclude review
            </button>
          )}
          <button type="button" class="secondary" onClick={() => setActing(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="secondary small" onClick={() => setActing(true)}>
          {proposal && proposal.status === 'PENDING' ? 'Decide the proposal…' : review.excluded ? 'Revert…' : 'Exclude…'}
        </button>
      )}
      <Problem error={exclude.error ?? revert.error ?? details.error ?? decide.error} />
    </li>
  );
}

export function ReviewList({
  reviews,
  proposals,
  onChanged,
}: {
  reviews: Review[];
  proposals: ExclusionProposal[];
  onChanged: () => void;
}) {
  if (reviews.length === 0) return <Empty>No review.</Empty>;
  const byReview = new Map(proposals.map((p) => [p.reviewId, p]));
  return (
    <ul class="reviews">
      {reviews.map((r) => (
        <ReviewItem key={r.id} review={r} proposal={byReview.get(r.id)} onChanged={onChanged} />
      ))}
    </ul>
  );
}
