import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { DecisionsService } from '../../decisions/decisions.service.js';
import type { NewDecision } from '../../decisions/domain/decision.js';
import { evidenceOf } from '../../decisions/domain/evidence.js';
import type { Policy } from '../../policies/domain/policy.js';
import { ScoreSnapshotsRepository } from '../../scoring/score-snapshots.repository.js';
import { COMPLAINT_SIGNAL, type ComplaintSignal } from '../../scoring/signals/complaint-signal.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import { type StandingOfSupplier, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { cooldownEndsOn } from '../domain/admission.js';
import { nextStep } from '../domain/next-step.js';
import { outcomeActs, outcomeFor, sameState, scoreBatch, type ScoredSupplier, standingAfter } from '../supplier-scoring.js';
import type { RunCounts, ScoringRun } from './scoring-run.js';

/** One batch of a scoring run: suppliers read without locks, scored and decided in the caller's transaction. */
export interface ScoreBatchCommand {
  run: ScoringRun;
  suppliers: StandingOfSupplier[];
  policyOf: (category: string) => Policy | undefined;
  /** Whether an earlier run of the date may have written snapshots or decisions to skip. */
  skipExisting: boolean;
  /** The run's counts, added to. */
  counts: RunCounts;
}

/**
 * Scores a batch and applies the outcomes. The snapshot insert is the claim: a supplier that
 * already has one for the date was done by an earlier run and is left alone (re-running a date
 * changes nothing; a failed run's successor picks up). Suppliers whose outcome writes anything are
 * then updated on condition that they are as the batch read them; any a manager changed meanwhile
 * are locked, re-read and decided again.
 */
@Injectable()
export class ScoreBatchUseCase {
  constructor(
    @Inject(REVIEW_SIGNAL) private readonly reviews: ReviewSignal,
    @Inject(COMPLAINT_SIGNAL) private readonly complaints: ComplaintSignal,
    private readonly snapshots: ScoreSnapshotsRepository,
    private readonly suppliers: SuppliersRepository,
    private readonly decisions: DecisionsService,
  ) {}

  async execute(manager: EntityManager, command: ScoreBatchCommand): Promise<void> {
    const { run, counts, skipExisting } = command;
    if (command.suppliers.length === 0) return;
    const all = await scoreBatch(
      command.suppliers,
      command.policyOf,
      run.asOf,
      { reviews: this.reviews, complaints: this.complaints },
      manager,
    );
    const fresh = await this.snapshots.insertClaiming(
      manager,
      run.id,
      run.asOf,
      all.map((x) => ({ supplierId: x.supplier.id, policyVersion: x.policy.version, evaluation: x.evaluation })),
      skipExisting,
    );
    const scored = fresh === null ? all : all.filter((x) => fresh.has(x.supplier.id));
    counts.scored += scored.length;

    const decided = scored.filter(({ supplier, outcome }) => outcomeActs(supplier, outcome));
    const missed = await this.apply(manager, run.asOf, decided);
    let acting = decided;
    if (missed.size > 0) {
      const redecided = await this.lockAndRedecide(
        manager,
        run.asOf,
        decided.filter((x) => missed.has(x.supplier.id)),
      );
      if ((await this.apply(manager, run.asOf, redecided)).size > 0) throw new Error('A supplier changed while locked by a scoring run');
      acting = [...decided.filter((x) => !missed.has(x.supplier.id)), ...redecided];
    }

    const decisions: NewDecision[] = acting
      .filter(({ outcome }) => outcome.decision !== null)
      .map(({ supplier, policy, evaluation, outcome }) => ({
        supplierId: supplier.id,
        kind: outcome.decision!,
        fromStatus: supplier.status,
        toStatus: outcome.status,
        asOf: run.asOf,
        policyVersion: policy.version,
        // By reference: the snapshot this batch wrote and the policy version (decision-evidence.ts);
        // written out only when the complaints counted, which the snapshot does not hold (few decisions).
        evidence: outcome.complaints ? { ...evidenceOf(evaluation, policy), complaints: outcome.complaints } : null,
        reason: outcome.reason!,
        nextStep: nextStep(
          {
            status: outcome.status,
            probationEndsAt: outcome.probationEndsAt,
            mayApplyFrom: cooldownEndsOn(outcome.status, run.asOf, run.asOf, policy),
            auditFailedOn: supplier.auditFailedOn,
            complaints: outcome.complaints,
          },
          evaluation,
          policy,
        ),
        actor: `job:scoring-run`,
        runId: run.id,
      }));
    for (const d of await this.decisions.appendMany(manager, decisions, { repeats: skipExisting ? 'skip' : 'refuse' })) {
      counts.decisions[d.kind as keyof RunCounts['decisions']]++;
    }
  }

  /** Writes each outcome if its supplier still holds the standing it was decided on; returns the ids it did not write. */
  private apply(manager: EntityManager, asOf: string, acting: ScoredSupplier[]): Promise<Set<string>> {
    return this.suppliers.changeStanding(
      manager,
      'SANCTION',
      asOf,
      acting.map(({ supplier, outcome }) => ({ id: supplier.id, from: supplier, to: standingAfter(supplier, outcome) })),
    );
  }

  /** Locks suppliers a manager changed during the run (in id order) and decides again on what the lock shows. */
  private async lockAndRedecide(manager: EntityManager, asOf: string, acting: ScoredSupplier[]): Promise<ScoredSupplier[]> {
    if (acting.length === 0) return [];
    const current = await this.suppliers.lockStandings(
      manager,
      acting.map((x) => x.supplier.id),
    );
    const result: ScoredSupplier[] = [];
    for (const x of acting) {
      const now = current.get(x.supplier.id)!;
      if (sameState(now, x.supplier)) {
        result.push(x);
        continue;
      }
      const outcome = outcomeFor(x.policy, now, x.evaluation, x.complaints, asOf);
      if (outcomeActs(now, outcome)) result.push({ ...x, supplier: now, outcome });
    }
    return result;
  }
}
