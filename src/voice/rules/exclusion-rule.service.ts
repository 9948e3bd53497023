import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { AutoExclusion } from '../../policies/domain/aspects.js';
import { ReviewsService } from '../../reviews/reviews.service.js';
import { ExclusionProposalsRepository } from '../proposals/exclusion-proposals.repository.js';
import { NON_CONTROLLABLE_ASPECTS, RULE_ACTOR, ruleReason } from './exclusion-rule.js';

/** A review the rule found to be a candidate, with the non-controllable aspects it read. */
export interface RuleCandidate {
  reviewId: string;
  supplierId: string;
  category: string;
  policyVersion: number;
  mode: AutoExclusion;
  /** Whether the review was excluded when it was claimed (re-checked under its lock before an exclusion). */
  excluded: boolean;
  aspects: string[];
}

/**
 * Acts on the rule's candidates in the tagger's transaction, per each policy's `autoExclusion`,
 * never against a person's decision (PRODUCT.md, "Trust rules"): a review already excluded, or
 * one whose exclusion someone reverted, is left alone; a review is proposed at most once, ever, so
 * a rejected or accepted proposal is never made again, and the rule does not apply an exclusion a
 * manager rejected. A PENDING proposal of a review the rule then applies is closed as ACCEPTED by
 * the rule.
 */
@Injectable()
export class ExclusionRuleService {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly proposals: ExclusionProposalsRepository,
  ) {}

  /** What the rule did: proposals queued, exclusions applied and the reviews it excluded. */
  async act(manager: EntityManager, candidates: RuleCandidate[]): Promise<{ proposed: number; applied: number; excluded: Set<string> }> {
    const excluded = new Set<string>();
    const acting = candidates.filter((c) => c.mode !== 'OFF' && !c.excluded);
    if (acting.length === 0) return { proposed: 0, applied: 0, excluded };
    const ids = acting.map((c) => c.reviewId);
    const reverted = await this.reviews.revertedAmong(manager, ids);
    const proposed = await this.proposals.statusOf(manager, ids);
    const open = acting.filter((c) => !reverted.has(c.reviewId) && (proposed.get(c.reviewId) ?? 'PENDING') === 'PENDING');
    const toPropose = open.filter((c) => c.mode === 'PROPOSE' && !proposed.has(c.reviewId));
    const added = await this.proposals.insertPending(manager, toPropose);
    for (const c of open.filter((x) => x.mode === 'APPLY').sort((a, b) => (a.reviewId < b.reviewId ? -1 : 1))) {
      const reason = ruleReason(c.aspects);
      if (
        !(await this.reviews.excludeByRuleIn(manager, c.reviewId, reason, RULE_ACTOR, {
          rule: NON_CONTROLLABLE_ASPECTS,
          aspects: c.aspects,
        }))
      )
        continue;
      excluded.add(c.reviewId);
      if (proposed.has(c.reviewId)) await this.proposals.decide(manager, { reviewId: c.reviewId }, 'ACCEPTED', reason, RULE_ACTOR);
    }
    return { proposed: added, applied: excluded.size, excluded };
  }
}
