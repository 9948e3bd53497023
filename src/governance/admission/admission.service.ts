import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { categoryScope, type Principal } from '../../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../../common/pagination/page.js';
import { todayUtc } from '../../common/time/dates.js';
import { DecisionsService } from '../../decisions/decisions.service.js';
import { evidenceOf } from '../../decisions/domain/evidence.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { WindowCountsRepository } from '../../reviews/review-window-counts.repository.js';
import { evaluate, windowsToCount } from '../../scoring/domain/evaluation.js';
import { type SupplierStatus, transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { SupplierEntity } from '../../suppliers/supplier.entity.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { admissionOutcome, admissionReason, cooldownEndsOn } from '../domain/admission.js';
import { nextStep } from '../domain/next-step.js';
import { AdmissionException, AdmissionExceptionCode } from './admission.exception.js';
import { AdmissionApplicationEntity } from './admission-application.entity.js';

/** Where an application leaves the supplier, by outcome (PENDING_EVIDENCE leaves it as it was). */
const STATUS_AFTER: Record<'ADMITTED' | 'REJECTED', SupplierStatus> = { ADMITTED: 'ACTIVE', REJECTED: 'REJECTED' };

@Injectable()
export class AdmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly counts: WindowCountsRepository,
    private readonly decisions: DecisionsService,
    private readonly suppliers: SuppliersService,
  ) {}

  /** Evaluates an application and applies its outcome, all in one transaction. */
  async apply(supplierId: string, asOf: string | undefined, principal: Principal): Promise<AdmissionApplicationEntity> {
    const date = asOf ?? todayUtc();
    return this.dataSource.transaction(async (manager) => {
      const supplier = await this.suppliers.lockForChange(manager, supplierId, principal);
      if (transitionRefusal(supplier.status, 'ACTIVE', 'ADMISSION') !== null) {
        throw new AdmissionException(
          AdmissionExceptionCode.NOT_AN_APPLICANT,
          `The supplier is ${supplier.status}; only applicants and rejected or delisted suppliers apply`,
        );
      }
      const policy = await this.policies.findLatest(supplier.category, manager);
      if (!policy) throw new SupplierException(SupplierExceptionCode.UNKNOWN_CATEGORY, `Category "${supplier.category}" has no policy`);
      const cooldownEnd = cooldownEndsOn(supplier.status, supplier.statusAsOf, date, policy);
      if (cooldownEnd !== null) {
        throw new AdmissionException(
          AdmissionExceptionCode.COOLDOWN_RUNNING,
          `The supplier was ${supplier.status} as of ${supplier.statusAsOf}; it may apply again from ${cooldownEnd}`,
          [{ field: 'asOf', message: `a new application is possible from ${cooldownEnd}` }],
        );
      }
      const byDays = (await this.counts.countWindows([supplier.id], date, windowsToCount(policy), policy.positiveMinRating, manager)).get(
        supplier.id,
      )!;
      const evaluation = evaluate(policy, byDays);
      const outcome = admissionOutcome(evaluation);
      const reason = admissionReason(outcome, evaluation, policy);
      const application = await manager.save(
        manager.create(AdmissionApplicationEntity, {
          supplierId: supplier.id,
          asOf: date,
          outcome,
          evaluation,
          reason,
          policyVersion: policy.version,
          createdBy: principal.sub,
        }),
      );
      if (outcome === 'PENDING_EVIDENCE') {
        if (supplier.status === 'APPLICANT') {
          await manager.update(SupplierEntity, { id: supplier.id }, { tier: 'INSUFFICIENT_DATA', updatedAt: () => 'now()' } as never);
        }
      } else {
        const to = STATUS_AFTER[outcome];
        await this.suppliers.moveStatus(manager, supplier.id, to, date, evaluation.tier);
        await this.decisions.append(manager, {
          supplierId: supplier.id,
          kind: outcome === 'ADMITTED' ? 'ADMIT' : 'REJECT',
          fromStatus: supplier.status,
          toStatus: to,
          asOf: date,
          policyVersion: policy.version,
          evidence: { ...evidenceOf(evaluation, policy), applicationId: application.id },
          reason,
          nextStep:
            outcome === 'REJECTED'
              ? `${nextStep(evaluation, policy, false)} A new application is possible from ${cooldownEndsOn('REJECTED', date, date, policy) ?? date}.`
              : nextStep(evaluation, policy, false),
          actor: principal.sub,
        });
      }
      return manager.findOneByOrFail(AdmissionApplicationEntity, { id: application.id });
    });
  }

  /** A manager replaces the latest application's outcome; recorded as an OVERRIDE decision. */
  async override(
    applicationId: string,
    outcome: 'ADMITTED' | 'REJECTED',
    reason: string,
    principal: Principal,
  ): Promise<AdmissionApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(AdmissionApplicationEntity, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!application)
        throw new AdmissionException(AdmissionExceptionCode.APPLICATION_NOT_FOUND, `Application ${applicationId} does not exist`);
      const supplier = await this.suppliers.lockForChange(manager, application.supplierId, principal);
      const latest = await manager.findOne(AdmissionApplicationEntity, { where: { supplierId: supplier.id }, order: { seq: 'DESC' } });
      if (latest!.id !== application.id) {
        throw new AdmissionException(
          AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE,
          'A later application supersedes this one; override that one',
        );
      }
      const effective = application.overrideOutcome ?? application.outcome;
      if (effective === outcome) {
        throw new AdmissionException(AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE, `The application's outcome is already ${outcome}`);
      }
      const to = STATUS_AFTER[outcome];
      const refusal = transitionRefusal(supplier.status, to, 'ADMISSION_OVERRIDE');
      if (refusal !== null) {
        throw new AdmissionException(
          AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE,
          `${refusal}; the supplier has moved on since this application (use POST /v1/suppliers/${supplier.id}/status)`,
        );
      }
      await manager.update(AdmissionApplicationEntity, { id: application.id }, {
        overrideOutcome: outcome,
        overrideReason: reason.trim(),
        overriddenBy: principal.sub,
        overriddenAt: () => 'now()',
      } as never);
      const asOf = todayUtc();
      await this.suppliers.moveStatus(manager, supplier.id, to, asOf, application.evaluation.tier);
      await this.decisions.append(manager, {
        supplierId: supplier.id,
        kind: 'OVERRIDE',
        fromStatus: supplier.status,
        toStatus: to,
        asOf,
        policyVersion: application.policyVersion,
        evidence: {
          applicationId: application.id,
          ruleOutcome: application.outcome,
          overrideOutcome: outcome,
          evaluation: application.evaluation,
        },
        reason: reason.trim(),
        nextStep: null,
        actor: principal.sub,
      });
      return manager.findOneByOrFail(AdmissionApplicationEntity, { id: application.id });
    });
  }

  async list(
    filter: { supplierId?: string; limit?: number; cursor?: string },
    principal: Principal,
  ): Promise<Page<AdmissionApplicationEntity>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(filter.cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(AdmissionApplicationEntity, 'a')
      .innerJoin(SupplierEntity, 's', 's.id = a.supplier_id')
      .orderBy('a.seq', 'DESC')
      .take(limit + 1);
    if (filter.supplierId) qb.andWhere('a.supplier_id = :supplierId', { supplierId: filter.supplierId });
    const scope = categoryScope(principal);
    if (scope) qb.andWhere('s.category = ANY(:scope)', { scope: [...scope] });
    if (before !== undefined) qb.andWhere('a.seq < :before', { before });
    return toPage(
      await qb.getMany(),
      limit,
      (r) => r.seq,
      (r) => r,
    );
  }
}
