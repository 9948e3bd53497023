import { Inject, Injectable } from '@nestjs/common';

import type { Principal } from '../../common/auth/principal.js';
import { resolveAsOf } from '../../common/time/as-of.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { COMPLAINT_SIGNAL, type ComplaintSignal } from '../../scoring/signals/complaint-signal.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { nextStep } from '../domain/next-step.js';
import type { SanctionKind } from '../domain/sanctions.js';
import { scoreBatch, standingAfter } from '../supplier-scoring.js';

/** What a scoring run dated `asOf` would do to a supplier as it stands: the same reads and pure rules as a run, written nowhere. */
export interface Projection {
  asOf: string;
  decision: SanctionKind | null;
  status: string;
  tier: string | null;
  probationEndsAt: string | null;
  reason: string | null;
  nextStep: string;
}

@Injectable()
export class SupplierProjectionService {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly reviews: ReviewSignal,
    @Inject(COMPLAINT_SIGNAL) private readonly complaints: ComplaintSignal,
  ) {}

  async project(supplierId: string, asOf: string | undefined, principal: Principal): Promise<Projection> {
    const supplier = await this.suppliers.getVisible(supplierId, principal);
    const policy = await this.policies.getLatest(supplier.category);
    const date = resolveAsOf(asOf);
    const [scored] = await scoreBatch([supplier], () => policy, date, { reviews: this.reviews, complaints: this.complaints });
    const after = standingAfter(supplier, scored.outcome);
    return {
      asOf: date,
      decision: scored.outcome.decision,
      status: after.status,
      tier: after.tier,
      probationEndsAt: after.probationEndsAt,
      reason: scored.outcome.reason,
      nextStep: nextStep(
        {
          status: after.status,
          probationEndsAt: after.probationEndsAt,
          auditFailedOn: after.auditFailedOn,
          complaints: scored.outcome.complaints,
        },
        scored.evaluation,
        policy,
      ),
    };
  }
}
