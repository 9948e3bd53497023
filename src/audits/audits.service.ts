import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { todayUtc } from '../common/time/dates.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { nextStep } from '../governance/domain/next-step.js';
import { PoliciesService } from '../policies/policies.service.js';
import { evaluate, windowsToCount } from '../scoring/domain/evaluation.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../scoring/signals/review-signal.js';
import { sameStanding, standingOf, SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { type AuditRow, AuditsRepository } from './audits.repository.js';
import { type AuditAction, auditActionRefusal, auditSanction, type AuditStatus, scoreReport } from './domain/audit-lifecycle.js';
import { COVERAGE_DAYS } from './domain/targets.js';
import type { CoverageDto, MyAuditDto } from './dto/audit-responses.dto.js';
import type { ReportDto } from './dto/audits.dto.js';

/**
 * The life of an audit assignment: what managers and shoppers read, the shopper's moves, the
 * manager's review and its consequences, expiry and coverage. Suppliers never see who audited
 * them: decisions and events carry the audit and its score, never the shopper.
 */
@Injectable()
export class AuditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly decisions: DecisionsService,
    private readonly repository: AuditsRepository,
    private readonly suppliers: SuppliersRepository,
    @Inject(REVIEW_SIGNAL) private readonly reviews: ReviewSignal,
  ) {}

  // ---- reading ----

  async get(id: string, principal: Principal): Promise<AuditRow> {
    const audit = await this.repository.audit(id);
    assertCategoryAccess(principal, audit.category);
    return audit;
  }

  async list(
    filter: { status?: AuditStatus; supplierId?: string; limit?: number; cursor?: string },
    principal: Principal,
  ): Promise<Page<AuditRow>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(filter.cursor);
    const scope = categoryScope(principal);
    const rows = await this.repository.list({
      status: filter.status,
      supplierId: filter.supplierId,
      scope: scope ? [...scope] : null,
      before,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (r) => r,
    );
  }

  /** A shopper's own assignments, newest first, with the checklist to score. */
  async mine(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<MyAuditDto>> {
    const before = decodeCursor(cursor);
    const rows = await this.repository.ofShopper(principal.shopperId!, before, limit);
    const policies = await this.policies.latestByCategory();
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (a) => ({
        id: a.id,
        status: a.status,
        supplierId: a.supplier_id,
        supplierName: a.supplier_name,
        city: a.city,
        category: a.category,
        assignedAt: a.assigned_at.toISOString(),
        dueAt: a.due_at.toISOString(),
        checklist: policies.get(a.category)?.auditChecklist ?? [],
        score: a.score,
      }),
    );
  }

  // ---- the shopper's moves ----

  /** Locks the shopper's own audit; someone else's is "not found" (its existence is not theirs to learn). */
  private async ownAudit(manager: EntityManager, id: string, principal: Principal, action: AuditAction): Promise<AuditRow> {
    const audit = await this.repository.audit(id, manager, true);
    if (audit.shopper_id !== principal.shopperId)
      throw new AuditException(AuditExceptionCode.AUDIT_NOT_FOUND, `Audit ${id} does not exist`);
    const refusal = auditActionRefusal(audit.status, action);
    if (refusal) throw new AuditException(AuditExceptionCode.ILLEGAL_AUDIT_MOVE, refusal);
    return audit;
  }

  async accept(id: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      await this.ownAudit(manager, id, principal, 'accept');
      await this.repository.markAccepted(manager, id);
      return this.repository.audit(id, manager);
    });
  }

  async decline(id: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      await this.ownAudit(manager, id, principal, 'decline');
      await this.repository.markDeclined(manager, id);
      return this.repository.audit(id, manager);
    });
  }

  async submit(id: string, report: ReportDto, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.ownAudit(manager, id, principal, 'submit');
      const policy = await this.policies.findLatest(audit.category, manager);
      const scored = scoreReport(policy!.auditChecklist, report.checklist);
      if ('errors' in scored)
        throw new AuditException(AuditExceptionCode.INVALID_REPORT, 'The checklist does not match the category’s', scored.errors);
      const visited = Date.parse(report.visitedAt);
      if (visited < audit.assigned_at.getTime() || visited > Math.min(audit.due_at.getTime(), Date.now())) {
        throw new AuditException(
          AuditExceptionCode.INVALID_REPORT,
          'The visit must fall between the assignment and its due date, and not in the future',
          [
            {
              field: 'visitedAt',
              message: `must be between ${audit.assigned_at.toISOString()} and ${audit.due_at.toISOString()}, and not in the future`,
            },
          ],
        );
      }
      await this.repository.recordReport(manager, id, report, scored.score);
      return this.repository.audit(id, manager);
    });
  }

  // ---- the manager's review ----

  /** Accepting a report decides AUDIT_PASSED or AUDIT_FAILED (a failure penalises an ACTIVE supplier). */
  async review(id: string, accept: boolean, note: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.repository.audit(id, manager, true);
      assertCategoryAccess(principal, audit.category);
      const refusal = auditActionRefusal(audit.status, 'review');
      if (refusal) throw new AuditException(AuditExceptionCode.ILLEGAL_AUDIT_MOVE, refusal);
      await this.repository.recordReview(manager, id, accept, note.trim(), principal.sub);
      if (accept) await this.applyAuditOutcome(manager, audit, principal);
      return this.repository.audit(id, manager);
    });
  }

  /**
   * The audit decision and the supplier's standing, in the review's transaction: the audit
   * standing is part of the supplier (written by its one writer), so governance reads it there.
   */
  private async applyAuditOutcome(manager: EntityManager, audit: AuditRow, principal: Principal): Promise<void> {
    const supplier = (await this.suppliers.lock(manager, audit.supplier_id))!;
    const policy = (await this.policies.findLatest(audit.category, manager))!;
    const asOf = todayUtc();
    const outcome = auditSanction(policy, supplier, audit.score!, asOf);
    const from = standingOf(supplier);
    const to = { ...from, status: outcome.status, probationEndsAt: outcome.probationEndsAt, auditFailedOn: outcome.auditFailedOn };
    if (!sameStanding(from, to)) await this.suppliers.changeLockedStanding(manager, 'AUDIT', asOf, { id: supplier.id, from, to });
    // The next step reads the reviews as of the audit's date: what reaches the next tier, or that only a re-audit reinstates.
    const counts = await this.reviews.countWindows([supplier.id], asOf, windowsToCount(policy), policy.positiveMinRating, manager);
    const evaluation = evaluate(policy, counts.get(supplier.id)!);
    const verdict = (audit.report as { verdict?: string } | null)?.verdict ?? null;
    await this.decisions.appendMany(manager, [
      {
        supplierId: supplier.id,
        kind: outcome.kind,
        fromStatus: supplier.status,
        toStatus: outcome.status,
        asOf,
        policyVersion: policy.version,
        // The audit and its score, never the shopper: suppliers must not learn who visited.
        evidence: { auditId: audit.id, score: audit.score, passScore: policy.auditPassScore, verdict, reviewedBy: principal.sub },
        reason: outcome.reason,
        nextStep: nextStep(
          { status: outcome.status, probationEndsAt: outcome.probationEndsAt, auditFailedOn: outcome.auditFailedOn },
          evaluation,
          policy,
        ),
        actor: principal.sub,
        auditId: audit.id,
      },
    ]);
  }

  // ---- expiry and coverage ----

  /** Overdue assignments expire; their suppliers return to planning. */
  async expireOverdue(now: Date = new Date()): Promise<number> {
    return this.repository.expireOverdue(now);
  }

  async coverage(category: string, principal: Principal): Promise<CoverageDto> {
    assertCategoryAccess(principal, category);
    const row = await this.repository.coverage(category, COVERAGE_DAYS);
    return {
      category,
      activeSuppliers: row.active,
      audited: row.audited,
      coverage: row.active ? row.audited / row.active : null,
      target: 0.8,
    };
  }
}
