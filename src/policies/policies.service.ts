import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { lockForTransaction, LockKey } from '../database/advisory-lock.js';
import { type Policy, type PolicySettings, policyViolations, withDefaults } from './domain/policy.js';
import { PolicyEntity } from './policy.entity.js';
import { PolicyException, PolicyExceptionCode } from './policy.exception.js';
import { policyFromEntity } from './policy.mapper.js';

@Injectable()
export class PoliciesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Validates a draft (defaults filled in) or throws a 422 naming each inconsistent field. */
  resolveDraft(draft: Partial<PolicySettings>): PolicySettings {
    const settings = withDefaults(draft);
    const violations = policyViolations(settings);
    if (violations.length > 0) {
      throw new PolicyException(
        PolicyExceptionCode.INVALID_POLICY,
        `The policy is inconsistent: ${violations.map((v) => `${v.field} ${v.message}`).join('; ')}`,
        violations,
      );
    }
    return settings;
  }

  /** Stores the draft as the category's next version; versions never change once written. */
  async publish(category: string, draft: Partial<PolicySettings>, actor: string): Promise<Policy> {
    const settings = this.resolveDraft(draft);
    return this.dataSource.transaction(async (manager) => {
      // Serialise publishers of one category so versions are gap-free and never collide.
      await lockForTransaction(manager, LockKey.PolicyVersion, category);
      const [{ next }] = (await manager.query('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM policies WHERE category = $1', [
        category,
      ])) as Array<{ next: number }>;
      const entity = manager.create(PolicyEntity, { ...settings, category, version: next, createdBy: actor });
      const saved = await manager.save(entity);
      return policyFromEntity(saved);
    });
  }

  async findLatest(category: string, manager: EntityManager = this.dataSource.manager): Promise<Policy | null> {
    const entity = await manager.findOne(PolicyEntity, { where: { category }, order: { version: 'DESC' } });
    return entity ? policyFromEntity(entity) : null;
  }

  /** The current policy of every category (or of one). */
  async latestByCategory(category?: string): Promise<Map<string, Policy>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(PolicyEntity, 'p')
      .distinctOn(['p.category'])
      .orderBy('p.category')
      .addOrderBy('p.version', 'DESC');
    if (category) qb.where('p.category = :category', { category });
    const rows = await qb.getMany();
    return new Map(rows.map((r) => [r.category, policyFromEntity(r)]));
  }

  async getLatest(category: string): Promise<Policy> {
    const policy = await this.findLatest(category);
    if (!policy) {
      throw new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, `No policy exists for category "${category}"`);
    }
    return policy;
  }

  async listVersions(category: string, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<Policy>> {
    const before = decodeCursor(cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(PolicyEntity, 'p')
      .where('p.category = :category', { category })
      .orderBy('p.version', 'DESC')
      .take(limit + 1);
    if (before !== undefined) qb.andWhere('p.version < :before', { before: Number(before) });
    const rows = await qb.getMany();
    if (rows.length === 0 && before === undefined) {
      throw new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, `No policy exists for category "${category}"`);
    }
    return toPage(rows, limit, (r) => r.version, policyFromEntity);
  }
}
