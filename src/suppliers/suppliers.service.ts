import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { todayUtc } from '../common/time/dates.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import type { Decision } from '../decisions/domain/decision.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { Supplier } from './domain/supplier.js';
import { type ManualTarget, type SupplierStatus, type Tier, transitionRefusal } from './domain/supplier-lifecycle.js';
import { SupplierEntity } from './supplier.entity.js';
import { SupplierException, SupplierExceptionCode } from './supplier.exception.js';
import { supplierFromEntity } from './supplier.mapper.js';

export interface NewSupplier {
  externalRef: string;
  name: string;
  category: string;
  city?: string;
  themes?: string[];
}

export interface SupplierFilter {
  category?: string;
  status?: SupplierStatus;
  tier?: Tier;
  limit?: number;
  cursor?: string;
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class SuppliersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly decisions: DecisionsService,
  ) {}

  async create(input: NewSupplier, principal: Principal): Promise<Supplier> {
    assertCategoryAccess(principal, input.category);
    if (!(await this.policies.findLatest(input.category))) {
      throw new SupplierException(
        SupplierExceptionCode.UNKNOWN_CATEGORY,
        `Category "${input.category}" has no policy; publish one with PUT /v1/policies/${input.category} first`,
        [{ field: 'category', message: 'has no policy' }],
      );
    }
    const entity = this.dataSource.manager.create(SupplierEntity, {
      externalRef: input.externalRef,
      name: input.name.trim(),
      category: input.category,
      city: input.city?.trim() ?? null,
      themes: [...new Set((input.themes ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      status: 'APPLICANT',
      tier: null,
    });
    try {
      const saved = await this.dataSource.manager.save(entity);
      return this.get(saved.id);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new SupplierException(
          SupplierExceptionCode.DUPLICATE_EXTERNAL_REF,
          `A supplier with externalRef "${input.externalRef}" already exists`,
          [{ field: 'externalRef', message: 'is already used by another supplier' }],
        );
      }
      throw error;
    }
  }

  /**
   * Registers suppliers that do not exist yet (by externalRef), as applicants of one category;
   * existing ones are left as they are. Returns how many were created. Used by bulk imports.
   */
  async createMissing(category: string, seeds: Array<{ externalRef: string; name: string; city?: string }>): Promise<number> {
    if (!(await this.policies.findLatest(category))) {
      throw new SupplierException(
        SupplierExceptionCode.UNKNOWN_CATEGORY,
        `Category "${category}" has no policy; publish one first (PUT /v1/policies/${category})`,
      );
    }
    if (seeds.length === 0) return 0;
    const rows = (await this.dataSource.query(
      `INSERT INTO suppliers (external_ref, name, category, city)
       SELECT ref, name, $4, city FROM unnest($1::text[], $2::text[], $3::text[]) AS s(ref, name, city)
       ON CONFLICT (external_ref) DO NOTHING
       RETURNING id`,
      [
        seeds.map((s) => s.externalRef),
        seeds.map((s) => s.name.trim().slice(0, 300)),
        seeds.map((s) => s.city?.trim().slice(0, 120) ?? null),
        category,
      ],
    )) as unknown[];
    return rows.length;
  }

  async get(id: string): Promise<Supplier> {
    const entity = await this.dataSource.manager.findOneBy(SupplierEntity, { id });
    if (!entity) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${id} does not exist`);
    return supplierFromEntity(entity);
  }

  /** The supplier, if the caller may see its category (403 otherwise). */
  async getVisible(id: string, principal: Principal): Promise<Supplier> {
    const supplier = await this.get(id);
    assertCategoryAccess(principal, supplier.category);
    return supplier;
  }

  async list(filter: SupplierFilter, principal: Principal): Promise<Page<Supplier>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(filter.cursor);
    if (filter.category) assertCategoryAccess(principal, filter.category);
    const qb = this.dataSource.manager
      .createQueryBuilder(SupplierEntity, 's')
      .orderBy('s.seq', 'ASC')
      .take(limit + 1);
    if (filter.category) qb.andWhere('s.category = :category', { category: filter.category });
    const scope = categoryScope(principal);
    if (scope) qb.andWhere('s.category = ANY(:scope)', { scope: [...scope] });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.tier) qb.andWhere('s.tier = :tier', { tier: filter.tier });
    if (after !== undefined) qb.andWhere('s.seq > :after', { after });
    const rows = await qb.getMany();
    return toPage(rows, limit, (r) => r.seq, supplierFromEntity);
  }

  /**
   * Locks the supplier row for a status change in the caller's transaction (404 when unknown,
   * 403 when the caller does not manage its category). Every status change starts here.
   */
  async lockForChange(manager: EntityManager, id: string, principal: Principal): Promise<SupplierEntity> {
    const entity = await manager.findOne(SupplierEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entity) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${id} does not exist`);
    assertCategoryAccess(principal, entity.category);
    return entity;
  }

  /**
   * Writes a status change to a supplier locked by lockForChange: the status as of a date, any
   * probation cleared, and the new tier when the change brings one (admission does).
   */
  async moveStatus(manager: EntityManager, id: string, status: SupplierStatus, asOf: string, tier?: Tier | null): Promise<void> {
    await manager.update(SupplierEntity, { id }, {
      status,
      ...(tier === undefined ? {} : { tier }),
      statusAsOf: asOf,
      probationEndsAt: null,
      updatedAt: () => 'now()',
    } as never);
  }

  /** A manager's status change: checked against the lifecycle, recorded as an OVERRIDE decision. */
  async changeStatus(
    id: string,
    target: ManualTarget,
    reason: string,
    principal: Principal,
  ): Promise<{ supplier: Supplier; decision: Decision }> {
    return this.dataSource.transaction(async (manager) => {
      const entity = await this.lockForChange(manager, id, principal);
      const from = entity.status;
      const refusal = transitionRefusal(from, target, 'MANUAL');
      if (refusal) {
        throw new SupplierException(SupplierExceptionCode.ILLEGAL_TRANSITION, refusal, [{ field: 'status', message: refusal }]);
      }
      const asOf = todayUtc();
      const policy = await this.policies.findLatest(entity.category, manager);
      await this.moveStatus(manager, id, target, asOf);
      const decision = await this.decisions.append(manager, {
        supplierId: id,
        kind: 'OVERRIDE',
        fromStatus: from,
        toStatus: target,
        asOf,
        policyVersion: policy?.version ?? null,
        evidence: { manual: true, tierAtOverride: entity.tier },
        reason: reason.trim(),
        nextStep: null,
        actor: principal.sub,
      });
      const updated = await manager.findOneByOrFail(SupplierEntity, { id });
      return { supplier: supplierFromEntity(updated), decision };
    });
  }
}
