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
