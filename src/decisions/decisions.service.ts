import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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
   * for the same supplier, kind and as-of date is skipped. Returns the ones written.
   */
  async appendMany(manager: EntityManager, decisions: NewDecision[]): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id)
       SELECT d.supplier_id, d.kind, d.from_status, d.to_status, d.as_of, d.policy_version, d.evidence, d.reason, d.next_step, d.actor, d.run_id
         FROM jsonb_to_recordset($1::jsonb) AS d(supplier_id uuid, kind text, from_status text, to_status text, as_of date,
              policy_version int, evidence jsonb, reason text, next_step text, actor text, run_id uuid)
       ON CONFLICT DO NOTHING
       RETURNING id, seq, supplier_id, kind, from_status, to_status, to_char(as_of, 'YYYY-MM-DD') AS as_of, policy_version, evidence,
                 reason, next_step, actor, run_id, created_at`,
      [
        JSON.stringify(
          decisions.map((d) => ({
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
            run_id: d.runId ?? null,
          })),
        ),
      ],
    )) as Array<Record<string, unknown>>;
    const written = rows.map((r) => ({
      id: r.id as string,
      seq: String(r.seq),
      supplierId: r.supplier_id as string,
      kind: r.kind as Decision['kind'],
      fromStatus: r.from_status as Decision['fromStatus'],
      toStatus: r.to_status as Decision['toStatus'],
      asOf: r.as_of as string,
      policyVersion: r.policy_version as number | null,
      evidence: r.evidence as Record<string, unknown> | null,
      reason: r.reason as string,
      nextStep: r.next_step as string | null,
      actor: r.actor as string,
      runId: r.run_id as string | null,
      createdAt: r.created_at as Date,
    }));
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
