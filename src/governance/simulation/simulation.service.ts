import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { todayUtc } from '../../common/time/dates.js';
import type { Policy, PolicySettings } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { WindowCountsRepository } from '../../reviews/review-window-counts.repository.js';
import {
  scoreBatch,
  SCORED_STATUSES,
  SCORED_SUPPLIER_COLUMNS,
  scoredSupplierInput,
  type ScoredSupplierRow,
} from '../../scoring/supplier-scoring.js';
import { admissionOutcome } from '../domain/admission.js';
import type { SimulationDto } from './simulate.dto.js';

const BATCH = 2000;

/** What a draft policy would do now, computed like a scoring run but writing nothing. */
@Injectable()
export class SimulationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly counts: WindowCountsRepository,
  ) {}

  /** `changesOnly` lists only the suppliers whose tier would differ from now or that would get a decision; the counts cover all. */
  async simulate(category: string, draft: Partial<PolicySettings>, asOf: string | undefined, changesOnly = false): Promise<SimulationDto> {
    const settings = this.policies.resolveDraft(draft);
    const current = await this.policies.findLatest(category);
    const policy: Policy = { ...settings, category, version: current?.version ?? 0, createdAt: new Date(), createdBy: 'simulation' };
    const date = asOf ?? todayUtc();
    const byTier: Record<string, number> = {};
    const byDecision: Record<string, number> = {};
    const suppliers: SimulationDto['suppliers'] = [];
    let after = '0';
    // A read-only transaction: a simulation cannot write, whatever the code below does.
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      for (;;) {
        const rows = (await manager.query(
          `SELECT seq, ${SCORED_SUPPLIER_COLUMNS}
             FROM suppliers WHERE category = $1 AND status = ANY($2::text[]) AND seq > $3 ORDER BY seq LIMIT $4`,
          [category, SCORED_STATUSES, after, BATCH],
        )) as Array<ScoredSupplierRow & { seq: string }>;
        if (rows.length === 0) break;
        after = rows[rows.length - 1].seq;
        const scored = await scoreBatch(rows.map(scoredSupplierInput), () => policy, date, this.counts, manager);
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
