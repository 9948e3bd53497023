import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { resolveAsOf } from '../../common/time/as-of.js';
import { readOnly } from '../../database/planner.js';
import type { Policy, PolicySettings } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { COMPLAINT_SIGNAL, type ComplaintSignal } from '../../scoring/signals/complaint-signal.js';
import { REVIEW_SIGNAL, type ReviewSignal } from '../../scoring/signals/review-signal.js';
import { SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { complaintsShown, isSimulatedChange, simulatedDecision } from '../domain/simulation.js';
import { scoreBatch, SCORED_STATUSES } from '../supplier-scoring.js';
import type { SimulationBase, SimulationDto } from './simulate.dto.js';

const BATCH = 2000;

export interface SimulateCommand {
  category: string;
  draft: Partial<PolicySettings>;
  /** CURRENT: the draft merged onto the latest version (as PATCH would); DEFAULTS: onto the defaults (as PUT would). */
  base: SimulationBase;
  asOf?: string;
  /** List only the suppliers whose tier would change from a stored one or that would get a decision; the counts cover all. */
  changesOnly: boolean;
}

/** What a draft policy would do now, computed like a scoring run but writing nothing. */
@Injectable()
export class SimulationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    @Inject(REVIEW_SIGNAL) private readonly counts: ReviewSignal,
    @Inject(COMPLAINT_SIGNAL) private readonly complaints: ComplaintSignal,
    private readonly suppliers: SuppliersRepository,
  ) {}

  async simulate({ category, draft, base, asOf, changesOnly }: SimulateCommand): Promise<SimulationDto> {
    const date = resolveAsOf(asOf);
    const byTier: Record<string, number> = {};
    const byDecision: Record<string, number> = {};
    const suppliers: SimulationDto['suppliers'] = [];
    // A read-only transaction: a simulation cannot write, whatever the code below does; the policy
    // and the suppliers are read from one snapshot.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await readOnly(manager);
      const current = await this.policies.findLatest(category, manager);
      // With no version yet, CURRENT has nothing to merge onto: the first version can only be a
      // PUT, so the defaults are what publishing the draft would do.
      const onto = base === 'CURRENT' ? current : null;
      const settings = this.policies.resolveDraft(draft, { base: onto, at: 'policy', category });
      const policy: Policy = { ...settings, category, version: current?.version ?? 0, createdAt: new Date(), createdBy: 'simulation' };
      let after = '0';
      for (;;) {
        const batch = await this.suppliers.namedStandingsAfter(after, SCORED_STATUSES, category, BATCH, manager);
        if (batch === null) break;
        after = batch.last;
        const names = new Map(batch.suppliers.map((s) => [s.id, s.name]));
        const signals = { reviews: this.counts, complaints: this.complaints };
        for (const { supplier, evaluation, complaints, outcome } of await scoreBatch(
          batch.suppliers,
          () => policy,
          date,
          signals,
          manager,
        )) {
          const { decision, reason } = simulatedDecision(supplier.status, evaluation, outcome, policy);
          byTier[evaluation.tier] = (byTier[evaluation.tier] ?? 0) + 1;
          byDecision[decision ?? 'NONE'] = (byDecision[decision ?? 'NONE'] ?? 0) + 1;
          if (changesOnly && !isSimulatedChange(supplier.tier, evaluation.tier, decision)) continue;
          suppliers.push({
            supplierId: supplier.id,
            name: names.get(supplier.id)!,
            status: supplier.status,
            currentTier: supplier.tier,
            simulatedTier: evaluation.tier,
            rate: evaluation.rate,
            windowDays: evaluation.windowDays,
            decision,
            reason,
            complaints: complaintsShown(complaints, policy),
          });
        }
      }
      return {
        asOf: date,
        base: onto === null ? 'DEFAULTS' : 'CURRENT',
        baseVersion: onto?.version ?? null,
        counts: { byTier, byDecision },
        suppliers,
      };
    });
  }
}
