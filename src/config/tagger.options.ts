export const TAGGER_OPTIONS = Symbol('TAGGER_OPTIONS');

/** The background tagger of the voice of the customer (TAGGER_ENABLED, TAGGER_INTERVAL_MS, TAGGER_BATCH_SIZE, TAGGER_WORKERS, TAGGER_THREADS). */
export interface TaggerOptions {
  /** Whether this instance tags the queue in the background; tests call `drain()` instead. */
  enabled: boolean;
  /** How long an idle tagger waits before it looks at the queue again. */
  intervalMs: number;
  /** Reviews claimed per batch (one transaction each). */
  batchSize: number;
  /** Batches this process tags at once (each its own transaction and connection), so one's SQL overlaps another's tagging. */
  workers: number;
  /** Threads (`node:worker_threads`) the batches' pure tagging runs on; 0 tags on the main thread. */
  threads: number;
}

/** No background tagging (an app built without options: tests, scripts). */
export const NO_TAGGER: TaggerOptions = { enabled: false, intervalMs: 1000, batchSize: 2000, workers: 2, threads: 0 };
