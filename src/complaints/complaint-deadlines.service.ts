import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { OutboxRepository } from '../decisions/outbox.repository.js';
import { complaintEventPayload, complaintFromRow } from './complaint.mapper.js';
import { ComplaintsRepository, type OverdueKind } from './complaints.repository.js';

const BATCH = 500;
const TYPES = { response: 'complaint.response_overdue', resolution: 'complaint.resolution_overdue' } as const;

/**
 * Raises one event per overdue deadline (`complaint.response_overdue`,
 * `complaint.resolution_overdue`): each sweep takes the complaints whose deadline passed without
 * its step and whose event is not raised yet, in batches, locked (SKIP LOCKED), writes their
 * events through the outbox and marks them raised in the same transaction. The outbox's
 * `dedupeKey` (`complaint:<id>:response_overdue`) makes a second event for a deadline impossible
 * even if two sweeps ever met. A complaint answered late still raises its event once; a
 * withdrawn one never does.
 */
@Injectable()
export class ComplaintDeadlinesService {
  private readonly logger = new Logger(ComplaintDeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ComplaintsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Events raised by this sweep, by kind. */
  async raiseOverdue(now: Date = new Date()): Promise<Record<OverdueKind, number>> {
    const raised: Record<OverdueKind, number> = { response: 0, resolution: 0 };
    for (const kind of ['response', 'resolution'] as const) {
      for (;;) {
        const n = await this.dataSource.transaction(async (manager) => {
          const rows = await this.repository.lockDueOverdue(manager, kind, now, BATCH);
          if (rows.length === 0) return 0;
          const written = await this.outbox.recordEvents(
            manager,
            rows.map(complaintFromRow).map((c) => ({
              type: TYPES[kind],
              supplierId: c.supplierId,
              payload: complaintEventPayload(c, { deadline: (kind === 'response' ? c.respondBy : c.resolveBy).toISOString() }),
              dedupeKey: `complaint:${c.id}:${kind}_overdue`,
            })),
          );
          await this.repository.markOverdueRaised(
            manager,
            kind,
            rows.map((r) => r.id),
            now,
          );
          raised[kind] += written;
          return rows.length;
        });
        if (n < BATCH) break;
      }
    }
    if (raised.response + raised.resolution > 0) {
      this.logger.log(`Raised ${raised.response} response and ${raised.resolution} resolution overdue event(s)`);
    }
    return raised;
  }
}
