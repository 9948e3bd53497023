import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';

import { lockForTransaction, LockKey } from '../database/advisory-lock.js';
import type { Policy, PolicySettings } from './domain/policy.js';
import { PolicyEntity } from './policy.entity.js';
import { policyFromEntity, policyFromRow, type PolicyRow } from './policy.mapper.js';

const POLICY_COLUMNS = `category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
  reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
  audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, complaint_response_hours, complaint_resolution_hours,
  complaint_window_days, min_orders, complaint_rate_threshold, appeal_window_days, appeal_decision_hours, aspects, auto_exclusion,
  created_by, created_at`;

/** The one writer of `policies`: versions per category, never changed once written (the database refuses). */
@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the category's next version as `derive` makes it from the latest one (null when there
   * is none yet), read under the same lock as the insert: versions are gap-free, and two concurrent
   * edits of one category each build on the other's result, so neither loses the other's change.
   * What `derive` throws leaves nothing written.
   */
  async insertDerivedVersion(category: string, derive: (latest: Policy | null) => PolicySettings, actor: string): Promise<Policy> {
    return this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, LockKey.PolicyVersion, category);
      const settings = derive(await this.latest(category, manager));
      const [{ next }] = (await manager.query('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM policies WHERE category = $1', [
        category,
      ])) as Array<{ next: number }>;
      const saved = await manager.save(manager.create(PolicyEntity, { ...settings, category, version: next, createdBy: actor }));
      return policyFromEntity(saved);
    });
  }

  /** These versions of a category that exist, by version number. */
  async versionsNumbered(category: string, versions: number[]): Promise<Map<number, Policy>> {
    const found = await this.dataSource.manager.find(PolicyEntity, { where: { category, version: In(versions) } });
    return new Map(found.map((entity) => [entity.version, policyFromEntity(entity)]));
  }

  /** The category's current version (null when it has none): plain SQL, read on the path of most requests. */
  async latest(category: string, manager: EntityManager = this.dataSource.manager): Promise<Policy | null> {
    const rows = (await manager.query(`SELECT ${POLICY_COLUMNS} FROM policies WHERE category = $1 ORDER BY version DESC LIMIT 1`, [
      category,
    ])) as PolicyRow[];
    return rows.length ? policyFromRow(rows[0]) : null;
  }

  /** The current version of every category (or of one). */
  async latestOfEach(category?: string): Promise<Policy[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(PolicyEntity, 'p')
      .distinctOn(['p.category'])
      .orderBy('p.category')
      .addOrderBy('p.version', 'DESC');
    if (category) qb.where('p.category = :category', { category });
    return (await qb.getMany()).map(policyFromEntity);
  }

  /** Versions newest first, below `before`; one more than `limit` to tell whether a next page exists. */
  async versions(category: string, before: number | undefined, limit: number): Promise<Policy[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(PolicyEntity, 'p')
      .where('p.category = :category', { category })
      .orderBy('p.version', 'DESC')
      .take(limit + 1);
    if (before !== undefined) qb.andWhere('p.version < :before', { before });
    return (await qb.getMany()).map(policyFromEntity);
  }
}
