import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { addDays, asOfRangeRefusal, todayUtc } from '../common/time/dates.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { type SlaFigures, slaFigures } from './domain/sla.js';

export interface SlaReport extends SlaFigures {
  category: string;
  from: string;
  to: string;
  overdueNow: number;
  target: 1;
}

/** The SLA report of a category (see `domain/sla.ts` for what counts). */
@Injectable()
export class ComplaintSlaService {
  constructor(private readonly repository: ComplaintsRepository) {}

  async report(query: { category: string; from: string; to: string }, principal: Principal, now: Date = new Date()): Promise<SlaReport> {
    assertCategoryAccess(principal, query.category);
    const today = todayUtc(now);
    for (const field of ['from', 'to'] as const) {
      const refusal = asOfRangeRefusal(query[field], today);
      if (refusal !== null) {
        throw new ComplaintException(
          ComplaintExceptionCode.INVALID_PERIOD,
          `${field} ${query[field]} ${refusal.replace(/^must not be/, 'is')}`,
          [{ field, message: refusal }],
        );
      }
    }
    if (query.from > query.to) {
      throw new ComplaintException(ComplaintExceptionCode.INVALID_PERIOD, `from ${query.from} is after to ${query.to}`, [
        { field: 'from', message: `must not be after to (${query.to})` },
      ]);
    }
    const [complaints, overdueNow] = await Promise.all([
      this.repository.slaComplaints(query.category, new Date(`${query.from}T00:00:00Z`), new Date(`${addDays(query.to, 1)}T00:00:00Z`)),
      this.repository.countOverdue(query.category, now),
    ]);
    return { category: query.category, from: query.from, to: query.to, ...slaFigures(complaints), overdueNow, target: 1 };
  }
}
