import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { type Policy, type PolicySettings, policyViolations, withDefaults } from './domain/policy.js';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyException, PolicyExceptionCode } from './policy.exception.js';

@Injectable()
export class PoliciesService {
  constructor(private readonly repository: PoliciesRepository) {}

  /**
   * Validates a draft (defaults filled in) or throws a 422 naming each inconsistent field, as a
   * path in the request body: `at` is where the draft sits there (`policy` in a simulation).
   */
  resolveDraft(draft: Partial<PolicySettings>, at = ''): PolicySettings {
    const settings = withDefaults(draft);
    const violations = policyViolations(settings).map((v) => (at ? { ...v, field: `${at}.${v.field}` } : v));
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
    return this.repository.insertNextVersion(category, this.resolveDraft(draft), actor);
  }

  async findLatest(category: string, manager?: EntityManager): Promise<Policy | null> {
    return this.repository.latest(category, manager);
  }

  /** The current policy of every category (or of one). */
  async latestByCategory(category?: string): Promise<Map<string, Policy>> {
    return new Map((await this.repository.latestOfEach(category)).map((p) => [p.category, p]));
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
    const rows = await this.repository.versions(category, before === undefined ? undefined : Number(before), limit);
    if (rows.length === 0 && before === undefined) {
      throw new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, `No policy exists for category "${category}"`);
    }
    return toPage(
      rows,
      limit,
      (r) => r.version,
      (r) => r,
    );
  }
}
