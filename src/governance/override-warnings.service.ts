import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Policy } from '../policies/domain/policy.js';
import { decidingWindowCounts } from '../scoring/deciding-window-counts.js';
import { complaintFigures } from '../scoring/domain/complaint-rate.js';
import { evaluate } from '../scoring/domain/evaluation.js';
import { COMPLAINT_SIGNAL, type ComplaintSignal } from '../scoring/signals/complaint-signal.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../scoring/signals/review-signal.js';
import { isLive } from '../suppliers/domain/supplier-lifecycle.js';
import type { SupplierStanding } from '../suppliers/suppliers.repository.js';
import { type OverriddenStanding, overrideWarnings } from './domain/override-warnings.js';

/**
 * The warnings an override answers with: the supplier's evaluation and complaint rate as of
 * today, read as a scoring run reads them, under the same pure rules (domain/override-warnings.ts).
 */
@Injectable()
export class OverrideWarningsService {
  constructor(
    @Inject(REVIEW_SIGNAL) private readonly reviews: ReviewSignal,
    @Inject(COMPLAINT_SIGNAL) private readonly complaints: ComplaintSignal,
  ) {}

  async warningsFor(
    manager: EntityManager,
    supplier: { id: string } & SupplierStanding,
    policy: Policy | null,
    today: string,
  ): Promise<string[]> {
    // Runs leave a supplier that is not live alone; without a policy there is nothing to evaluate.
    if (!isLive(supplier.status) || policy === null) return [];
    const counts = await decidingWindowCounts([supplier.id], policy, today, this.reviews, manager);
    const complaints = await this.complaints.countComplaints([supplier.id], today, policy.complaintWindowDays, manager);
    const standing: OverriddenStanding = supplier;
    return overrideWarnings(
      policy,
      standing,
      evaluate(policy, counts.get(supplier.id)!),
      today,
      complaintFigures(complaints.get(supplier.id)!, policy),
    );
  }
}
