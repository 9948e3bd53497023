import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidV7 } from '../common/ids/uuid-v7.js';
import { decodeCursor, toPage, type Page } from '../common/pagination/page.js';
import { recordDecisionEvents } from './decision-outbox.js';
import { DecisionEntity } from './decision.entity.js';
import { decisionFromEntity } from './decision.mapper.js';
import type { Decision, NewDecision } from './domain/decision.js';

@Injectable()
export class DecisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends a decision inside the caller's transaction (with its event, if any); decisions are never updated. */
  async append(manager: EntityManager, decision: NewDecision): Promise<Decision> {
    const saved = await manager.save(manager.create(DecisionEntity, decision));
    const written = decisionFromEntity(await manager.findOneByOrFail(DecisionEntity, { id: saved.id }));
    await recordDecisionEvents(manager, [written]);
    return written;
  }

  /**
   * Appends many decisions in the caller's transaction; an automated decision that already exists
   * for the same supplier, kind and as-of date is skipped. Returns the ones written, in the order
   * given. Ids are made here (time-ordered), so nothing but the keys travels back (a run writes tens
   * of thousands).
   */
  async appendMany(manager: EntityManager, decisions: NewDecision[]): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    const prepared = decisions.map((d) => ({ ...d, id: uuidV7(), runId: d.runId ?? null }));
    const rows = (await manager.query(
      `INSERT INTO decisions (id, supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id)
       SELECT d.id, d.supplier_id, d.kind, d.from_status, d.to_status, d.as_of, d.policy_version, d.evidence, d.reason, d.next_step, d.actor, d.run_id
         FROM json_to_recordset($1::json) AS d(id uuid, supplier_id uuid, kind text, from_status text, to_status text, as_of date,
              policy_version int, evidence jsonb, reason text, next_step text, actor text, run_id uuid)
       ON CONFLICT DO NOTHING
       RETURNING id, seq, created_at`,
      [
        JSON.stringify(
          prepared.map((d) => ({
            id: d.id,
            supplier_id: d.supplierId,
            kind: d.kind,
            from_status: d.fromStatus,
            to_status: d.toStatus,
            as_of: d.asOf,
            policy_version: d.policyVersion,
            evidence: d.evidence,
            reason: d.reason,
            next_step: d.nextStep,
            actor: d.actor,
            run_id: d.runId,
          })),
        ),
      ],
    )) as Array<{ id: string; seq: string; created_at: Date }>;
    const stored = new Map(rows.map((r) => [r.id, r]));
    const written: Decision[] = [];
    for (const d of prepared) {
      const row = stored.get(d.id);
      if (row) written.push({ ...d, seq: String(row.seq), createdAt: row.created_at });
    }
    await recordDecisionEvents(manager, written);
    return written;
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
