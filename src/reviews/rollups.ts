import type { EntityManager } from 'typeorm';

/** Net changes to the daily roll-ups `(supplier, day, rating) → n` that one transaction makes. */
export class RollupDeltas {
  private readonly byKey = new Map<string, { supplierId: string; day: string; rating: number; delta: number }>();

  add(supplierId: string, day: string, rating: number, delta: number): void {
    const key = `${supplierId}|${day}|${rating}`;
    const entry = this.byKey.get(key);
    if (entry) entry.delta += delta;
    else this.byKey.set(key, { supplierId, day, rating, delta });
  }

  /** Non-zero changes in key order, so concurrent writers lock roll-up rows in the same order. */
  entries(): Array<{ supplierId: string; day: string; rating: number; delta: number }> {
    return [...this.byKey.entries()]
      .filter(([, e]) => e.delta !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => e);
  }
}

/**
 * Applies the deltas in the caller's transaction. Increments upsert; decrements update rows that
 * must exist (a CHECK on the proposed row would refuse a negative insert even when it conflicts).
 */
export async function applyRollupDeltas(manager: EntityManager, deltas: RollupDeltas): Promise<void> {
  const entries = deltas.entries();
  const up = entries.filter((e) => e.delta > 0);
  const down = entries.filter((e) => e.delta < 0);
  const columns = (list: typeof entries) => [
    list.map((e) => e.supplierId),
    list.map((e) => e.day),
    list.map((e) => e.rating),
    list.map((e) => e.delta),
  ];
  if (down.length > 0) {
    await manager.query(
      `UPDATE review_daily_rollups r SET n = r.n + d.delta
         FROM unnest($1::uuid[], $2::date[], $3::smallint[], $4::int[]) AS d(supplier_id, day, rating, delta)
        WHERE r.supplier_id = d.supplier_id AND r.day = d.day AND r.rating = d.rating`,
      columns(down),
    );
  }
  if (up.length > 0) {
    await manager.query(
      `INSERT INTO review_daily_rollups AS r (supplier_id, day, rating, n)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::smallint[], $4::int[])
       ON CONFLICT (supplier_id, day, rating) DO UPDATE SET n = r.n + EXCLUDED.n`,
      columns(up),
    );
  }
}
