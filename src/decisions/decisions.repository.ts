import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { uuidV7 } from '../common/ids/uuid-v7.js';
import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
import { DecisionEntity } from './decision.entity.js';
import { decisionFromEntity, type DecisionRow } from './decision.mapper.js';
import { REFERENCED_EVIDENCE_COLUMNS, referencedEvidenceJoins } from './decision-evidence.js';
import type { AppendedDecision, Decision, NewDecision } from './domain/decision.js';

/** The one writer of `decisions`, which the database keeps append-only. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, decision: NewDecision): Promise<Decision> {
    const saved = await manager.save(manager.create(DecisionEntity, decision));
    return decisionFromEntity(await manager.findOneByOrFail(DecisionEntity, { id: saved.id }));
  }

  /**
   * Inserts many decisions in the caller's transaction; an automated decision that already exists
   * for the same supplier, kind and as-of date is skipped, or with `repeats: 'refuse'` (for callers
   * that know none can exist) inserted without that check, a repeat failing the transaction on the
   * unique key. Returns the ones written (with their ids, in the order given). A run writes tens of
   * thousands at once, so the rows travel as column lists (a JSON document of records cost
   * PostgreSQL some 45 µs a record to take apart, and Node megabytes of garbage), ids are made here
   * (time-ordered), and only the ids of the written rows come back, and only when some were skipped.
   */
  async insertMany(manager: EntityManager, decisions: NewDecision[], repeats: 'skip' | 'refuse'): Promise<AppendedDecision[]> {
    if (decisions.length === 0) return [];
    const ids = decisions.map(() => uuidV7());
    const [result] = (await manager.query(
      `WITH written AS (
       INSERT INTO decisions (id, supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id, audit_id)
       SELECT d.id, d.supplier_id, d.kind, d.from_status, d.to_status, d.as_of, d.policy_version, d.evidence::json, d.reason, d.next_step, d.actor, d.run_id, d.audit_id
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::uuid[], string_to_array($3, ','), string_to_array($4, ','),
                     string_to_array($5, ','), string_to_array($6, ',')::date[], string_to_array($7, ',', '')::int[], ${textList(8)},
                     ${textList(9)}, ${textList(10)}, ${textList(11)}, string_to_array($12, ',', '')::uuid[], string_to_array($13, ',', '')::uuid[])
              AS d(id, supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id, audit_id)
       ${repeats === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING id)
       SELECT CASE WHEN count(*) < $14 THEN COALESCE(array_agg(id::text), '{}') END AS ids FROM written`,
      [
        sqlList(ids),
        sqlList(decisions.map((d) => d.supplierId)),
        sqlList(decisions.map((d) => d.kind)),
        sqlList(decisions.map((d) => d.fromStatus)),
        sqlList(decisions.map((d) => d.toStatus)),
        sqlList(decisions.map((d) => d.asOf)),
        sqlList(decisions.map((d) => d.policyVersion)),
        sqlTextList(decisions.map((d) => (d.evidence === null ? null : JSON.stringify(d.evidence)))),
        sqlTextList(decisions.map((d) => d.reason)),
        sqlTextList(decisions.map((d) => d.nextStep)),
        sqlTextList(decisions.map((d) => d.actor)),
        sqlList(decisions.map((d) => d.runId ?? null)),
        sqlList(decisions.map((d) => d.auditId ?? null)),
        decisions.length,
      ],
    )) as Array<{ ids: string[] | null }>;
    // NULL when every decision was written, the usual case; otherwise the ids of those that were.
    const writtenIds = result.ids === null ? null : new Set(result.ids);
    const written: AppendedDecision[] = [];
    decisions.forEach((d, i) => {
      if (writtenIds === null || writtenIds.has(ids[i])) {
        written.push({ id: ids[i], supplierId: d.supplierId, kind: d.kind, fromStatus: d.fromStatus, toStatus: d.toStatus });
      }
    });
    return written;
  }

  /** A supplier's decisions, newest first, each with what its evidence is built from (decision-evidence.ts). */
  async listForSupplier(supplierId: string, before: string | undefined, limit: number): Promise<DecisionRow[]> {
    return (await this.dataSource.query(
      `SELECT d.id, d.seq, d.supplier_id, d.kind, d.from_status, d.to_status, to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version,
              d.evidence, d.reason, d.next_step, d.actor, d.run_id, d.created_at, ${REFERENCED_EVIDENCE_COLUMNS}
         FROM decisions d JOIN suppliers x ON x.id = d.supplier_id
              ${referencedEvidenceJoins('d', 'x.category')}
        WHERE d.supplier_id = $1 AND ($2::bigint IS NULL OR d.seq < $2)
        ORDER BY d.seq DESC LIMIT $3`,
      [supplierId, before ?? null, limit + 1],
    )) as DecisionRow[];
  }

  /** One decision with its evidence, or null. */
  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<DecisionRow | null> {
    const rows = (await manager.query(
      `SELECT d.id, d.seq, d.supplier_id, d.kind, d.from_status, d.to_status, to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version,
              d.evidence, d.reason, d.next_step, d.actor, d.run_id, d.created_at, ${REFERENCED_EVIDENCE_COLUMNS}
         FROM decisions d JOIN suppliers x ON x.id = d.supplier_id
              ${referencedEvidenceJoins('d', 'x.category')}
        WHERE d.id = $1`,
      [id],
    )) as DecisionRow[];
    return rows[0] ?? null;
  }

  /** Whether a decision after this one (by seq) changed the supplier's status. */
  async statusChangedAfter(manager: EntityManager, supplierId: string, seq: string): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM decisions WHERE supplier_id = $1 AND seq > $2 AND from_status <> to_status) AS changed`,
      [supplierId, seq],
    )) as Array<{ changed: boolean }>;
    return row.changed;
  }
}
