import type { EntityManager } from 'typeorm';

/**
 * For transactions that look up a few thousand rows by key in tables kept in memory: at the
 * default random_page_cost (4, for spinning disks) the planner would rather hash a whole table
 * than use the index (bench/README.md). Lasts until the caller's transaction ends.
 */
export async function preferIndexLookups(manager: EntityManager): Promise<void> {
  await manager.query(`SET LOCAL random_page_cost = 1.1`);
}

/** Makes the caller's transaction read-only: whatever runs in it cannot write. */
export async function readOnly(manager: EntityManager): Promise<void> {
  await manager.query('SET TRANSACTION READ ONLY');
}

/**
 * Lets the caller's transaction commit without waiting for its WAL to reach the disk. Only for
 * work a crash may lose whole and that is then redone: a lost transaction is lost atomically (the
 * database stays consistent, never half-written), and the tagger's claim comes back with it.
 */
export async function commitWithoutWaiting(manager: EntityManager): Promise<void> {
  await manager.query(`SET LOCAL synchronous_commit = off`);
}
