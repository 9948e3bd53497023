import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { uuidV7 } from '../common/ids/uuid-v7.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { todayUtc } from '../common/time/dates.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import type { Decision } from '../decisions/domain/decision.js';
import { LedgerChargesService } from '../ledger/ledger-charges.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { ReviewsService } from '../reviews/reviews.service.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { AppealException, AppealExceptionCode } from './appeal.exception.js';
import { type AppealFilter, type AppealRow, AppealsRepository } from './appeals.repository.js';
import { type AppealTargetKind, decideBy, type RulingOutcome, unappealableReason, undoDecision, windowRefusal } from './domain/appeal.js';

interface Target {
  supplierId: string;
  /** The instant the appeal window counts from. */
  at: Date;
  decision?: Decision;
}

/**
 * Appeals: made by a supplier for itself or a manager on its behalf, one per target, within the
 * category's appeal window; ruled once by a manager. A granted appeal does exactly what PRODUCT.md
 * says, in the ruling's transaction: a review is excluded, a decision undone (`APPEAL_GRANTED`,
 * through the one writer of standing and the outbox), or 409 when it is superseded.
 */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appeals: AppealsRepository,
    private readonly suppliers: SuppliersService,
    private readonly standings: SuppliersRepository,
    private readonly policies: PoliciesService,
    private readonly decisions: DecisionsService,
    private readonly reviews: ReviewsService,
    private readonly charges: LedgerChargesService,
  ) {}

  async file(
    input: { target: { kind: AppealTargetKind; id: string }; statement: string; evidenceUrls?: string[] },
    principal: Principal,
    now: Date = new Date(),
  ): Promise<AppealRow> {
    const target = await this.target(input.target.kind, input.target.id, principal);
    const supplier = await this.suppliers.getVisible(target.supplierId, principal);
    const unappealable = target.decision === undefined ? null : unappealableReason(target.decision.kind);
    if (unappealable !== null) {
      throw new AppealException(AppealExceptionCode.NOT_APPEALABLE, unappealable, [{ field: 'target.id', message: unappealable }]);
    }
    const policy = await this.policies.getLatest(supplier.category);
    const closed = windowRefusal(target.at, now, policy.appealWindowDays);
    if (closed !== null) throw new AppealException(AppealExceptionCode.WINDOW_CLOSED, closed);
    const row = await this.appeals.insert(this.dataSource.manager, {
      id: uuidV7(now.getTime()),
      supplierId: supplier.id,
      targetKind: input.target.kind,
      targetId: input.target.id,
      statement: input.statement.trim(),
      evidenceUrls: input.evidenceUrls ?? [],
      decideBy: decideBy(now, policy.appealDecisionHours),
      createdBy: principal.sub,
      createdAt: now,
    });
    if (row === null) {
      throw new AppealException(AppealExceptionCode.ALREADY_APPEALED, `${input.target.kind} ${input.target.id} has been appealed already`);
    }
    return row;
  }

  /** The target, if the caller may appeal it: another supplier's target is 404 to a supplier; an unappealable kind 422. */
  private async target(kind: AppealTargetKind, id: string, principal: Principal): Promise<Target> {
    const missing = () => new AppealException(AppealExceptionCode.TARGET_NOT_FOUND, `There is no ${kind.toLowerCase()} ${id} to appeal`);
    let target: Target | null = null;
    if (kind === 'DECISION') {
      const decision = await this.decisions.find(id);
      if (decision !== null) {
        target = { supplierId: decision.supplierId, at: decision.createdAt, decision };
      }
    } else if (kind === 'REVIEW') {
      const review = await this.reviews.find(id);
      if (review !== null) target = { supplierId: review.supplierId, at: review.createdAt };
    } else {
      const charge = await this.charges.findCharge(id);
      if (charge !== null) target = { supplierId: charge.supplierId, at: charge.occurredAt };
    }
    if (target === null || (principal.role === 'supplier' && target.supplierId !== principal.supplierId)) throw missing();
    return target;
  }

  async get(id: string, principal: Principal): Promise<AppealRow> {
    const row = await this.appeals.find(id);
    if (row === null || (principal.role === 'supplier' && row.supplier_id !== principal.supplierId)) {
      throw new AppealException(AppealExceptionCode.APPEAL_NOT_FOUND, `Appeal ${id} does not exist`);
    }
    assertCategoryAccess(principal, row.category);
    return row;
  }

  async list(
    query: Omit<AppealFilter, 'scope' | 'now'> & { limit?: number; cursor?: string },
    principal: Principal,
    now: Date = new Date(),
  ): Promise<Page<AppealRow>> {
    if (query.category !== undefined) assertCategoryAccess(principal, query.category);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const supplierId = principal.role === 'supplier' ? principal.supplierId : query.supplierId;
    const rows = await this.appeals.list(
      { ...query, supplierId, scope: categoryScope(principal) ?? null, now },
      decodeCursor(query.cursor),
      limit,
    );
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (r) => r,
    );
  }

  /** The category's appeals waiting for a ruling at `now`, and those overdue; the caller checked access. */
  async waiting(category: string, now: Date = new Date()): Promise<{ open: number; overdue: number }> {
    return this.appeals.countWaiting(category, now);
  }

  async rule(
    id: string,
    ruling: { outcome: RulingOutcome; reason: string },
    principal: Principal,
    now: Date = new Date(),
  ): Promise<AppealRow> {
    const reason = ruling.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const appeal = await this.appeals.find(id, manager, true);
      if (appeal === null) throw new AppealException(AppealExceptionCode.APPEAL_NOT_FOUND, `Appeal ${id} does not exist`);
      assertCategoryAccess(principal, appeal.category);
      if (appeal.status !== 'OPEN') {
        throw new AppealException(
          AppealExceptionCode.ALREADY_RULED,
          `Appeal ${id} was ${appeal.status} on ${appeal.ruled_at?.toISOString()}`,
        );
      }
      if (ruling.outcome === 'GRANTED') await this.grant(manager, appeal, reason, principal, now);
      await this.appeals.rule(manager, id, ruling.outcome, reason, principal.sub, now);
    });
    return (await this.appeals.find(id))!;
  }

  private async grant(manager: EntityManager, appeal: AppealRow, reason: string, principal: Principal, now: Date): Promise<void> {
    const because = `Appeal ${appeal.id} granted: ${reason}`;
    if (appeal.target_kind === 'REVIEW') {
      await this.reviews.excludeIn(manager, appeal.target_id, because, principal);
      return;
    }
    if (appeal.target_kind === 'CHARGE') {
      await this.charges.waiveIn(manager, appeal.target_id, because, principal);
      return;
    }
    const decision = (await this.decisions.find(appeal.target_id, manager))!;
    const current = (await this.standings.lockStandings(manager, [appeal.supplier_id])).get(appeal.supplier_id)!;
    const undo = undoDecision(decision, current, await this.decisions.statusChangedAfter(manager, decision));
    if (!undo.ok)
      throw new AppealException(AppealExceptionCode.SUPERSEDED, `${undo.reason}; deny the appeal, or change the status by hand`);
    const asOf = todayUtc(now);
    await this.standings.changeLockedStanding(manager, 'APPEAL', asOf, { id: current.id, from: current, to: undo.to });
    await this.decisions.append(manager, {
      supplierId: current.id,
      kind: 'APPEAL_GRANTED',
      fromStatus: current.status,
      toStatus: undo.to.status,
      asOf,
      policyVersion: null,
      evidence: { appealId: appeal.id, decisionId: decision.id, decisionKind: decision.kind, decisionAsOf: decision.asOf },
      reason: `${because} (the ${decision.kind} of ${decision.asOf} is undone)`,
      nextStep: null,
      actor: principal.sub,
    });
  }
}
