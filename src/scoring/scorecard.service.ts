import { Inject, Injectable } from '@nestjs/common';

import type { Principal } from '../common/auth/principal.js';
import { resolveAsOf } from '../common/time/as-of.js';
import { PoliciesService } from '../policies/policies.service.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { type ComplaintFigures, complaintFigures } from './domain/complaint-rate.js';
import { evaluate, type Evaluation, type WindowStats, windowStats, windowsToCount } from './domain/evaluation.js';
import { COMPLAINT_SIGNAL, type ComplaintSignal } from './signals/complaint-signal.js';
import { REVIEW_SIGNAL, type ReviewSignal } from './signals/review-signal.js';

export interface Scorecard {
  supplierId: string;
  asOf: string;
  policyVersion: number;
  rateMethod: 'RAW' | 'WILSON';
  minReviews: number;
  windows: WindowStats[];
  evaluation: Evaluation;
  /** The complaint rate over the policy's complaint window (rate null below minOrders). */
  complaints: ComplaintFigures;
}

@Injectable()
export class ScorecardService {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly counts: ReviewSignal,
    @Inject(COMPLAINT_SIGNAL) private readonly complaints: ComplaintSignal,
  ) {}

  /** Computed live from the roll-ups (and the complaint signal), for any date, under the supplier's category policy. */
  async scorecard(supplierId: string, asOf: string | undefined, principal: Principal): Promise<Scorecard> {
    const supplier = await this.suppliers.getVisible(supplierId, principal);
    const policy = await this.policies.getLatest(supplier.category);
    const date = resolveAsOf(asOf);
    const byDays = (await this.counts.countWindows([supplier.id], date, windowsToCount(policy), policy.positiveMinRating)).get(
      supplier.id,
    )!;
    const complaints = (await this.complaints.countComplaints([supplier.id], date, policy.complaintWindowDays)).get(supplier.id)!;
    return {
      supplierId: supplier.id,
      asOf: date,
      policyVersion: policy.version,
      rateMethod: policy.rateMethod,
      minReviews: policy.minReviews,
      windows: policy.windows.map((days) => windowStats(days, byDays.get(days)!, policy.confidence)),
      evaluation: evaluate(policy, byDays),
      complaints: complaintFigures(complaints, policy),
    };
  }
}
