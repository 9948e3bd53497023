import { Injectable } from '@nestjs/common';

import type { Principal } from '../common/auth/principal.js';
import { resolveDateRange } from '../common/time/date-range.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { HISTORY_DEFAULT_DAYS, HISTORY_MAX_DAYS, type HistoryDto } from './dto/history.dto.js';
import { historyPointFromRow } from './score-history.mapper.js';
import { ScoreSnapshotsRepository } from './score-snapshots.repository.js';

/** A supplier's score history: one point per scoring run, from the runs' own snapshots (never recomputed). */
@Injectable()
export class ScoreHistoryService {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly snapshots: ScoreSnapshotsRepository,
  ) {}

  async history(supplierId: string, from: string | undefined, to: string | undefined, principal: Principal): Promise<HistoryDto> {
    const supplier = await this.suppliers.getVisible(supplierId, principal);
    const range = resolveDateRange(from, to, { defaultDays: HISTORY_DEFAULT_DAYS, maxDays: HISTORY_MAX_DAYS });
    const rows = await this.snapshots.history(supplier.id, range.from, range.to);
    return { supplierId: supplier.id, from: range.from, to: range.to, items: rows.map(historyPointFromRow) };
  }
}
