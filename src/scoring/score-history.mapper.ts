import type { SupplierStatus, Tier } from '../suppliers/domain/supplier-lifecycle.js';
import type { HistoryPointDto } from './dto/history.dto.js';
import type { HistoryRow } from './score-snapshots.repository.js';

export function historyPointFromRow(r: HistoryRow): HistoryPointDto {
  return {
    asOf: r.as_of,
    windowDays: r.window_days,
    n: r.n,
    positives: r.positives,
    rate: r.rate,
    tier: r.tier as Tier,
    status: r.status as SupplierStatus,
  };
}
