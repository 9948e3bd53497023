import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { OutboxRepository } from '../decisions/outbox.repository.js';
import { AppealsRepository } from './appeals.repository.js';

const BATCH = 500;

/**
 * Announces each appeal left unruled past its deadline, once: `appeal.overdue` carries the key
 * `appeal:<id>:overdue`, which the outbox keeps unique, so instances running this at the same
 * moment, or again, announce an appeal once. Every instance may run it.
 */
@Injectable()
export class AppealDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appeals: AppealsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** How many appeals this call announced. */
  async announceOverdue(now: Date = new Date()): Promise<number> {
    let announced = 0;
    for (;;) {
      const written = await this.dataSource.transaction(async (manager) => {
        const rows = await this.appeals.overdueUnannounced(manager, now, BATCH);
        const count = await this.outbox.recordEvents(
          manager,
          rows.map((r) => ({
            type: 'appeal.overdue' as const,
            supplierId: r.supplier_id,
            payload: { appealId: r.id, target: { kind: r.target_kind, id: r.target_id }, decideBy: r.decide_by.toISOString() },
            dedupeKey: `appeal:${r.id}:overdue`,
          })),
        );
        return { rows: rows.length, count };
      });
      announced += written.count;
      if (written.rows < BATCH || written.count === 0) return announced;
    }
  }
}
