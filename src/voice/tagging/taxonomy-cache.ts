import type { Aspect, AutoExclusion } from '../../policies/domain/aspects.js';
import { type Policy, withDefaults } from '../../policies/domain/policy.js';
import { type AspectTag, type TaggableReview, tagReview } from '../domain/tagger.js';

/** A policy version's taxonomy made ready to tag with, once per version. */
export interface CompiledPolicy {
  /** 0 for a category without a policy (its built-in taxonomy and the defaults). */
  version: number;
  aspects: readonly Aspect[];
  positiveMinRating: number;
  autoExclusion: AutoExclusion;
  tag(review: TaggableReview): AspectTag[];
}

function compile(version: number, policy: Pick<Policy, 'aspects' | 'positiveMinRating' | 'autoExclusion'>): CompiledPolicy {
  const { aspects, positiveMinRating, autoExclusion } = policy;
  return { version, aspects, positiveMinRating, autoExclusion, tag: (review) => tagReview(review, aspects, positiveMinRating) };
}

/** The compiled latest policy of each category; a new version replaces the category's entry. */
export class TaxonomyCache {
  private readonly byCategory = new Map<string, CompiledPolicy>();

  of(category: string, policy: Policy | undefined): CompiledPolicy {
    const version = policy?.version ?? 0;
    const cached = this.byCategory.get(category);
    if (cached?.version === version) return cached;
    const compiled = compile(version, policy ?? withDefaults({}, category));
    this.byCategory.set(category, compiled);
    return compiled;
  }
}
