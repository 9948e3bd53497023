import type { EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

interface Pending {
  /** The transaction depth it was registered at (2 inside a savepoint of a transaction). */
  depth: number;
  run: () => void;
}

const PENDING = 'sg.afterCommit';

function depthOf(runner: QueryRunner): number {
  const depth = (runner as unknown as { transactionDepth?: unknown }).transactionDepth;
  return typeof depth === 'number' ? depth : runner.isTransactionActive ? 1 : 0;
}

function pendingOf(runner: QueryRunner): Pending[] {
  return ((runner.data as Record<string, Pending[] | undefined>)[PENDING] ??= []);
}

/**
 * Runs the callbacks of a transaction when it commits, drops them when it rolls back. A savepoint
 * released hands its callbacks to the enclosing transaction; one rolled back drops its own only.
 */
class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    const depth = depthOf(runner);
    const pending = pendingOf(runner);
    if (depth > 0) {
      for (const p of pending) p.depth = Math.min(p.depth, depth);
      return;
    }
    const due = pending.splice(0);
    for (const p of due) {
      try {
        p.run();
      } catch {
        // The transaction has committed: what runs after it must not make the commit look failed.
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const depth = depthOf(runner);
    const pending = pendingOf(runner);
    const kept = pending.filter((p) => p.depth <= depth);
    pending.splice(0, pending.length, ...kept);
  }
}

const SUBSCRIBER = new AfterCommitSubscriber();

/**
 * Runs `run` once the caller's transaction has committed (at once when `manager` is not in a
 * transaction), and never if it rolls back: for what must not count work that did not happen,
 * such as metrics of rows written. `run` must not throw (what it throws is ignored) nor do I/O
 * that matters.
 */
export function afterCommit(manager: EntityManager, run: () => void): void {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) {
    try {
      run();
    } catch {
      // As after a commit: ignored.
    }
    return;
  }
  const subscribers = runner.dataSource.subscribers;
  if (!subscribers.includes(SUBSCRIBER)) subscribers.push(SUBSCRIBER);
  pendingOf(runner).push({ depth: depthOf(runner), run });
}
