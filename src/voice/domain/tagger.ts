/**
 * Tags a review with the aspects it mentions and a polarity for each (PRODUCT.md, "Voice of the
 * customer"). Pure and deterministic: the same text and taxonomy give the same tags.
 *
 * The title and the text are read as sentences, split into clauses at commas, colons, brackets and
 * contrast words ("but", "although", "但是"). A word with a polarity is read for the mention it
 * belongs to ("dirty" is itself a cleanliness term), else for the nearest mention in its clause
 * (preferring its own side of an "and"); a clause with polarity and no mention is read for the
 * nearest mention of its sentence ("the room, on the top floor, was lovely"). A mention with no
 * polarity of its own takes that of the terms in its clause ("the room was dirty": room and
 * cleanliness negative); with none in the clause the rating decides (≥ positiveMinRating positive,
 * ≤ 2 negative, else neutral), except for `overall`, a verdict, which needs words with a polarity
 * and a clause naming no other aspect. One tag per aspect: any negative reading makes it negative.
 */
import type { Aspect } from '../../policies/domain/aspects.js';
import { type CompiledTaxonomy, compileTaxonomy, findMentions, type Mention } from './matcher.js';
import { readValences, type Valence } from './polarity.js';
import { SENTENCE_END, type Token, tokenize, WORD } from './tokens.js';

export { type CompiledTaxonomy, compileTaxonomy } from './matcher.js';

export type Polarity = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
export const POLARITIES: readonly Polarity[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL'];

/** One aspect of one review: at most one tag per aspect; `evidence` is the words it was read from. */
export interface AspectTag {
  key: string;
  polarity: Polarity;
  evidence: string;
}

export interface TaggableReview {
  title: string | null;
  text: string | null;
  /** 1..5 */
  rating: number;
}

/** Longest evidence, in characters. */
export const EVIDENCE_MAX = 120;
const JOIN_PENALTY = 3;
/** In a review rated positive, a reading this mildly negative (one AFINN −1 word, even with "very") does not outweigh the rating. */
const WEAK_NEGATIVE = 1.5;

interface Clause {
  from: number;
  to: number;
  sentence: number;
  mentions: Mention[];
  valences: Valence[];
}

/** A reading of one mention: the sum of the polarities read for it, and the clauses they came from. */
interface Reading {
  aspect: number;
  value: number;
  clauses: Clause[];
  mention: Mention;
}

const compiledCache = new WeakMap<readonly Aspect[], CompiledTaxonomy>();

/** The compiled form of a taxonomy, built once per taxonomy array (by identity: treat taxonomies as immutable). */
function compiled(taxonomy: readonly Aspect[] | CompiledTaxonomy): CompiledTaxonomy {
  if (!Array.isArray(taxonomy)) return taxonomy as CompiledTaxonomy;
  const aspects = taxonomy as readonly Aspect[];
  let found = compiledCache.get(aspects);
  if (found === undefined) {
    found = compileTaxonomy(aspects);
    compiledCache.set(aspects, found);
  }
  return found;
}

const isContrast = (t: Token) => t.lex.contrast;

function clausesOf(tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let from = 0;
  const close = (to: number) => {
    if (to > from) clauses.push({ from, to, sentence, mentions: [], valences: [] });
  };
  tokens.forEach((t, i) => {
    if (t.kind === WORD && !isContrast(t)) return;
    close(i);
    from = i + 1;
    if (t.kind === SENTENCE_END) sentence++;
  });
  close(tokens.length);
  return clauses;
}

/** The mention a polarity at token `at` is read for: the one containing it, else the nearest, preferring its side of an "and". */
function ownerOf(tokens: readonly Token[], mentions: readonly Mention[], at: number): Mention {
  let best = mentions[0];
  let bestDistance = Infinity;
  for (const m of mentions) {
    if (at >= m.from && at < m.to) return m;
    const [lo, hi] = at < m.from ? [at, m.from] : [m.to - 1, at];
    let distance = hi - lo;
    for (let k = lo + 1; k < hi; k++) if (tokens[k].lex.join) distance += JOIN_PENALTY;
    if (distance < bestDistance || (distance === bestDistance && m.from < at)) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

/** One reading per aspect named in the clause: the polarities read for its mentions, else those of the other terms. */
function readClause(tokens: readonly Token[], clause: Clause, readings: Reading[]): void {
  const byAspect = new Map<number, Reading>();
  let owned = 0;
  for (const v of clause.valences) {
    const owner = ownerOf(tokens, clause.mentions, v.at);
    if (v.at >= owner.from && v.at < owner.to) owned += v.value;
    const reading = byAspect.get(owner.aspect) ?? { aspect: owner.aspect, value: 0, clauses: [clause], mention: owner };
    reading.value += v.value;
    byAspect.set(owner.aspect, reading);
  }
  for (const m of clause.mentions) {
    if (!byAspect.has(m.aspect)) byAspect.set(m.aspect, { aspect: m.aspect, value: owned, clauses: [clause], mention: m });
  }
  readings.push(...byAspect.values());
}

function evidence(text: string, tokens: readonly Token[], reading: Reading): string {
  const first = reading.clauses.reduce((a, c) => Math.min(a, c.from), Infinity);
  const last = reading.clauses.reduce((a, c) => Math.max(a, c.to), -1) - 1;
  let start = tokens[first].start;
  let end = tokens[last].end;
  if (end - start > EVIDENCE_MAX) {
    const focus = tokens[reading.mention.from].start;
    start = Math.max(start, Math.min(focus - EVIDENCE_MAX / 2, end - EVIDENCE_MAX));
    end = Math.min(end, start + EVIDENCE_MAX);
    const cut = text.slice(start, end);
    const head = start > tokens[first].start ? cut.indexOf(' ') + 1 : 0;
    const tail = end < tokens[last].end && cut.lastIndexOf(' ') > head ? cut.lastIndexOf(' ') : cut.length;
    return tidy(cut.slice(head, tail));
  }
  return tidy(text.slice(start, end));
}

/** Runs of white space as one space, none at the ends. */
function tidy(words: string): string {
  const plain = !words.includes('  ') && !words.includes('\n') && !words.includes('\t') && !words.includes('\r');
  return (plain ? words : words.replace(/\s+/g, ' ')).trim();
}

/** The tags of a review, ordered by aspect key. `positiveMinRating` is the policy's positive bar (the rating fallback). */
export function tagReview(review: TaggableReview, aspects: readonly Aspect[] | CompiledTaxonomy, positiveMinRating = 4): AspectTag[] {
  const taxonomy = compiled(aspects);
  const text = [review.title, review.text].filter((part) => part !== null && part.trim() !== '').join('\n');
  if (text === '') return [];
  const { tokens, han } = tokenize(text, taxonomy.lookup);
  const clauses = clausesOf(tokens);
  const mentions = findMentions(taxonomy, tokens, text, han);
  let c = 0;
  for (const m of mentions) {
    while (c < clauses.length && clauses[c].to <= m.from) c++;
    if (c < clauses.length) clauses[c].mentions.push(m);
  }
  const readings: Reading[] = [];
  for (const clause of clauses) {
    if (clause.mentions.some((m) => m.aspect !== taxonomy.overall))
      clause.mentions = clause.mentions.filter((m) => m.aspect !== taxonomy.overall);
    clause.valences = readValences(tokens, clause.from, clause.to);
  }
  const titleEnd = review.title !== null && review.title.trim() !== '' ? review.title.length : 0;
  clauses.forEach((clause, i) => {
    if (clause.mentions.length > 0) readClause(tokens, clause, readings);
    else if (clause.valences.length > 0 && !attachOrphan(clauses, i, readings) && taxonomy.overall !== -1) {
      // a title judging and naming nothing ("Terrible", "Not what I expected", "I'll be back") is a verdict on the whole
      if (tokens[clause.from].start < titleEnd) {
        const value = clause.valences.reduce((sum, v) => sum + v.value, 0);
        readings.push({
          aspect: taxonomy.overall,
          value,
          clauses: [clause],
          mention: { aspect: taxonomy.overall, from: clause.from, to: clause.from },
        });
      }
    }
  });
  return conclude(taxonomy, readings, review.rating, positiveMinRating, (r) => evidence(text, tokens, r));
}

/** A clause with polarity and no mention: read for the nearest mention in its sentence, the one before first. */
function attachOrphan(clauses: readonly Clause[], i: number, readings: Reading[]): boolean {
  const clause = clauses[i];
  const value = clause.valences.reduce((sum, v) => sum + v.value, 0);
  for (let d = 1; d < clauses.length; d++) {
    for (const j of [i - d, i + d]) {
      const other = clauses[j];
      if (other === undefined || other.sentence !== clause.sentence || other.mentions.length === 0) continue;
      const mention = j < i ? other.mentions[other.mentions.length - 1] : other.mentions[0];
      readings.push({ aspect: mention.aspect, value, clauses: [other, clause], mention });
      return true;
    }
  }
  return false;
}

function conclude(
  taxonomy: CompiledTaxonomy,
  readings: readonly Reading[],
  rating: number,
  positiveMinRating: number,
  evidenceOf: (r: Reading) => string,
): AspectTag[] {
  const fallback: Polarity = rating >= positiveMinRating ? 'POSITIVE' : rating <= 2 ? 'NEGATIVE' : 'NEUTRAL';
  const tags: AspectTag[] = [];
  const byAspect = new Map<number, Reading[]>();
  for (const r of readings) byAspect.set(r.aspect, [...(byAspect.get(r.aspect) ?? []), r]);
  for (const [aspect, list] of byAspect) {
    const weak = (r: Reading) => rating >= positiveMinRating && r.value >= -WEAK_NEGATIVE;
    const negative = list.find((r) => r.value < 0 && !weak(r));
    const positive = list.find((r) => r.value > 0);
    const mild = list.find((r) => r.value < 0);
    const key = taxonomy.aspects[aspect].key;
    if (negative !== undefined) tags.push({ key, polarity: 'NEGATIVE', evidence: evidenceOf(negative) });
    else if (positive !== undefined) tags.push({ key, polarity: 'POSITIVE', evidence: evidenceOf(positive) });
    else if (mild !== undefined) tags.push({ key, polarity: 'NEUTRAL', evidence: evidenceOf(mild) });
    else if (aspect !== taxonomy.overall) tags.push({ key, polarity: fallback, evidence: evidenceOf(list[0]) });
  }
  return tags.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
