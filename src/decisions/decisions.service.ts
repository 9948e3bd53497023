import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { MetricsRegistry } from '../common/metrics/metrics-registry.js';
import { decodeCursor, type Page, toPage } from '../common/pagination/page.js';
import { afterCommit } from '../database/after-commit.js';
import { decisionFromRow } from './decision.mapper.js';
import { DecisionsRepository } from './decisions.repository.js';
import { type AppendedDecision, type Decision, DECISION_KINDS, type NewDecision } from './domain/decision.js';
import { OutboxRepository } from './outbox.repository.js';

/** The decision log: every decision is appended with its event, in the caller's transaction. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly metrics: MetricsRegistry,
  ) {
    metrics.declareDecisionKinds(DECISION_KINDS);
  }

  /** Appends a decision inside the caller's transaction (with its event, if any); decisions are never updated. */
  async append(manager: EntityManager, decision: NewDecision): Promise<Decision> {
    const written = await this.decisions.insert(manager, decision);
    await this.outbox.record(manager, [written]);
    this.countOnCommit(manager, [written]);
    return written;
  }

  /**
   * Appends many decisions in the caller's transaction (see DecisionsRepository.insertMany for
   * `repeats`) and records their events; returns the ones written, in the order given.
   */
  async appendMany(
    manager: EntityManager,
    decisions: NewDecision[],
    options: { repeats: 'skip' | 'refuse' } = { repeats: 'skip' },
  ): Promise<AppendedDecision[]> {
    const written = await this.decisions.insertMany(manager, decisions, options.repeats);
    await this.outbox.record(manager, written);
    this.countOnCommit(manager, written);
    return written;
  }

  /** sg_decisions_total counts what the caller's transaction committed, not what it rolled back. */
  private countOnCommit(manager: EntityManager, written: ReadonlyArray<Pick<Decision, 'kind'>>): void {
    if (written.length === 0) return;
    const kinds = written.map((d) => d.kind);
    afterCommit(manager, () => this.metrics.decisionsCommitted(kinds));
  }

  /** A supplier's decisions, newest first, each with its evidence (stored, or referred to: decision-evidence.ts). */
  async listForSupplier(supplierId: string, limit: number, cursor?: string): Promise<Page<Decision>> {
    const rows = await this.decisions.listForSupplier(supplierId, decodeCursor(cursor), limit);
    return toPage(rows, limit, (r) => r.seq, decisionFromRow);
  }

  /** One decision, or null when there is none of that id. */
  async find(id: string, manager?: EntityManager): Promise<Decision | null> {
    const row = await this.decisions.find(id, manager);
    return row === null ? null : decisionFromRow(row);
  }

  /** Whether a decision after this one changed the supplier's status (then undoing this one is superseded). */
  async statusChangedAfter(manager: EntityManager, decision: Pick<Decision, 'supplierId' | 'seq'>): Promise<boolean> {
    return this.decisions.statusChangedAfter(manager, decision.supplierId, decision.seq);
  }
}
