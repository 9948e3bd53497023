import type { ScorecardDto } from './dto/scorecard.dto.js';
import type { Scorecard } from './scorecard.service.js';

export function scorecardToResponse(card: Scorecard): ScorecardDto {
  return {
    supplierId: card.supplierId,
    asOf: card.asOf,
    policyVersion: card.policyVersion,
    windows: card.windows,
    evaluation: {
      windowDays: card.evaluation.windowDays,
      rate: card.evaluation.rate,
      tier: card.evaluation.tier,
      rateMethod: card.rateMethod,
      n: card.evaluation.n,
      positives: card.evaluation.positives,
      minReviews: card.minReviews,
    },
    complaints: card.complaints,
  };
}
