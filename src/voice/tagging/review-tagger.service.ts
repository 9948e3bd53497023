import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { TAGGER_OPTIONS, type TaggerOptions } from '../../config/tagger.options.js';
import { commitWithoutWaiting } from '../../database/planner.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { ClaimedReview } from '../../reviews/reviews.repository.js';
import { ReviewsService } from '../../reviews/reviews.service.js';
import type { AspectTag } from '../domain/tagger.js';
import { exclusionCandidate } from '../rules/exclusion-rule.js';
import { ExclusionRuleService, type RuleCandidate } from '../rules/exclusion-rule.service.js';
import { AspectRollupDeltas } from './aspect-rollups.js';
import { ReviewAspectsRepository, type TaggedReview } from './review-aspects.repository.js';
import { TaggingThreads } from './tagging-threads.js';
import { type CompiledPolicy, TaxonomyCache } from './taxonomy-cache.js';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** What one batch did. */
export interface BatchOutcome {
  tagged: number;
  tags: number;
  rollupRows: number;
  proposed: number;
  applied: number;
}

const NOTHING: BatchOutcome = { tagged: 0, tags: 0, rollupRows: 0, proposed: 0, applied: 0 };

/**
 * The background tagger (PRODUCT.md, "Voice of the customer"). It claims batches of the tag queue
 * (`FOR UPDATE SKIP LOCKED`, so several instances share it), tags each review with the latest
 * policy of its category, and in ONE transaction per batch replaces the reviews' tags, moves
 * their counts in the aspect roll-ups (the old tags out of the rows they were counted in, the new
 * ones in) and applies the exclusion rule. A crash mid-batch rolls the claim back: nothing is lost.
 * Excluded reviews keep their tags but are counted in no roll-up ("excluded reviews leave every
 * window"): an exclusion or its revert puts the review back in the queue (the reviews module does,
 * in the exclusion's transaction), and its retag moves the counts; one the rule excludes in this
 * batch is counted out at once.
 */
@Injectable()
export class ReviewTaggerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReviewTaggerService.name);
  private readonly taxonomies = new TaxonomyCache();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly threads: TaggingThreads;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TAGGER_OPTIONS) private readonly options: TaggerOptions,
    private readonly reviews: ReviewsService,
    private readonly policies: PoliciesService,
    private readonly aspects: ReviewAspectsRepository,
    private readonly rule: ExclusionRuleService,
  ) {
    this.threads = new TaggingThreads(options.threads);
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    for (let i = 0; i < this.options.workers; i++) this.schedule(0);
  }

  /** Stops polling and waits for the batches in flight to commit. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.all(this.running);
    await this.threads.close();
  }

  /** Tags batches until the queue is empty (of what no other tagger holds); the reviews this call tagged. */
  async drain(): Promise<BatchOutcome> {
    const total = { ...NOTHING };
    for (;;) {
      const outcome = await this.tagBatch();
      if (outcome.tagged === 0) return total;
      for (const key of Object.keys(total) as Array<keyof BatchOutcome>) total[key] += outcome[key];
    }
  }

  /** One batch, retried whole on a deadlock with another writer of the same rows. */
  async tagBatch(): Promise<BatchOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.tagIn(manager));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
        this.logger.warn(`Tagging batch hit ${code}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  /** One worker's next turn: at once after a batch that found work, after the interval when the queue was empty or failed. */
  private schedule(delayMs: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run: Promise<void> = this.tagBatch()
        .then((outcome) => outcome.tagged > 0)
        .catch((error: unknown) => {
          this.logger.error(`Tagging failed: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        })
        .then((busy) => {
          this.running.delete(run);
          this.schedule(busy ? 0 : this.options.intervalMs);
        });
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async tagIn(manager: EntityManager): Promise<BatchOutcome> {
    const claimed = await this.reviews.claimTagBatch(manager, this.options.batchSize);
    if (claimed.length === 0) return NOTHING;
    await commitWithoutWaiting(manager);
    const latest = await this.policies.latestByCategory();
    const policies = claimed.map((review) => this.taxonomies.of(review.category, latest.get(review.category)));
    // The old tags are read while a thread tags (with no threads, tagging runs first).
    const [tagsOf, before] = await Promise.all([
      this.threads.tag(
        claimed.map((review, i) => ({
          policy: `${review.category}\u0000${policies[i].version}`,
          aspects: policies[i].aspects,
          positiveMinRating: policies[i].positiveMinRating,
          review: { title: review.title, text: review.body, rating: review.rating },
        })),
        (item, i) => policies[i].tag(item.review),
      ),
      this.aspects.stored(
        manager,
        claimed.map((r) => r.id),
      ),
    ]);
    const tagged: TaggedReview[] = [];
    const candidates: RuleCandidate[] = [];
    let tags = 0;
    claimed.forEach((review, i) => {
      const policy = policies[i];
      const item = taggedOf(review, policy, tagsOf[i]);
      tagged.push(item);
      tags += item.tags.length;
      const aspects = exclusionCandidate(review, item.tags, policy.aspects, policy.positiveMinRating);
      if (aspects !== null) candidates.push(candidateOf(review, policy, aspects));
    });
    // The rule first: a review it excludes now is counted out with the others excluded.
    const { proposed, applied, excluded } = await this.rule.act(manager, candidates);
    const deltas = new AspectRollupDeltas();
    for (const item of tagged) {
      if (excluded.has(item.reviewId)) item.counted = false;
      const old = before.get(item.reviewId);
      if (old?.counted) deltas.addTags({ supplierId: old.supplier_id, day: old.day, rating: old.rating }, old.tags, -1);
      if (item.counted) deltas.addTags(item, item.tags, +1);
    }
    await this.aspects.store(manager, tagged);
    const rollupRows = await this.aspects.applyRollupDeltas(manager, deltas);
    return { tagged: claimed.length, tags, rollupRows, proposed, applied };
  }
}

function taggedOf(review: ClaimedReview, policy: CompiledPolicy, tags: AspectTag[]): TaggedReview {
  return {
    reviewId: review.id,
    supplierId: review.supplier_id,
    day: review.day,
    rating: review.rating,
    policyVersion: policy.version,
    tags,
    counted: !review.excluded,
  };
}

function candidateOf(review: ClaimedReview, policy: CompiledPolicy, aspects: string[]): RuleCandidate {
  return {
    reviewId: review.id,
    supplierId: review.supplier_id,
    category: review.category,
    policyVersion: policy.version,
    mode: policy.autoExclusion,
    excluded: review.excluded,
    aspects,
  };
}
