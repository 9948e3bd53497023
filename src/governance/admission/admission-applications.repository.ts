import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { Evaluation } from '../../scoring/domain/evaluation.js';
import { SupplierEntity } from '../../suppliers/supplier.entity.js';
import { AdmissionApplicationEntity } from './admission-application.entity.js';

export interface NewApplication {
  supplierId: string;
  asOf: string;
  outcome: AdmissionApplicationEntity['outcome'];
  evaluation: Evaluation;
  reason: string;
  nextStep: string;
  policyVersion: number;
  createdBy: string;
}

/** The one writer of `admission_applications`. */
@Injectable()
export class AdmissionApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, application: NewApplication): Promise<AdmissionApplicationEntity> {
    const saved = await manager.save(manager.create(AdmissionApplicationEntity, application));
    return manager.findOneByOrFail(AdmissionApplicationEntity, { id: saved.id });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<AdmissionApplicationEntity> {
    return manager.findOneByOrFail(AdmissionApplicationEntity, { id });
  }

  async lock(manager: EntityManager, id: string): Promise<AdmissionApplicationEntity | null> {
    return manager.findOne(AdmissionApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async latestOf(manager: EntityManager, supplierId: string): Promise<AdmissionApplicationEntity | null> {
    return manager.findOne(AdmissionApplicationEntity, { where: { supplierId }, order: { seq: 'DESC' } });
  }

  async recordOverride(manager: EntityManager, id: string, outcome: 'ADMITTED' | 'REJECTED', reason: string, by: string): Promise<void> {
    await manager.update(AdmissionApplicationEntity, { id }, {
      overrideOutcome: outcome,
      overrideReason: reason,
      overriddenBy: by,
      overriddenAt: () => 'now()',
    } as never);
  }

  /** Newest first; `scope` limits to suppliers of those categories (null: all). */
  async list(filter: {
    supplierId?: string;
    scope: readonly string[] | null;
    before?: string;
    limit: number;
  }): Promise<AdmissionApplicationEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AdmissionApplicationEntity, 'a')
      .innerJoin(SupplierEntity, 's', 's.id = a.supplier_id')
      .orderBy('a.seq', 'DESC')
      .take(filter.limit + 1);
    if (filter.supplierId) qb.andWhere('a.supplier_id = :supplierId', { supplierId: filter.supplierId });
    if (filter.scope) qb.andWhere('s.category = ANY(:scope)', { scope: [...filter.scope] });
    if (filter.before !== undefined) qb.andWhere('a.seq < :before', { before: filter.before });
    return qb.getMany();
  }
}
