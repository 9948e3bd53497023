import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { resolveAsOf } from '../../common/time/as-of.js';
import { readOnly } from '../../database/planner.js';
import type { Policy, PolicySettings } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import { SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { admissionOutcome } from '../domain/admission.js';
import { scoreBatch, SCORED_STATUSES } from '../supplier-scoring.js';
import type { SimulationDto } from './simulate.dto.js';

const BATCH = 2000;

/** What a draft policy would do now, computed like a scoring run but writing nothing. */
@Injectable()
export class SimulationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly counts: ReviewSignal,
    private readonly suppliers: SuppliersRepository,
  ) {}

  /** `changesOnly` lists only the suppliers whose tier would differ from now or that would get a decision; the counts cover all. */
  async simulate(category: string, draft: Partial<PolicySettings>, asOf: string | undefined, changesOnly = false): Promise<SimulationDto> {
    const settings = this.policies.resolveDraft(draft, { at: 'policy' });
    const current = await this.policies.findLatest(category);
    const policy: Policy = { ...settings, category, version: current?.version ?? 0, createdAt: new Date(), createdBy: 'simulation' };
    const date = resolveAsOf(asOf);
    const byTier: Record<string, number> = {};
    const byDecision: Record<string, number> = {};
    const suppliers: SimulationDto['suppliers'] = [];
    let after = '0';
    // A read-only transaction: a simulation cannot write, whatever the code below does.
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await readOnly(manager);
      for (;;) {
        const batch = await this.suppliers.standingsAfter(after, SCORED_STATUSES, category, BATCH, manager);
        if (batch === null) break;
        after = batch.last;
        const scored = await scoreBatch(batch.suppliers, () => policy, date, this.counts, manager);
        for (const { supplier, evaluation, outcome } of scored) {
          let decision: string | null = outcome.decision;
          if (supplier.status === 'APPLICANT') {
            const admission = admissionOutcome(evaluation);
            decision = admission === 'ADMITTED' ? 'ADMIT' : admission === 'REJECTED' ? 'REJECT' : null;
          }
          byTier[evaluation.tier] = (byTier[evaluation.tier] ?? 0) + 1;
          byDecision[decision ?? 'NONE'] = (byDecision[decision ?? 'NONE'] ?? 0) + 1;
          if (changesOnly && decision === null && evaluation.tier === supplier.tier) continue;
          suppliers.push({
            supplierId: supplier.id,
            status: supplier.status,
            currentTier: supplier.tier,
            simulatedTier: evaluation.tier,
            decision,
          });
        }
      }
    });
    return { asOf: date, counts: { byTier, byDecision }, suppliers };
  }
}
