import { Inject, Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { resolveAsOf } from '../common/time/as-of.js';
import type { Policy } from '../policies/domain/policy.js';
import { PoliciesService } from '../policies/policies.service.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../scoring/signals/review-signal.js';
import { AspectReportsService } from '../voice/reports/aspect-reports.service.js';
import { AuditsRepository } from './audits.repository.js';
import { type AuditTarget, auditTarget, rankTargets } from './domain/targets.js';

export type RankedTarget = AuditTarget & { supplierName: string; category: string; openAudit: boolean };

/** Which live suppliers mystery shoppers should visit (see domain/targets.ts). */
@Injectable()
export class AuditTargetsService {
  constructor(
    private readonly audits: AuditsRepository,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly counts: ReviewSignal,
    private readonly aspects: AspectReportsService,
  ) {}

  /** Live suppliers worth a visit, highest priority first, for one category or every one the caller manages. */
  async targets(category: string | undefined, asOf: string | undefined, principal: Principal): Promise<RankedTarget[]> {
    if (category) assertCategoryAccess(principal, category);
    const date = resolveAsOf(asOf);
    const policies = await this.policies.latestByCategory(category);
    const scope = categoryScope(principal);
    const result: RankedTarget[] = [];
    for (const [cat, policy] of policies) {
      if (scope && !scope.includes(cat)) continue;
      result.push(...(await this.targetsOf(cat, policy, date)));
    }
    return rankTargets(result);
  }

  private async targetsOf(category: string, policy: Policy, asOf: string): Promise<RankedTarget[]> {
    const suppliers = await this.audits.candidates(category);
    const window = policy.evaluationWindows[0];
    const out: RankedTarget[] = [];
    for (let i = 0; i < suppliers.length; i += 1000) {
      const batch = suppliers.slice(i, i + 1000);
      const ids = batch.map((s) => s.id);
      const counts = await this.counts.countWindows(ids, asOf, [window, 2 * window], policy.positiveMinRating);
      const critical = await this.aspects.criticalMentions(policy, ids, asOf);
      for (const s of batch) {
        const c = counts.get(s.id)!;
        const current = c.get(window)!;
        const both = c.get(2 * window)!;
        const target = auditTarget(
          {
            supplierId: s.id,
            current,
            previous: { n: both.n - current.n, positives: both.positives - current.positives },
            lastAcceptedAuditOn: s.last_audit,
            auditFailedOn: s.audit_failed_on,
            criticalAspects: critical.get(s.id) ?? [],
          },
          policy,
          asOf,
        );
        if (target) out.push({ ...target, supplierName: s.name, category, openAudit: s.open_audit });
      }
    }
    return out;
  }
}
