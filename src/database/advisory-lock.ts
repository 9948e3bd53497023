import pg from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Every PostgreSQL advisory lock the service takes, in one place, so no two uses can pick the same
 * number by accident. The values are fixed: instances of different versions may share a database.
 */
export enum LockKey {
  /** Serialises schema changes: each starting instance waits, the later ones find nothing to do. */
  Migrations = 72_001_001,
  /** Held by the one process running a scoring run; released by PostgreSQL if that process dies. */
  ScoringRun = 72_001_002,
  /** Serialises outbox writers (transaction-scoped), so event ids increase in commit order. */
  Outbox = 72_001_003,
  /** Held by the one instance delivering webhooks at a time. */
  WebhookDelivery = 72_001_004,
  /** Serialises the versions of one category's policy (transaction-scoped, with the category as sub-key). */
  PolicyVersion = 72_001_005,
  /** Held by the one instance publishing outbox events to the AMQP broker at a time (so they go out in id order). */
  AmqpPublication = 72_001_006,
}

/** A session-level lock held on a connection of its own until `release()`. */
export interface HeldLock {
  release(): Promise<void>;
}

async function lockConnection(databaseUrl: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: `supplier-governance:${name}` });
  await client.connect();
  return client;
}

function holding(client: pg.Client, key: LockKey): HeldLock {
  let released = false;
  return {
    async release(): Promise<void> {
      if (released) return;
      released = true;
      await client
        .query('SELECT pg_advisory_unlock($1)', [key])
        .finally(() => client.end())
        .catch(() => undefined);
    },
  };
}

/**
 * Takes the lock if nobody holds it, on a connection of its own, and returns it held; null when
 * another session holds it. The lock lives as long as that connection: a process that dies
 * releases it.
 */
export async function tryLock(databaseUrl: string, key: LockKey): Promise<HeldLock | null> {
  const client = await lockConnection(databaseUrl, LockKey[key]);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
    if (rows[0].locked) return holding(client, key);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end().catch(() => undefined);
  return null;
}

/** Waits for the lock, runs `work` while holding it, and releases it whatever happens. */
export async function withLock<T>(databaseUrl: string, key: LockKey, work: () => Promise<T>): Promise<T> {
  const client = await lockConnection(databaseUrl, LockKey[key]);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  const lock = holding(client, key);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** Runs `work` if the lock is free (releasing it after), or returns null at once when it is held. */
export async function withTryLock<T>(databaseUrl: string, key: LockKey, work: () => Promise<T>): Promise<T | null> {
  const lock = await tryLock(databaseUrl, key);
  if (lock === null) return null;
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/**
 * Takes a transaction-scoped lock in the caller's transaction; it is held until commit or rollback.
 * With a `subKey` (a name such as a category) the lock is per key and name.
 */
export async function lockForTransaction(manager: EntityManager, key: LockKey, subKey?: string): Promise<void> {
  if (subKey === undefined) await manager.query('SELECT pg_advisory_xact_lock($1)', [key]);
  else await manager.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [key, subKey]);
}

/**
 * A FROM item taking the transaction-scoped lock whose key is parameter `$n`, for a statement
 * that must hold it before it makes any row (an insert whose ids must increase in commit order):
 * a one-row subquery calling a volatile function is neither flattened nor skipped, and every row
 * of the statement is joined to it, so the lock is held before the first row is made, as by
 * `lockForTransaction` before the statement, without the round trip.
 */
export function transactionLockSource(n: number): string {
  return `(SELECT pg_advisory_xact_lock($${n}::bigint)) AS held_lock`;
}
