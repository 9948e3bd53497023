import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { Principal } from '../../common/auth/principal.js';
import { todayUtc } from '../../common/time/dates.js';
import { DecisionsService } from '../../decisions/decisions.service.js';
import type { Decision } from '../../decisions/domain/decision.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { Supplier } from '../../suppliers/domain/supplier.js';
import { standingOf, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { holdLiftedReason } from '../domain/hold.js';
import { OverrideWarningsService } from '../override-warnings.service.js';
import { HoldException, HoldExceptionCode } from './hold.exception.js';

/** A manager lifts a hold early (DELETE /v1/suppliers/{id}/hold). */
export interface LiftHoldCommand {
  supplierId: string;
  /** The manager's own words, when given; the decision's reason says which hold ended in any case. */
  reason?: string;
  principal: Principal;
}

/**
 * A manager lifts a hold early: from the next run on, the rules apply again. Recorded as a
 * HOLD_LIFTED decision (the status stays; no event), with the hold it ended and what the manager
 * was told. Answers with what that run would do on today's evaluation.
 */
@Injectable()
export class LiftHoldUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
    private readonly standing: SuppliersRepository,
    private readonly policies: PoliciesService,
    private readonly decisions: DecisionsService,
    private readonly warnings: OverrideWarningsService,
  ) {}

  async execute(command: LiftHoldCommand): Promise<{ supplier: Supplier; decision: Decision; warnings: string[] }> {
    const { supplierId, principal } = command;
    return this.dataSource.transaction(async (manager) => {
      const supplier = await this.suppliers.lockForChange(manager, supplierId, principal);
      const holdUntil = supplier.holdUntil;
      if (holdUntil === null) {
        throw new HoldException(HoldExceptionCode.NO_HOLD, `Supplier ${supplierId} has no hold to lift`);
      }
      const today = todayUtc();
      const to = { ...standingOf(supplier), holdUntil: null };
      await this.standing.changeLockedStanding(manager, 'MANUAL', today, { id: supplierId, from: supplier, to });
      const policy = await this.policies.findLatest(supplier.category, manager);
      const warnings = await this.warnings.warningsFor(manager, { id: supplierId, ...to }, policy, today);
      const decision = await this.decisions.append(manager, {
        supplierId,
        kind: 'HOLD_LIFTED',
        fromStatus: supplier.status,
        toStatus: supplier.status,
        asOf: today,
        policyVersion: policy?.version ?? null,
        evidence: { manual: true, holdUntil, liftedOn: today, warnings },
        reason: holdLiftedReason(holdUntil, command.reason),
        nextStep: null,
        actor: principal.sub,
      });
      return { supplier: (await this.standing.find(supplierId, manager))!, decision, warnings };
    });
  }
}
