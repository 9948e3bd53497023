import { Worker } from 'node:worker_threads';

import type { Aspect } from '../../policies/domain/aspects.js';
import type { AspectTag, TaggableReview } from '../domain/tagger.js';

/** The reviews of one batch tagged under one policy version, as a thread receives them. */
export interface ThreadJob {
  /** Names the policy version (category and version): a thread compiles each taxonomy once. */
  policy: string;
  aspects: readonly Aspect[];
  positiveMinRating: number;
  reviews: TaggableReview[];
}

export interface ThreadRequest {
  id: number;
  jobs: ThreadJob[];
}

/** The tags of every review of the request's jobs, in their order, or why the thread could not tag them. */
export type ThreadResponse = { id: number; tags: AspectTag[][] } | { id: number; error: string };

/** What the pool tags: a review and the policy version it is read under. */
export interface TaggingItem {
  policy: string;
  aspects: readonly Aspect[];
  positiveMinRating: number;
  review: TaggableReview;
}

/** The thread script beside this file once compiled (dist/); under a TypeScript loader it is missing and `size` must be 0. */
export const TAGGING_THREAD = new URL('./tagging-thread.js', import.meta.url);

interface Pending {
  resolve: (tags: AspectTag[][]) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * The pure tagging of a batch on `node:worker_threads` (a small pool), so the process's main
 * thread, which holds the batch's transaction, is free for the SQL of the other batches in flight
 * meanwhile (bench/README.md: one tagger process was bound by its one thread while the machine had
 * CPU to spare). Tags are exactly `tagReview`'s: the threads run it on the same inputs. With `size`
 * 0 it tags on the calling thread. Threads start on the first batch; one that fails is replaced on
 * the next, its batches rejected (the tagger rolls them back and claims them again).
 */
export class TaggingThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly script: URL = TAGGING_THREAD,
  ) {}

  /** The tags of each item, in the items' order. */
  async tag(items: readonly TaggingItem[], inline: (item: TaggingItem, index: number) => AspectTag[]): Promise<AspectTag[][]> {
    if (this.size === 0 || items.length === 0) return items.map(inline);
    const jobs = new Map<string, ThreadJob & { at: number[] }>();
    items.forEach((item, at) => {
      let job = jobs.get(item.policy);
      if (job === undefined) {
        job = { policy: item.policy, aspects: item.aspects, positiveMinRating: item.positiveMinRating, reviews: [], at: [] };
        jobs.set(item.policy, job);
      }
      job.reviews.push(item.review);
      job.at.push(at);
    });
    const list = [...jobs.values()];
    const tags = await this.send(
      list.map(({ policy, aspects, positiveMinRating, reviews }) => ({ policy, aspects, positiveMinRating, reviews })),
    );
    const out = new Array<AspectTag[]>(items.length);
    let k = 0;
    for (const job of list) for (const at of job.at) out[at] = tags[k++];
    return out;
  }

  /** Stops the threads; batches they still hold are rejected. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private send(jobs: ThreadJob[]): Promise<AspectTag[][]> {
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, jobs } satisfies ThreadRequest);
    });
  }

  private leastBusy(): Thread {
    if (this.threads.length < this.size) return this.start();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private start(): Thread {
    const worker = new Worker(this.script);
    const thread: Thread = { worker, pending: new Map() };
    worker.unref(); // an idle pool keeps no process alive
    worker.on('message', (message: ThreadResponse) => {
      const pending = thread.pending.get(message.id);
      if (pending === undefined) return;
      thread.pending.delete(message.id);
      if ('error' in message) pending.reject(new Error(`tagging thread: ${message.error}`));
      else pending.resolve(message.tags);
    });
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at !== -1) this.threads.splice(at, 1);
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`tagging thread exited (${code})`)));
    this.threads.push(thread);
    return thread;
  }
}
