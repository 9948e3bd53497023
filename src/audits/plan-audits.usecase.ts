import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { resolveAsOf } from '../common/time/as-of.js';
import { addDays, todayUtc } from '../common/time/dates.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { AuditTargetsService } from './audit-targets.service.js';
import { type AuditRow, AuditsRepository } from './audits.repository.js';
import { planAssignments, type PlanShopper } from './domain/planning.js';

const UNIQUE_VIOLATION = '23505';

/** Assigning shoppers: planned (a matching over targets and free slots) or by hand, by the same rules. */
@Injectable()
export class PlanAuditsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: AuditTargetsService,
    private readonly repository: AuditsRepository,
    private readonly suppliers: SuppliersRepository,
  ) {}

  /** Plans as many audits as the shoppers can take (see domain/planning.ts) and creates them. */
  async plan(params: { category?: string; asOf?: string; limit?: number; dueInDays?: number }, principal: Principal): Promise<AuditRow[]> {
    const date = resolveAsOf(params.asOf);
    const targets = (await this.targets.targets(params.category, date, principal)).filter((t) => !t.openAudit);
    if (targets.length === 0) return [];
    const info = await this.suppliers.profiles(targets.map((t) => t.supplierId));
    const byId = new Map(info.map((r) => [r.id, r]));
    const shoppers = await this.repository.allShoppers();
    const lastAuditors = await this.repository.lastAuditors(targets.map((t) => t.supplierId));
    const planned = planAssignments(
      targets.map((t) => ({
        supplierId: t.supplierId,
        category: t.category,
        city: byId.get(t.supplierId)!.city,
        themes: byId.get(t.supplierId)!.themes,
        priority: t.priority,
      })),
      shoppers.map((s): PlanShopper => ({
        id: s.id,
        city: s.city,
        categories: s.categories,
        themes: s.themes,
        openAudits: s.open_audits,
        maxOpenAudits: s.max_open_audits,
        conflictSupplierIds: s.conflict_supplier_ids,
      })),
      lastAuditors,
      params.limit,
    );
    const targetOf = new Map(targets.map((t) => [t.supplierId, t]));
    const dueAt = `${addDays(todayUtc(), params.dueInDays ?? 14)}T23:59:59Z`;
    const created: AuditRow[] = [];
    for (const p of planned) {
      const t = targetOf.get(p.supplierId)!;
      const row = await this.repository
        .insertAudit(p.supplierId, p.shopperId, dueAt, t.reasons, t.priority, null, principal.sub)
        .catch((error: unknown) => {
          // Planned concurrently with another plan or a manual assignment: that one stands.
          if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
          throw error;
        });
      if (row) created.push(row);
    }
    return created;
  }

  /** A manager assigns a shopper by hand; the same rules as planning (category, conflicts, capacity). */
  async assign(input: { supplierId: string; shopperId: string; dueAt: string; reason?: string }, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const supplier = await this.suppliers.find(input.supplierId, manager);
      if (!supplier) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${input.supplierId} does not exist`);
      assertCategoryAccess(principal, supplier.category);
      if (supplier.status !== 'ACTIVE' && supplier.status !== 'PROBATION') {
        throw new AuditException(
          AuditExceptionCode.NOT_AUDITABLE,
          `Only ACTIVE or PROBATION suppliers are audited; this one is ${supplier.status}`,
        );
      }
      // Lock the shopper so two assignments cannot both take its last slot.
      await this.repository.lockShopper(manager, input.shopperId);
      const shopper = await this.repository.shopper(input.shopperId, manager);
      const refuse = (message: string, field: string) => {
        throw new AuditException(AuditExceptionCode.NOT_AUDITABLE, message, [{ field, message }]);
      };
      if (!shopper.categories.includes(supplier.category))
        refuse(`the shopper does not audit category "${supplier.category}"`, 'shopperId');
      if (shopper.conflict_supplier_ids.includes(supplier.id)) refuse('the shopper declared a conflict with this supplier', 'shopperId');
      if (shopper.open_audits >= shopper.max_open_audits)
        refuse(`the shopper has no free slot (${shopper.open_audits}/${shopper.max_open_audits} open)`, 'shopperId');
      if (Date.parse(input.dueAt) <= Date.now()) refuse('must be in the future', 'dueAt');
      try {
        return await this.repository.insertAudit(
          supplier.id,
          shopper.id,
          input.dueAt,
          [],
          null,
          input.reason ?? null,
          principal.sub,
          manager,
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new AuditException(AuditExceptionCode.NOT_AUDITABLE, 'The supplier already has an open audit', [
            { field: 'supplierId', message: 'already has an open audit' },
          ]);
        }
        throw error;
      }
    });
  }
}
