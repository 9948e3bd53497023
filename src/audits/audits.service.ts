import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, toPage, type Page } from '../common/pagination/page.js';
import { addDays, todayUtc } from '../common/time/dates.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import type { Policy } from '../policies/domain/policy.js';
import { PoliciesService } from '../policies/policies.service.js';
import { WindowCountsRepository } from '../scoring/window-counts.repository.js';
import { transitionRefusal, type SupplierStatus } from '../suppliers/domain/supplier-lifecycle.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { auditActionRefusal, auditSanction, scoreReport, type AuditAction, type AuditStatus } from './domain/audit-lifecycle.js';
import { planAssignments, type PlanShopper } from './domain/planning.js';
import { auditTarget, COVERAGE_DAYS, rankTargets, type AuditTarget } from './domain/targets.js';
import type { AuditDto, CoverageDto, MyAuditDto, ReportDto, ShopperDto } from './dto/audits.dto.js';

export interface AuditRow {
  id: string;
  seq: string;
  supplier_id: string;
  shopper_id: string;
  status: AuditStatus;
  reasons: string[];
  priority: number | null;
  reason: string | null;
  assigned_at: Date;
  due_at: Date;
  report: Record<string, unknown> | null;
  score: number | null;
  submitted_at: Date | null;
  review_note: string | null;
  reviewed_at: Date | null;
  category: string;
  supplier_name: string;
  city: string | null;
}

interface ShopperRow {
  id: string;
  seq: string;
  display_name: string;
  city: string | null;
  categories: string[];
  themes: string[];
  max_open_audits: number;
  conflict_supplier_ids: string[];
  created_at: Date;
  open_audits: number;
}

const AUDIT_SELECT = `
  SELECT a.id, a.seq, a.supplier_id, a.shopper_id, a.status, a.reasons, a.priority, a.reason, a.assigned_at, a.due_at,
         a.report, a.score, a.submitted_at, a.review_note, a.reviewed_at, s.category, s.name AS supplier_name, s.city
    FROM audits a JOIN suppliers s ON s.id = a.supplier_id`;

const SHOPPER_SELECT = `
  SELECT sh.*, (SELECT count(*) FROM audits a WHERE a.shopper_id = sh.id AND a.status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED'))::int AS open_audits
    FROM shoppers sh`;

export function auditToResponse(a: AuditRow): AuditDto {
  return {
    id: a.id,
    supplierId: a.supplier_id,
    shopperId: a.shopper_id,
    status: a.status,
    reasons: a.reasons,
    priority: a.priority,
    reason: a.reason,
    assignedAt: a.assigned_at.toISOString(),
    dueAt: a.due_at.toISOString(),
    report: a.report,
    score: a.score,
    submittedAt: a.submitted_at?.toISOString() ?? null,
    reviewNote: a.review_note,
    reviewedAt: a.reviewed_at?.toISOString() ?? null,
  };
}

function shopperToResponse(s: ShopperRow): ShopperDto {
  return {
    id: s.id,
    displayName: s.display_name,
    city: s.city,
    categories: s.categories,
    themes: s.themes,
    maxOpenAudits: s.max_open_audits,
    openAudits: s.open_audits,
    conflictSupplierIds: s.conflict_supplier_ids,
    createdAt: s.created_at.toISOString(),
  };
}

const UNIQUE_VIOLATION = '23505';

/**
 * The mystery-shopper program: shoppers, audit targets, planning, the assignment lifecycle,
 * reports and their consequences. Suppliers never see who audited them: decisions and events
 * carry the audit and its score, never the shopper.
 */
@Injectable()
export class AuditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly counts: WindowCountsRepository,
    private readonly decisions: DecisionsService,
  ) {}

  // ---- shoppers ----

  async createShopper(input: {
    displayName: string;
    city?: string;
    categories: string[];
    themes?: string[];
    maxOpenAudits: number;
    conflictSupplierIds?: string[];
  }, principal: Principal): Promise<ShopperDto> {
    for (const c of input.categories) assertCategoryAccess(principal, c);
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO shoppers (display_name, city, categories, themes, max_open_audits, conflict_supplier_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.displayName.trim(),
        input.city?.trim() || null,
        [...new Set(input.categories)],
        [...new Set((input.themes ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
        input.maxOpenAudits,
        [...new Set((input.conflictSupplierIds ?? []).map((x) => x.toLowerCase()))],
        principal.sub,
      ],
    )) as Array<{ id: string }>;
    return shopperToResponse(await this.shopper(id));
  }

  private async shopper(id: string, manager: EntityManager = this.dataSource.manager): Promise<ShopperRow> {
    const rows = (await manager.query(`${SHOPPER_SELECT} WHERE sh.id = $1`, [id])) as ShopperRow[];
    if (rows.length === 0) throw new AuditException(AuditExceptionCode.SHOPPER_NOT_FOUND, `Shopper ${id} does not exist`);
    return rows[0];
  }

  async listShoppers(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ShopperDto>> {
    const after = decodeCursor(cursor);
    const scope = categoryScope(principal);
    const rows = (await this.dataSource.query(
      `${SHOPPER_SELECT} WHERE ($1::bigint IS NULL OR sh.seq > $1) AND ($2::text[] IS NULL OR sh.categories && $2) ORDER BY sh.seq LIMIT $3`,
      [after ?? null, scope ? [...scope] : null, limit + 1],
    )) as ShopperRow[];
    return toPage(rows, limit, (r) => r.seq, shopperToResponse);
  }

  // ---- targets ----

  /** Live suppliers worth a visit, highest priority first, for one category or every one the caller manages. */
  async targets(category: string | undefined, asOf: string | undefined, principal: Principal): Promise<Array<AuditTarget & { category: string; openAudit: boolean }>> {
    if (category) assertCategoryAccess(principal, category);
    const date = asOf ?? todayUtc();
    const policies = await this.policies.latestByCategory(category);
    const scope = categoryScope(principal);
    const result: Array<AuditTarget & { category: string; openAudit: boolean }> = [];
    for (const [cat, policy] of policies) {
      if (scope && !scope.includes(cat)) continue;
      result.push(...(await this.targetsOf(cat, policy, date)));
    }
    return rankTargets(result) as Array<AuditTarget & { category: string; openAudit: boolean }>;
  }

  private async targetsOf(category: string, policy: Policy, asOf: string): Promise<Array<AuditTarget & { category: string; openAudit: boolean }>> {
    const suppliers = (await this.dataSource.query(
      `SELECT s.id,
              (SELECT to_char(max(a.reviewed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') FROM audits a WHERE a.supplier_id = s.id AND a.status = 'ACCEPTED_REPORT') AS last_audit,
              EXISTS (SELECT 1 FROM audits a WHERE a.supplier_id = s.id AND a.status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED')) AS open_audit
         FROM suppliers s WHERE s.category = $1 AND s.status IN ('ACTIVE', 'PROBATION') ORDER BY s.seq`,
      [category],
    )) as Array<{ id: string; last_audit: string | null; open_audit: boolean }>;
    const window = policy.evaluationWindows[0];
    const out: Array<AuditTarget & { category: string; openAudit: boolean }> = [];
    for (let i = 0; i < suppliers.length; i += 1000) {
      const batch = suppliers.slice(i, i + 1000);
      const counts = await this.counts.countWindows(batch.map((s) => s.id), asOf, [window, 2 * window], policy.positiveMinRating);
      for (const s of batch) {
        const c = counts.get(s.id)!;
        const current = c.get(window)!;
        const both = c.get(2 * window)!;
        const target = auditTarget(
          { supplierId: s.id, current, previous: { n: both.n - current.n, positives: both.positives - current.positives }, lastAcceptedAuditOn: s.last_audit },
          policy,
          asOf,
        );
        if (target) out.push({ ...target, category, openAudit: s.open_audit });
      }
    }
    return out;
  }

  // ---- planning and assignment ----

  /** Plans as many audits as the shoppers can take (see domain/planning.ts) and creates them. */
  async plan(params: { category?: string; asOf?: string; limit?: number; dueInDays?: number }, principal: Principal): Promise<AuditRow[]> {
    const date = params.asOf ?? todayUtc();
    const targets = (await this.targets(params.category, date, principal)).filter((t) => !t.openAudit);
    if (targets.length === 0) return [];
    const info = (await this.dataSource.query(`SELECT id, category, city, themes FROM suppliers WHERE id = ANY($1::uuid[])`, [targets.map((t) => t.supplierId)])) as Array<{
      id: string;
      category: string;
      city: string | null;
      themes: string[];
    }>;
    const byId = new Map(info.map((r) => [r.id, r]));
    const shoppers = (await this.dataSource.query(`${SHOPPER_SELECT} ORDER BY sh.seq`)) as ShopperRow[];
    const lastAuditors = (await this.dataSource.query(
      `SELECT DISTINCT ON (supplier_id) supplier_id, shopper_id FROM audits
        WHERE supplier_id = ANY($1::uuid[]) AND status IN ('SUBMITTED', 'ACCEPTED_REPORT', 'REJECTED_REPORT')
        ORDER BY supplier_id, seq DESC`,
      [targets.map((t) => t.supplierId)],
    )) as Array<{ supplier_id: string; shopper_id: string }>;
    const planned = planAssignments(
      targets.map((t) => ({ supplierId: t.supplierId, category: t.category, city: byId.get(t.supplierId)!.city, themes: byId.get(t.supplierId)!.themes, priority: t.priority })),
      shoppers.map(
        (s): PlanShopper => ({
          id: s.id,
          city: s.city,
          categories: s.categories,
          themes: s.themes,
          openAudits: s.open_audits,
          maxOpenAudits: s.max_open_audits,
          conflictSupplierIds: s.conflict_supplier_ids,
        }),
      ),
      new Map(lastAuditors.map((r) => [r.supplier_id, r.shopper_id])),
      params.limit,
    );
    const targetOf = new Map(targets.map((t) => [t.supplierId, t]));
    const dueAt = `${addDays(date > todayUtc() ? date : todayUtc(), params.dueInDays ?? 14)}T23:59:59Z`;
    const created: AuditRow[] = [];
    for (const p of planned) {
      const t = targetOf.get(p.supplierId)!;
      const row = await this.insertAudit(p.supplierId, p.shopperId, dueAt, t.reasons, t.priority, null, principal.sub).catch((error: unknown) => {
        // Planned concurrently with another plan or a manual assignment: that one stands.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
        throw error;
      });
      if (row) created.push(row);
    }
    return created;
  }

  /** A manager assigns a shopper by hand; the same rules as planning (category, conflicts, capacity). */
  async assign(input: { supplierId: string; shopperId: string; dueAt: string; reason?: string }, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const [supplier] = (await manager.query(`SELECT id, category, status FROM suppliers WHERE id = $1`, [input.supplierId])) as Array<{
        id: string;
        category: string;
        status: SupplierStatus;
      }>;
      if (!supplier) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${input.supplierId} does not exist`);
      assertCategoryAccess(principal, supplier.category);
      if (supplier.status !== 'ACTIVE' && supplier.status !== 'PROBATION') {
        throw new AuditException(AuditExceptionCode.NOT_AUDITABLE, `Only ACTIVE or PROBATION suppliers are audited; this one is ${supplier.status}`);
      }
      // Lock the shopper so two assignments cannot both take its last slot.
      await manager.query(`SELECT id FROM shoppers WHERE id = $1 FOR UPDATE`, [input.shopperId]);
      const shopper = await this.shopper(input.shopperId, manager);
      const refuse = (message: string, field: string) => {
        throw new AuditException(AuditExceptionCode.NOT_AUDITABLE, message, [{ field, message }]);
      };
      if (!shopper.categories.includes(supplier.category)) refuse(`the shopper does not audit category "${supplier.category}"`, 'shopperId');
      if (shopper.conflict_supplier_ids.includes(supplier.id)) refuse('the shopper declared a conflict with this supplier', 'shopperId');
      if (shopper.open_audits >= shopper.max_open_audits) refuse(`the shopper has no free slot (${shopper.open_audits}/${shopper.max_open_audits} open)`, 'shopperId');
      if (Date.parse(input.dueAt) <= Date.now()) refuse('must be in the future', 'dueAt');
      try {
        return await this.insertAudit(supplier.id, shopper.id, input.dueAt, [], null, input.reason ?? null, principal.sub, manager);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new AuditException(AuditExceptionCode.NOT_AUDITABLE, 'The supplier already has an open audit', [{ field: 'supplierId', message: 'already has an open audit' }]);
        }
        throw error;
      }
    });
  }

  private async insertAudit(
    supplierId: string,
    shopperId: string,
    dueAt: string,
    reasons: string[],
    priority: number | null,
    reason: string | null,
    actor: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuditRow> {
    const [{ id }] = (await manager.query(
      `INSERT INTO audits (supplier_id, shopper_id, status, reasons, priority, reason, due_at, created_by)
       VALUES ($1, $2, 'ASSIGNED', $3, $4, $5, $6, $7) RETURNING id`,
      [supplierId, shopperId, reasons, priority, reason, dueAt, actor],
    )) as Array<{ id: string }>;
    return this.audit(id, manager);
  }

  private async audit(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<AuditRow> {
    const rows = (await manager.query(`${AUDIT_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id])) as AuditRow[];
    if (rows.length === 0) throw new AuditException(AuditExceptionCode.AUDIT_NOT_FOUND, `Audit ${id} does not exist`);
    return rows[0];
  }

  // ---- reading ----

  async get(id: string, principal: Principal): Promise<AuditRow> {
    const audit = await this.audit(id);
    assertCategoryAccess(principal, audit.category);
    return audit;
  }

  async list(filter: { status?: AuditStatus; supplierId?: string; limit?: number; cursor?: string }, principal: Principal): Promise<Page<AuditRow>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(filter.cursor);
    const scope = categoryScope(principal);
    const rows = (await this.dataSource.query(
      `${AUDIT_SELECT}
        WHERE ($1::text IS NULL OR a.status = $1) AND ($2::uuid IS NULL OR a.supplier_id = $2)
          AND ($3::text[] IS NULL OR s.category = ANY($3)) AND ($4::bigint IS NULL OR a.seq < $4)
        ORDER BY a.seq DESC LIMIT $5`,
      [filter.status ?? null, filter.supplierId ?? null, scope ? [...scope] : null, before ?? null, limit + 1],
    )) as AuditRow[];
    return toPage(rows, limit, (r) => r.seq, (r) => r);
  }

  /** A shopper's own assignments, newest first, with the checklist to score. */
  async mine(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<MyAuditDto>> {
    const before = decodeCursor(cursor);
    const rows = (await this.dataSource.query(`${AUDIT_SELECT} WHERE a.shopper_id = $1 AND ($2::bigint IS NULL OR a.seq < $2) ORDER BY a.seq DESC LIMIT $3`, [
      principal.shopperId,
      before ?? null,
      limit + 1,
    ])) as AuditRow[];
    const policies = await this.policies.latestByCategory();
    return toPage(rows, limit, (r) => r.seq, (a) => ({
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
    }));
  }

  // ---- the shopper's moves ----

  /** Locks the shopper's own audit; someone else's is "not found" (its existence is not theirs to learn). */
  private async ownAudit(manager: EntityManager, id: string, principal: Principal, action: AuditAction): Promise<AuditRow> {
    const audit = await this.audit(id, manager, true);
    if (audit.shopper_id !== principal.shopperId) throw new AuditException(AuditExceptionCode.AUDIT_NOT_FOUND, `Audit ${id} does not exist`);
    const refusal = auditActionRefusal(audit.status, action);
    if (refusal) throw new AuditException(AuditExceptionCode.ILLEGAL_AUDIT_MOVE, refusal);
    return audit;
  }

  async accept(id: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      await this.ownAudit(manager, id, principal, 'accept');
      await manager.query(`UPDATE audits SET status = 'ACCEPTED', accepted_at = now(), updated_at = now() WHERE id = $1`, [id]);
      return this.audit(id, manager);
    });
  }

  async decline(id: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      await this.ownAudit(manager, id, principal, 'decline');
      await manager.query(`UPDATE audits SET status = 'DECLINED', updated_at = now() WHERE id = $1`, [id]);
      return this.audit(id, manager);
    });
  }

  async submit(id: string, report: ReportDto, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.ownAudit(manager, id, principal, 'submit');
      const policy = await this.policies.findLatest(audit.category, manager);
      const scored = scoreReport(policy!.auditChecklist, report.checklist);
      if ('errors' in scored) throw new AuditException(AuditExceptionCode.INVALID_REPORT, 'The checklist does not match the category’s', scored.errors);
      const visited = Date.parse(report.visitedAt);
      if (visited < audit.assigned_at.getTime() || visited > Math.min(audit.due_at.getTime(), Date.now())) {
        throw new AuditException(AuditExceptionCode.INVALID_REPORT, 'The visit must fall between the assignment and its due date, and not in the future', [
          { field: 'visitedAt', message: `must be between ${audit.assigned_at.toISOString()} and ${audit.due_at.toISOString()}, and not in the future` },
        ]);
      }
      await manager.query(`UPDATE audits SET status = 'SUBMITTED', report = $2, score = $3, submitted_at = now(), updated_at = now() WHERE id = $1`, [
        id,
        JSON.stringify(report),
        scored.score,
      ]);
      return this.audit(id, manager);
    });
  }

  // ---- the manager's review ----

  /** Accepting a report decides AUDIT_PASSED or AUDIT_FAILED (a failure penalises an ACTIVE supplier). */
  async review(id: string, accept: boolean, note: string, principal: Principal): Promise<AuditRow> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.audit(id, manager, true);
      assertCategoryAccess(principal, audit.category);
      const refusal = auditActionRefusal(audit.status, 'review');
      if (refusal) throw new AuditException(AuditExceptionCode.ILLEGAL_AUDIT_MOVE, refusal);
      await manager.query(
        `UPDATE audits SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now() WHERE id = $1`,
        [id, accept ? 'ACCEPTED_REPORT' : 'REJECTED_REPORT', note.trim(), principal.sub],
      );
      if (accept) await this.applyAuditOutcome(manager, audit, principal);
      return this.audit(id, manager);
    });
  }

  private async applyAuditOutcome(manager: EntityManager, audit: AuditRow, principal: Principal): Promise<void> {
    const [supplier] = (await manager.query(`SELECT id, status, to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at FROM suppliers WHERE id = $1 FOR UPDATE`, [
      audit.supplier_id,
    ])) as Array<{ id: string; status: SupplierStatus; probation_ends_at: string | null }>;
    const policy = (await this.policies.findLatest(audit.category, manager))!;
    const asOf = todayUtc();
    const outcome = auditSanction(policy, { status: supplier.status, probationEndsAt: supplier.probation_ends_at }, audit.score!, asOf);
    if (outcome.status !== supplier.status && transitionRefusal(supplier.status, outcome.status, 'SANCTION') === null) {
      await manager.query(`UPDATE suppliers SET status = $2, probation_ends_at = $3, status_as_of = $4, updated_at = now() WHERE id = $1`, [
        supplier.id,
        outcome.status,
        outcome.probationEndsAt,
        asOf,
      ]);
    }
    const verdict = (audit.report as { verdict?: string } | null)?.verdict ?? null;
    const [decision] = await this.decisions.appendMany(manager, [
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
        nextStep: outcome.kind === 'AUDIT_FAILED' && outcome.status === 'PROBATION' ? `Recover to ${Math.round((policy.admissionThreshold + policy.reinstateMargin) * 1000) / 10}% by ${outcome.probationEndsAt} to be reinstated.` : null,
        actor: principal.sub,
      },
    ]);
    if (decision) await manager.query(`UPDATE decisions SET audit_id = $2 WHERE id = $1`, [decision.id, audit.id]);
  }

  // ---- expiry and coverage ----

  /** Overdue assignments expire; their suppliers return to planning. */
  async expireOverdue(now: Date = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH expired AS (
         UPDATE audits SET status = 'EXPIRED', updated_at = now() WHERE status IN ('ASSIGNED', 'ACCEPTED') AND due_at < $1 RETURNING id)
       SELECT count(*)::int AS n FROM expired`,
      [now.toISOString()],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }

  async coverage(category: string, principal: Principal): Promise<CoverageDto> {
    assertCategoryAccess(principal, category);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS active,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audits a WHERE a.supplier_id = s.id AND a.status = 'ACCEPTED_REPORT'
                                                 AND a.reviewed_at >= now() - make_interval(days => $2)))::int AS audited
         FROM suppliers s WHERE s.category = $1 AND s.status IN ('ACTIVE', 'PROBATION')`,
      [category, COVERAGE_DAYS],
    )) as Array<{ active: number; audited: number }>;
    return { category, activeSuppliers: row.active, audited: row.audited, coverage: row.active ? row.audited / row.active : null, target: 0.8 };
  }
}
