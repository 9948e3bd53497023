/**
 * Reads the words with a polarity in one clause of a review: valence from the lexicon, multiplied
 * by a degree word just before ("very clean"), flipped by a negator up to three words before ("not
 * very clean", "不干净"); a negator of absence with nothing after it that has a polarity counts −1
 * ("no hot water", "没有热水"); "too" before a plain word is a complaint ("too small"). Multi-word
 * entries ("never again", "no problem", "did not work") are read as one.
 */
import {
  CHINESE_ABSENCE,
  CHINESE_INTENSIFIERS,
  CHINESE_NEGATORS,
  CHINESE_VALENCE,
  ENGLISH_ABSENCE,
  ENGLISH_EXCESS,
  ENGLISH_INTENSIFIERS,
  ENGLISH_PHRASE_LIST,
  ENGLISH_RETURN_VERBS,
  ENGLISH_VALENCE,
  isEnglishNegator,
} from './lexicon.js';
import type { Token } from './tokens.js';

/** A polarity read at a token. */
export interface Valence {
  at: number;
  value: number;
}

const NEGATION_REACH = 3;
const DEGREE_REACH = 2;
const NOT_ABSENCE_BEFORE = new Set(['only', 'just', 'to', 'that', 'sure', 'know', 'mind', 'since', 'because', 'until', 'been', 'even']);

const PHRASES = (() => {
  const map = new Map<string, Array<{ words: string[]; value: number }>>();
  for (const phrase of ENGLISH_PHRASE_LIST) {
    const list = map.get(phrase.words[0]) ?? [];
    list.push(phrase);
    map.set(phrase.words[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

function phraseAt(tokens: readonly Token[], i: number, to: number): { length: number; value: number } | undefined {
  const list = PHRASES.get(tokens[i].word);
  if (list === undefined) return undefined;
  for (const { words, value } of list) {
    if (i + words.length > to) continue;
    let k = 1;
    while (k < words.length && tokens[i + k].word === words[k]) k++;
    if (k === words.length) return { length: words.length, value };
  }
  return undefined;
}

const valenceOf = (t: Token): number => (t.han ? CHINESE_VALENCE.get(t.word) : ENGLISH_VALENCE.get(t.word)) ?? 0;
const negates = (t: Token): boolean => (t.han ? CHINESE_NEGATORS.has(t.word) : isEnglishNegator(t.word));
const absence = (t: Token): boolean => (t.han ? CHINESE_ABSENCE.has(t.word) : ENGLISH_ABSENCE.has(t.word) || t.word.endsWith("n't"));
const degree = (t: Token): number | undefined => (t.han ? CHINESE_INTENSIFIERS.get(t.word) : ENGLISH_INTENSIFIERS.get(t.word));

/** Whether a token with a polarity follows within reach (so a degree word is a degree word, not a word of its own). */
function polarityFollows(tokens: readonly Token[], i: number, to: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 1 + DEGREE_REACH); k++) {
    if (valenceOf(tokens[k]) !== 0 || phraseAt(tokens, k, to) !== undefined) return true;
    if (degree(tokens[k]) === undefined) return false;
  }
  return false;
}

/** The polarities read in the clause of tokens [from, to). */
export function readValences(tokens: readonly Token[], from: number, to: number): Valence[] {
  const out: Valence[] = [];
  let negator = -1;
  let negatorUsed = false;
  let factor = 1;
  let factorAt = -10;
  const closeNegator = () => {
    const t = tokens[negator];
    const next = tokens[negator + 1];
    if (!negatorUsed && absence(t) && negator + 1 < to && !NOT_ABSENCE_BEFORE.has(next.word)) out.push({ at: negator + 1, value: -1 });
    negator = -1;
  };
  for (let i = from; i < to; i++) {
    if (negator !== -1 && i - negator > NEGATION_REACH) closeNegator();
    const t = tokens[i];
    let value = 0;
    let length = 1;
    const phrase = t.han ? undefined : phraseAt(tokens, i, to);
    if (phrase !== undefined) {
      value = phrase.value;
      length = phrase.length;
    } else if (negates(t)) {
      if (negator !== -1) closeNegator();
      negator = i;
      negatorUsed = false;
      continue;
    } else if (!t.han && t.word === ENGLISH_EXCESS) {
      const next = tokens[i + 1];
      if (i + 1 < to && valenceOf(next) === 0 && degree(next) === undefined && !negates(next)) value = -1;
      else {
        factor = degree(t) ?? 1;
        factorAt = i;
        continue;
      }
    } else if (degree(t) !== undefined && polarityFollows(tokens, i, to)) {
      factor = degree(t) ?? 1;
      factorAt = i;
      continue;
    } else if (!t.han && t.word === 'again') {
      for (let k = Math.max(from, i - 3); k < i; k++) if (ENGLISH_RETURN_VERBS.has(tokens[k].word)) value = 2;
    } else value = valenceOf(t);
    if (value !== 0) {
      if (i - factorAt <= DEGREE_REACH) value *= factor;
      if (negator !== -1) {
        value = -value;
        negatorUsed = true;
      }
      out.push({ at: i, value });
      factorAt = -10;
    }
    i += length - 1;
  }
  if (negator !== -1) closeNegator();
  return out;
}
