import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { Principal } from '../../common/auth/principal.js';
import { todayUtc } from '../../common/time/dates.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { Supplier } from '../../suppliers/domain/supplier.js';
import { standingOf, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { OverrideWarningsService } from '../override-warnings.service.js';
import { HoldException, HoldExceptionCode } from './hold.exception.js';

/**
 * A manager lifts a hold early (DELETE /v1/suppliers/{id}/hold): from the next run on, the rules
 * apply again. Answers with what that run would do on today's evaluation.
 */
@Injectable()
export class LiftHoldUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
    private readonly standing: SuppliersRepository,
    private readonly policies: PoliciesService,
    private readonly warnings: OverrideWarningsService,
  ) {}

  async execute(supplierId: string, principal: Principal): Promise<{ supplier: Supplier; warnings: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const supplier = await this.suppliers.lockForChange(manager, supplierId, principal);
      if (supplier.holdUntil === null) {
        throw new HoldException(HoldExceptionCode.NO_HOLD, `Supplier ${supplierId} has no hold to lift`);
      }
      const today = todayUtc();
      const to = { ...standingOf(supplier), holdUntil: null };
      await this.standing.changeLockedStanding(manager, 'MANUAL', today, { id: supplierId, from: supplier, to });
      const policy = await this.policies.findLatest(supplier.category, manager);
      const warnings = await this.warnings.warningsFor(manager, { id: supplierId, ...to }, policy, today);
      return { supplier: (await this.standing.find(supplierId, manager))!, warnings };
    });
  }
}
