import { Injectable } from '@nestjs/common';

import { AppealsService } from '../../appeals/appeals.service.js';
import { AuditsService } from '../../audits/audits.service.js';
import { assertCategoryAccess } from '../../common/auth/category-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { resolveAsOf } from '../../common/time/as-of.js';
import { todayUtc } from '../../common/time/dates.js';
import { ComplaintsService } from '../../complaints/complaints.service.js';
import { DecisionFeedService } from '../../decisions/decision-feed.service.js';
import { DECISION_KINDS } from '../../decisions/domain/decision.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { SupplierCountsRepository } from '../../suppliers/supplier-counts.repository.js';
import { nextRunDate, RISK_KINDS } from '../domain/at-risk.js';
import { countsOf, decisionDays, PROBATION_HORIZON_DAYS, probationHorizon, standingDistribution } from '../domain/overview.js';
import { SupplierSearchRepository } from '../supplier-search.repository.js';
import type { CategoryOverviewDto } from './dto/category-overview.dto.js';

/**
 * GET /v1/categories/{category}/overview: each figure read by the module that owns it (suppliers'
 * counts, the decision feed's, complaints', appeals', the audit coverage) or, for "at risk", by
 * the search's own SQL twin of the sanction rules; this class only gathers them.
 */
@Injectable()
export class CategoryOverviewService {
  constructor(
    private readonly policies: PoliciesService,
    private readonly suppliers: SupplierCountsRepository,
    private readonly search: SupplierSearchRepository,
    private readonly decisions: DecisionFeedService,
    private readonly complaints: ComplaintsService,
    private readonly appeals: AppealsService,
    private readonly audits: AuditsService,
  ) {}

  /** 403 for another category's manager, 422 for an asOf out of range, then 404 for a category without a policy. */
  async overview(category: string, asOf: string | undefined, principal: Principal, now: Date = new Date()): Promise<CategoryOverviewDto> {
    assertCategoryAccess(principal, category);
    const day = resolveAsOf(asOf, now);
    const policy = await this.policies.getLatest(category);
    const days = decisionDays(day);
    const nextRun = nextRunDate(now);
    const endsBefore = probationHorizon(todayUtc(now));
    const [standing, kinds, risks, ending, overdueNow, appeals, coverage] = await Promise.all([
      this.suppliers.byStanding(category),
      this.decisions.countByKind(category, days.from, days.to),
      this.search.riskCounts(category, nextRun),
      this.suppliers.probationsEndingBefore(category, endsBefore),
      this.complaints.overdueCount(category, now),
      this.appeals.waiting(category, now),
      this.audits.coverage(category, principal),
    ]);
    const byKind = countsOf(
      DECISION_KINDS,
      kinds.map((k) => ({ key: k.kind, n: k.n })),
    );
    const byDecision = countsOf(
      RISK_KINDS,
      risks.map((r) => ({ key: r.risk, n: r.n })),
    );
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      category,
      asOf: day,
      policyVersion: policy.version,
      suppliers: standingDistribution(standing),
      decisions: { ...days, total: sum(byKind), byKind },
      atRisk: { nextRun, total: sum(byDecision), byDecision },
      probations: { withinDays: PROBATION_HORIZON_DAYS, endsBefore, ending },
      complaints: { overdueNow },
      appeals: { waiting: appeals.open, overdue: appeals.overdue },
      auditCoverage: {
        activeSuppliers: coverage.activeSuppliers,
        audited: coverage.audited,
        coverage: coverage.coverage,
        target: coverage.target,
        onTarget: coverage.coverage !== null && coverage.coverage >= coverage.target,
      },
    };
  }
}
