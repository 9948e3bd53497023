/**
 * Exclusion by rule (PRODUCT.md, "Voice of the customer"): a negative review whose negative
 * mentions are all of aspects the supplier does not control (the weather, the platform's own
 * booking service) is not evidence about the supplier. Plain TypeScript, no framework.
 */
import type { Aspect } from '../../policies/domain/aspects.js';
import type { AspectTag } from '../domain/tagger.js';

/** The rule's name, as the exclusion log and the proposals carry it. */
export const NON_CONTROLLABLE_ASPECTS = 'NON_CONTROLLABLE_ASPECTS';
/** Who the exclusion log names for an exclusion the rule applied. */
export const RULE_ACTOR = 'rule:auto-exclusion';

/**
 * The non-controllable aspects that make a review a candidate, sorted, or null when it is not one:
 * its rating is below the positive bar, it has at least one NEGATIVE tag, and every NEGATIVE tag is
 * of an aspect with `supplierControllable: false`. A tag of an aspect the taxonomy no longer has
 * counts as controllable (the rule never acts on what it cannot read).
 */
export function exclusionCandidate(
  review: { rating: number },
  tags: readonly AspectTag[],
  aspects: readonly Aspect[],
  positiveMinRating: number,
): string[] | null {
  if (review.rating >= positiveMinRating) return null;
  const negative = tags.filter((t) => t.polarity === 'NEGATIVE');
  if (negative.length === 0) return null;
  const uncontrollable = new Set(aspects.filter((a) => !a.supplierControllable).map((a) => a.key));
  if (!negative.every((t) => uncontrollable.has(t.key))) return null;
  return [...new Set(negative.map((t) => t.key))].sort();
}

/** The reason an exclusion by the rule carries when nobody wrote one. */
export function ruleReason(aspects: readonly string[]): string {
  return `Excluded by rule ${NON_CONTROLLABLE_ASPECTS}: every negative mention is of aspects the supplier does not control (${aspects.join(', ')})`;
}
