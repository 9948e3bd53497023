import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidV7 } from '../common/ids/uuid-v7.js';
import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
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
   * given. A run writes tens of thousands at once, so the rows travel as column lists (a JSON
   * document of records cost PostgreSQL some 45 µs a record to take apart, and Node megabytes of
   * garbage), ids are made here (time-ordered) and only the keys come back.
   */
  async appendMany(manager: EntityManager, decisions: NewDecision[]): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    const prepared = decisions.map((d) => ({ ...d, id: uuidV7(), runId: d.runId ?? null }));
    const [result] = (await manager.query(
      `WITH written AS (
       INSERT INTO decisions (id, supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id, audit_id)
       SELECT d.id, d.supplier_id, d.kind, d.from_status, d.to_status, d.as_of, d.policy_version, d.evidence::jsonb, d.reason, d.next_step, d.actor, d.run_id, d.audit_id
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::uuid[], string_to_array($3, ','), string_to_array($4, ','),
                     string_to_array($5, ','), string_to_array($6, ',')::date[], string_to_array($7, ',', '')::int[], ${textList(8)},
                     ${textList(9)}, ${textList(10)}, ${textList(11)}, string_to_array($12, ',', '')::uuid[], string_to_array($13, ',', '')::uuid[])
              AS d(id, supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id, audit_id)
       ON CONFLICT DO NOTHING
       RETURNING id, seq)
       SELECT string_agg(id::text || ' ' || seq, ',') AS keys, now() AS created_at FROM written`,
      [
        sqlList(prepared.map((d) => d.id)),
        sqlList(prepared.map((d) => d.supplierId)),
        sqlList(prepared.map((d) => d.kind)),
        sqlList(prepared.map((d) => d.fromStatus)),
        sqlList(prepared.map((d) => d.toStatus)),
        sqlList(prepared.map((d) => d.asOf)),
        sqlList(prepared.map((d) => d.policyVersion)),
        sqlTextList(prepared.map((d) => (d.evidence === null ? null : JSON.stringify(d.evidence)))),
        sqlTextList(prepared.map((d) => d.reason)),
        sqlTextList(prepared.map((d) => d.nextStep)),
        sqlTextList(prepared.map((d) => d.actor)),
        sqlList(prepared.map((d) => d.runId)),
        sqlList(prepared.map((d) => d.auditId ?? null)),
      ],
    )) as Array<{ keys: string | null; created_at: Date }>;
    // created_at defaults to now(): the transaction's start, the same for every row written.
    const seqs = new Map((result.keys ?? '').split(',').filter(Boolean).map((k) => k.split(' ') as [string, string]));
    const written: Decision[] = [];
    for (const d of prepared) {
      const seq = seqs.get(d.id);
      if (seq !== undefined) written.push({ ...d, seq, createdAt: result.created_at });
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
