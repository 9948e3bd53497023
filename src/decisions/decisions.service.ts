import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../common/pagination/page.js';
import { DecisionEntity } from './decision.entity.js';
import { decisionFromEntity } from './decision.mapper.js';
import type { Decision, NewDecision } from './domain/decision.js';

@Injectable()
export class DecisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends a decision inside the caller's transaction; decisions are never updated. */
  async append(manager: EntityManager, decision: NewDecision): Promise<Decision> {
    const saved = await manager.save(manager.create(DecisionEntity, decision));
    const reloaded = await manager.findOneByOrFail(DecisionEntity, { id: saved.id });
    return decisionFromEntity(reloaded);
  }

  /** A supplier's decisions, newest first. */
  async listForSupplier(supplierId: string, limit: number, cursor?: string): Promise<Page<Decision>> {
    const before = decodeCursor(cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(DecisionEntity, 'd')
      .where('d.supplier_id = :supplierId', { supplierId })
      .orderBy('d.seq', 'DESC')
      .take(limit + 1);
    if (before !== undefined) qb.andWhere('d.seq < :before', { before });
    const rows = await qb.getMany();
    return toPage(rows, limit, (r) => r.seq, decisionFromEntity);
  }
}
