/**
 * The reports of what reviews are about (PRODUCT.md, "Voice of the customer"; API.md): a
 * supplier's aspects over a window against the previous window of the same length, and a
 * category's drivers of negative reviews. Plain TypeScript: the counts come from the aspect
 * roll-ups, the taxonomy from the category's latest policy; these functions only arrange them.
 */
import { type Aspect, defaultAspects } from '../../../policies/domain/aspects.js';

/** Tags of one aspect over one window: of any polarity, and NEGATIVE. */
export interface MentionCounts {
  mentions: number;
  negative: number;
}

export interface AspectWindows {
  current: MentionCounts;
  previous: MentionCounts;
}

/** One aspect of a supplier's report. `supplierControllable` is null for a key the latest taxonomy no longer has. */
export interface AspectLine {
  key: string;
  label: string;
  supplierControllable: boolean | null;
  mentions: number;
  negative: number;
  negativeShare: number | null;
  previousNegativeShare: number | null;
}

const NONE: MentionCounts = { mentions: 0, negative: 0 };

const share = (c: MentionCounts): number | null => (c.mentions > 0 ? c.negative / c.mentions : null);

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A line per aspect of the taxonomy, in its order (with zeros and null shares where nothing was
 * said), then the keys the roll-ups hold that the taxonomy no longer has (tagged under an earlier
 * version and not retagged yet), by key, labelled with the key itself.
 */
export function aspectLines(taxonomy: readonly Aspect[], counts: ReadonlyMap<string, AspectWindows>): AspectLine[] {
  const line = (key: string, label: string, supplierControllable: boolean | null): AspectLine => {
    const { current, previous } = counts.get(key) ?? { current: NONE, previous: NONE };
    return {
      key,
      label,
      supplierControllable,
      mentions: current.mentions,
      negative: current.negative,
      negativeShare: share(current),
      previousNegativeShare: share(previous),
    };
  };
  const known = new Set(taxonomy.map((a) => a.key));
  const dropped = [...counts.entries()]
    .filter(([key, c]) => !known.has(key) && c.current.mentions + c.previous.mentions > 0)
    .map(([key]) => key)
    .sort(byKey);
  return [...taxonomy.map((a) => line(a.key, a.label, a.supplierControllable)), ...dropped.map((key) => line(key, key, null))];
}

/** A supplier's share in an aspect's negative mentions. */
export interface TopSupplier {
  supplierId: string;
  name: string;
  count: number;
}

/** An aspect's NEGATIVE tags in negative reviews of the window, and the suppliers with most of them (most first). */
export interface DriverCounts {
  count: number;
  topSuppliers: TopSupplier[];
}

export interface Driver {
  key: string;
  label: string;
  supplierControllable: boolean | null;
  /** NEGATIVE tags of the aspect in reviews rated below the positive bar. */
  count: number;
  /** count / negativeReviews; 0 when there were no negative reviews. */
  share: number;
  topSuppliers: TopSupplier[];
}

/** How many suppliers a driver names. */
export const TOP_SUPPLIERS = 5;

/**
 * Every aspect of the taxonomy (and any key the roll-ups hold that it no longer has) with its
 * share of the category's negative reviews, largest share first, ties by key.
 */
export function drivers(taxonomy: readonly Aspect[], negativeReviews: number, counts: ReadonlyMap<string, DriverCounts>): Driver[] {
  const driver = (key: string, label: string, supplierControllable: boolean | null): Driver => {
    const c = counts.get(key) ?? { count: 0, topSuppliers: [] };
    return {
      key,
      label,
      supplierControllable,
      count: c.count,
      share: negativeReviews > 0 ? c.count / negativeReviews : 0,
      topSuppliers: c.topSuppliers.slice(0, TOP_SUPPLIERS),
    };
  };
  const known = new Set(taxonomy.map((a) => a.key));
  const all = [
    ...taxonomy.map((a) => driver(a.key, a.label, a.supplierControllable)),
    ...[...counts.entries()].filter(([key, c]) => !known.has(key) && c.count > 0).map(([key]) => driver(key, key, null)),
  ];
  return all.sort((a, b) => b.share - a.share || byKey(a.key, b.key));
}

/** A critical aspect a supplier's reviews tagged NEGATIVE in a window, and how many times. */
export interface CriticalMention {
  key: string;
  negative: number;
}

/** The keys of the taxonomy's critical aspects, in its order. */
export function criticalKeys(taxonomy: readonly Aspect[]): string[] {
  return taxonomy.filter((a) => a.critical).map((a) => a.key);
}

/**
 * The taxonomy a policy version carries; a version stored before taxonomies existed (no
 * `aspects`) reads as its category's built-in default, as the policies module reads it.
 */
export function taxonomyOf(policy: { category: string; aspects?: readonly Aspect[] | null }): readonly Aspect[] {
  return policy.aspects ?? defaultAspects(policy.category);
}
