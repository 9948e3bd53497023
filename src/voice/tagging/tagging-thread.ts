/**
 * A tagging thread of `TaggingThreads`: tags each request's reviews with `tagReview` and answers
 * with their tags. Each policy version's taxonomy is kept by its name, so the tagger's compiled
 * form of it (cached by the taxonomy's identity) is built once per thread.
 */
import { parentPort } from 'node:worker_threads';

import type { Aspect } from '../../policies/domain/aspects.js';
import { type AspectTag, tagReview } from '../domain/tagger.js';
import type { ThreadRequest, ThreadResponse } from './tagging-threads.js';

const KEPT = 64;
const taxonomies = new Map<string, readonly Aspect[]>();

function taxonomyOf(policy: string, aspects: readonly Aspect[]): readonly Aspect[] {
  const kept = taxonomies.get(policy);
  if (kept !== undefined) return kept;
  if (taxonomies.size >= KEPT) taxonomies.clear();
  taxonomies.set(policy, aspects);
  return aspects;
}

parentPort!.on('message', ({ id, jobs }: ThreadRequest) => {
  let response: ThreadResponse;
  try {
    const tags: AspectTag[][] = [];
    for (const job of jobs) {
      const aspects = taxonomyOf(job.policy, job.aspects);
      for (const review of job.reviews) tags.push(tagReview(review, aspects, job.positiveMinRating));
    }
    response = { id, tags };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
