import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { Principal } from '../../common/auth/principal.js';
import { todayUtc } from '../../common/time/dates.js';
import { DecisionsService } from '../../decisions/decisions.service.js';
import type { Decision } from '../../decisions/domain/decision.js';
import type { Policy } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { evaluate, windowsToCount } from '../../scoring/domain/evaluation.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import type { Supplier } from '../../suppliers/domain/supplier.js';
import { type ManualTarget, type SupplierStatus, transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { standingOf, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { cooldownEndsOn } from '../domain/admission.js';
import { holdNextStep, holdRefusal } from '../domain/hold.js';
import { nextStep } from '../domain/next-step.js';
import { OverrideWarningsService } from '../override-warnings.service.js';
import { HoldException, HoldExceptionCode } from './hold.exception.js';

/** A manager's status change (POST /v1/suppliers/{id}/status). */
export interface ChangeSupplierStatusCommand {
  supplierId: string;
  target: ManualTarget;
  reason: string;
  /** Only on a change to ACTIVE: runs make no sanction decision through this date. */
  holdUntil?: string;
  principal: Principal;
}

/** Refuses a hold the rules do not allow (422 naming holdUntil), before anything is read or written. */
export function assertHoldAllowed(holdUntil: string | undefined, target: SupplierStatus, today: string): void {
  if (holdUntil === undefined) return;
  const refusal = holdRefusal(holdUntil, target, today);
  if (refusal !== null) {
    throw new HoldException(HoldExceptionCode.INVALID_HOLD, `holdUntil ${refusal}`, [{ field: 'holdUntil', message: refusal }]);
  }
}

/**
 * A manager sets a status by hand: checked against the lifecycle, recorded as an OVERRIDE
 * decision. The change replaces any hold: the one it carries (to ACTIVE only), or none. It
 * answers with what the next run would do to the supplier on today's evaluation.
 */
@Injectable()
export class ChangeSupplierStatusUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
    private readonly standing: SuppliersRepository,
    private readonly policies: PoliciesService,
    private readonly decisions: DecisionsService,
    @Inject(REVIEW_SIGNAL) private readonly reviews: ReviewSignal,
    private readonly warnings: OverrideWarningsService,
  ) {}

  async execute(command: ChangeSupplierStatusCommand): Promise<{ supplier: Supplier; decision: Decision; warnings: string[] }> {
    const { supplierId: id, target, principal } = command;
    const asOf = todayUtc();
    assertHoldAllowed(command.holdUntil, target, asOf);
    const holdUntil = command.holdUntil ?? null;
    return this.dataSource.transaction(async (manager) => {
      const supplier = await this.suppliers.lockForChange(manager, id, principal);
      const from = supplier.status;
      const refusal = transitionRefusal(from, target, 'MANUAL');
      if (refusal) {
        throw new SupplierException(SupplierExceptionCode.ILLEGAL_TRANSITION, refusal, [{ field: 'status', message: refusal }]);
      }
      const policy = await this.policies.findLatest(supplier.category, manager);
      const to = { ...standingOf(supplier), status: target, probationEndsAt: null, holdUntil };
      await this.standing.changeLockedStanding(manager, 'MANUAL', asOf, { id, from: supplier, to }, { restartStatusDate: true });
      const warnings = await this.warnings.warningsFor(manager, { id, ...to }, policy, asOf);
      const step = policy ? await this.nextStepAfter(manager, supplier.id, target, asOf, policy) : null;
      const decision = await this.decisions.append(manager, {
        supplierId: id,
        kind: 'OVERRIDE',
        fromStatus: from,
        toStatus: target,
        asOf,
        policyVersion: policy?.version ?? null,
        // What the manager was told is part of what they decided.
        evidence: { manual: true, tierAtOverride: supplier.tier, holdUntil, warnings },
        reason: command.reason.trim(),
        nextStep: holdUntil === null ? step : [holdNextStep(holdUntil), step].filter(Boolean).join(' '),
        actor: principal.sub,
      });
      return { supplier: (await this.standing.find(id, manager))!, decision, warnings };
    });
  }

  /** What the supplier needs after the change, from its reviews as of the change (a suspension: that a manager lifts it). */
  private async nextStepAfter(manager: EntityManager, id: string, target: ManualTarget, asOf: string, policy: Policy): Promise<string> {
    const counts = await this.reviews.countWindows([id], asOf, windowsToCount(policy), policy.positiveMinRating, manager);
    return nextStep(
      { status: target, mayApplyFrom: cooldownEndsOn(target, asOf, asOf, policy) },
      evaluate(policy, counts.get(id)!),
      policy,
    );
  }
}
