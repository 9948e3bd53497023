import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { categoryScope, type Principal } from '../../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../../common/pagination/page.js';
import { resolveAsOf } from '../../common/time/as-of.js';
import { todayUtc } from '../../common/time/dates.js';
import { DecisionsService } from '../../decisions/decisions.service.js';
import { evidenceOf } from '../../decisions/domain/evidence.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { evaluate, windowsToCount } from '../../scoring/domain/evaluation.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import { type SupplierStatus, transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { standingOf, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { admissionOutcome, admissionReason, applicationStanding, cooldownEndsOn } from '../domain/admission.js';
import { holdNextStep } from '../domain/hold.js';
import { nextStep } from '../domain/next-step.js';
import { OverrideWarningsService } from '../override-warnings.service.js';
import { assertHoldAllowed } from '../status/change-supplier-status.usecase.js';
import { AdmissionException, AdmissionExceptionCode } from './admission.exception.js';
import { AdmissionApplicationEntity } from './admission-application.entity.js';
import { AdmissionApplicationsRepository } from './admission-applications.repository.js';

/** Where an application leaves the supplier, by outcome (PENDING_EVIDENCE leaves it as it was). */
const STATUS_AFTER: Record<'ADMITTED' | 'REJECTED', SupplierStatus> = { ADMITTED: 'ACTIVE', REJECTED: 'REJECTED' };

@Injectable()
export class AdmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: AdmissionApplicationsRepository,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly counts: ReviewSignal,
    private readonly decisions: DecisionsService,
    private readonly suppliers: SuppliersService,
    private readonly standing: SuppliersRepository,
    private readonly warnings: OverrideWarningsService,
  ) {}

  /** Evaluates an application and applies its outcome, all in one transaction. */
  async apply(supplierId: string, asOf: string | undefined, principal: Principal): Promise<AdmissionApplicationEntity> {
    const date = resolveAsOf(asOf);
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
      const step = nextStep(applicationStanding(outcome, supplier, date, policy), evaluation, policy);
      const application = await this.applications.insert(manager, {
        supplierId: supplier.id,
        asOf: date,
        outcome,
        evaluation,
        reason,
        nextStep: step,
        policyVersion: policy.version,
        createdBy: principal.sub,
      });
      if (outcome === 'PENDING_EVIDENCE') {
        if (supplier.status === 'APPLICANT') {
          await this.standing.changeLockedStanding(manager, 'ADMISSION', date, {
            id: supplier.id,
            from: supplier,
            to: { ...standingOf(supplier), tier: 'INSUFFICIENT_DATA' },
          });
        }
      } else {
        const to = STATUS_AFTER[outcome];
        await this.standing.changeLockedStanding(
          manager,
          'ADMISSION',
          date,
          { id: supplier.id, from: supplier, to: { ...standingOf(supplier), status: to, tier: evaluation.tier, probationEndsAt: null } },
          { restartStatusDate: true },
        );
        await this.decisions.append(manager, {
          supplierId: supplier.id,
          kind: outcome === 'ADMITTED' ? 'ADMIT' : 'REJECT',
          fromStatus: supplier.status,
          toStatus: to,
          asOf: date,
          policyVersion: policy.version,
          evidence: { ...evidenceOf(evaluation, policy), applicationId: application.id },
          reason,
          nextStep: step,
          actor: principal.sub,
        });
      }
      return this.applications.get(application.id, manager);
    });
  }

  /**
   * A manager replaces the latest application's outcome; recorded as an OVERRIDE decision. An
   * admission may be held until a date (runs make no sanction decision through it); either way the
   * override replaces any hold. Answers with what the next run would do to the supplier.
   */
  async override(
    applicationId: string,
    outcome: 'ADMITTED' | 'REJECTED',
    reason: string,
    principal: Principal,
    hold?: string,
  ): Promise<{ application: AdmissionApplicationEntity; warnings: string[] }> {
    const asOf = todayUtc();
    assertHoldAllowed(hold, STATUS_AFTER[outcome], asOf);
    const holdUntil = hold ?? null;
    return this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lock(manager, applicationId);
      if (!application)
        throw new AdmissionException(AdmissionExceptionCode.APPLICATION_NOT_FOUND, `Application ${applicationId} does not exist`);
      const supplier = await this.suppliers.lockForChange(manager, application.supplierId, principal);
      const latest = await this.applications.latestOf(manager, supplier.id);
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
      await this.applications.recordOverride(manager, application.id, outcome, reason.trim(), principal.sub);
      const after = { ...standingOf(supplier), status: to, tier: application.evaluation.tier, probationEndsAt: null, holdUntil };
      await this.standing.changeLockedStanding(
        manager,
        'ADMISSION_OVERRIDE',
        asOf,
        { id: supplier.id, from: supplier, to: after },
        { restartStatusDate: true },
      );
      const policy = await this.policies.findLatest(supplier.category, manager);
      const warnings = await this.warnings.warningsFor(manager, { id: supplier.id, ...after }, policy, asOf);
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
          // What the manager was told is part of what they decided.
          holdUntil,
          warnings,
        },
        reason: reason.trim(),
        nextStep: holdUntil === null ? null : holdNextStep(holdUntil),
        actor: principal.sub,
      });
      return { application: await this.applications.get(application.id, manager), warnings };
    });
  }

  async list(
    filter: { supplierId?: string; limit?: number; cursor?: string },
    principal: Principal,
  ): Promise<Page<AdmissionApplicationEntity>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const scope = categoryScope(principal);
    const rows = await this.applications.list({
      supplierId: filter.supplierId,
      scope: scope ? [...scope] : null,
      before: decodeCursor(filter.cursor),
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (r) => r,
    );
  }
}
