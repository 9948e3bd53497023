import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import {
  defaultsFor,
  givenFields,
  mergeOnto,
  type Policy,
  POLICY_FIELDS,
  type PolicySettings,
  policyViolations,
  settingsOf,
} from './domain/policy.js';
import { policyChanges, type PolicyDiff } from './domain/policy-diff.js';
import { preconditionRefusal, type VersionPrecondition } from './domain/version-precondition.js';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyException, PolicyExceptionCode } from './policy.exception.js';

@Injectable()
export class PoliciesService {
  constructor(private readonly repository: PoliciesRepository) {}

  /**
   * The draft's given fields changed on `base` (a stored version; when omitted, the defaults of
   * `category`, whose taxonomy is the category's built-in one), validated as a whole, or a 422
   * naming each inconsistent field as a path in the request body: `at` is where the draft sits
   * there (`policy` in a simulation).
   */
  resolveDraft(
    draft: Partial<PolicySettings>,
    { base = null, at = '', category }: { base?: PolicySettings | null; at?: string; category?: string } = {},
  ): PolicySettings {
    const settings = mergeOnto(base ?? defaultsFor(category), draft);
    const violations = policyViolations(settings).map((v) => (at ? { ...v, field: `${at}.${v.field}` } : v));
    if (violations.length > 0) {
      const onto = base === null ? '' : ' (once merged onto the latest version)';
      throw new PolicyException(
        PolicyExceptionCode.INVALID_POLICY,
        `The policy is inconsistent${onto}: ${violations.map((v) => `${v.field} ${v.message}`).join('; ')}`,
        violations,
      );
    }
    return settings;
  }

  /** PUT: stores the draft, omitted fields at their defaults (the category's taxonomy), as the category's next version. */
  async publish(
    category: string,
    draft: Partial<PolicySettings>,
    actor: string,
    precondition: VersionPrecondition | null = null,
  ): Promise<Policy> {
    return this.repository.insertDerivedVersion(
      category,
      (latest) => {
        assertPrecondition(precondition, latest);
        return this.resolveDraft(draft, { category });
      },
      actor,
    );
  }

  /**
   * PATCH: the latest version with the given fields changed, stored as the next version. The
   * latest is read under the category's version lock, so concurrent edits compose; with an
   * If-Match precondition, an edit made on a version that is no longer the latest is refused (412).
   */
  async amend(
    category: string,
    draft: Partial<PolicySettings>,
    actor: string,
    precondition: VersionPrecondition | null = null,
  ): Promise<Policy> {
    if (givenFields(draft).length === 0) {
      // Like a request missing required fields, the problem names each field that could be given.
      throw new PolicyException(
        PolicyExceptionCode.NOTHING_TO_CHANGE,
        `Nothing to change: give at least one of the policy's fields (${POLICY_FIELDS.join(', ')})`,
        POLICY_FIELDS.map((field) => ({ field, message: 'not given, nor any other field: a PATCH changes at least one' })),
      );
    }
    return this.repository.insertDerivedVersion(
      category,
      (latest) => {
        assertPrecondition(precondition, latest);
        if (latest === null) {
          throw new PolicyException(
            PolicyExceptionCode.POLICY_NOT_FOUND,
            `No policy exists for category "${category}" to change; PUT /v1/policies/${category} publishes its first version`,
          );
        }
        return this.resolveDraft(draft, { base: latest });
      },
      actor,
    );
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

  /**
   * Version `version` compared with version `against`, or with the previous version when none is
   * given; version 1 has none and is compared with the defaults it was published over.
   */
  async diff(category: string, version: number, against?: number): Promise<PolicyDiff> {
    const base = against ?? (version > 1 ? version - 1 : null);
    const found = await this.repository.versionsNumbered(category, base === null ? [version] : [version, base]);
    // Versions are gap-free, so the implied previous version exists whenever `version` does.
    const missing = [...new Set([version, against])].filter((v): v is number => v !== undefined && !found.has(v));
    if (missing.length > 0) {
      const latest = await this.findLatest(category);
      const known = latest === null ? `category "${category}" has no policy` : `its versions are 1 to ${latest.version}`;
      throw new PolicyException(
        PolicyExceptionCode.VERSION_NOT_FOUND,
        `No version ${missing.join(' or ')} of the "${category}" policy exists: ${known}`,
        missing.map((v) => ({ field: v === version ? 'version' : 'against', message: `no version ${v} exists` })),
      );
    }
    const from = base === null ? defaultsFor(category) : settingsOf(found.get(base)!);
    return { from: base, to: version, changes: policyChanges(from, settingsOf(found.get(version)!)) };
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

/** Refuses an edit whose If-Match no longer names the latest version (412 naming the header), before the draft is checked. */
function assertPrecondition(precondition: VersionPrecondition | null, latest: Policy | null): void {
  const refusal = preconditionRefusal(precondition, latest?.version ?? null);
  if (refusal !== null) throw new PolicyException(PolicyExceptionCode.VERSION_CHANGED, refusal, [{ field: 'If-Match', message: refusal }]);
}
