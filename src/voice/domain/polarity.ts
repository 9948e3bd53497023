/**
 * Reads the words with a polarity in one clause of a review: valence from the lexicon, multiplied
 * by a degree word just before ("very clean"), flipped by a negator up to three words before ("not
 * very clean", "不干净"); a negator of absence with nothing after it that has a polarity counts −1
 * ("no hot water", "没有热水"); "too" before a plain word is a complaint ("too small"). Multi-word
 * entries ("never again", "no problem", "did not work") are read as one.
 */
import { ENGLISH_ABSENT_AFTER_NOT, ENGLISH_EXCESS, ENGLISH_MODAL_NEGATORS, ENGLISH_RETURN_VERBS } from './lexicon.js';
import type { Token } from './tokens.js';

/** A polarity read at a token. */
export interface Valence {
  at: number;
  value: number;
}

const NEGATION_REACH = 3;
const DEGREE_REACH = 2;
/** What an absence ("no hot water") and an excess ("too small") weigh: a plain complaint, as AFINN scores "bad" words −2. */
const ABSENCE = -2;
const EXCESS = -2;

/** Whether an unused negator at `i` marks an absence: "no", "without", "没有" always; "not" before a verb of having or working. */
function marksAbsence(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (!next.han && next.word.endsWith('ing')) return false; // "without knowing", "no smoking room": no missing thing
  if (t.lex.absence) return true;
  const notLike = t.word === 'not' || t.word === 'cannot' || t.word.endsWith("n't") || t.word.endsWith('nt');
  if (t.han || !notLike) return false;
  for (let k = i + 1; k < Math.min(to, i + 1 + NEGATION_REACH); k++) {
    // "didn't have hot water" is an absence; "didn't have to move the car" is not
    if (ENGLISH_ABSENT_AFTER_NOT.has(tokens[k].word)) return tokens[k + 1]?.word !== 'to';
  }
  return false;
}

/** A negator keeps the sign of a comparative after a modal ("couldn't be happier") and of anything after "such". */
function keepsSign(tokens: readonly Token[], negator: number, at: number): boolean {
  for (let k = negator + 1; k < at; k++) if (tokens[k].word === 'such') return true;
  const word = tokens[negator].word;
  const modal =
    ENGLISH_MODAL_NEGATORS.has(word) || (word === 'not' && (tokens[negator - 1]?.word === 'could' || tokens[negator - 1]?.word === 'can'));
  const comparative = tokens[at].word.endsWith('er') || tokens[at - 1]?.word === 'more' || tokens[at].word === 'better';
  return modal && comparative && !tokens[at].han;
}

function phraseAt(tokens: readonly Token[], i: number, to: number): { length: number; value: number } | undefined {
  const list = tokens[i].lex.phrases;
  if (list === undefined) return undefined;
  for (const { words, value } of list) {
    if (i + words.length > to) continue;
    let k = 1;
    while (k < words.length && tokens[i + k].word === words[k]) k++;
    if (k === words.length) return { length: words.length, value };
  }
  return undefined;
}

/** Whether a token with a polarity follows within reach (so a degree word is a degree word, not a word of its own). */
function polarityFollows(tokens: readonly Token[], i: number, to: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 1 + DEGREE_REACH); k++) {
    if (tokens[k].lex.valence !== 0 || phraseAt(tokens, k, to) !== undefined) return true;
    if (tokens[k].lex.degree === 0) return false;
  }
  return false;
}

/** "again" after a verb of returning praises ("would stay here again"), or blames after a negator ("will never come back again"). */
function againValue(tokens: readonly Token[], from: number, i: number): number {
  for (let k = i - 1; k >= Math.max(from, i - 4); k--) {
    if (!ENGLISH_RETURN_VERBS.has(tokens[k].word)) continue;
    for (let j = k - 1; j >= Math.max(from, k - 4); j--) if (tokens[j].lex.negator) return -2;
    return 2;
  }
  return 0;
}

/** The polarities read in the clause of tokens [from, to). */
export function readValences(tokens: readonly Token[], from: number, to: number): Valence[] {
  const out: Valence[] = [];
  let negator = -1; // the negator's token
  let reach = -1; // where its reach is counted from: the negator, or the last word it negated
  let negatorUsed = false;
  let factor = 1;
  let factorAt = -10;
  const closeNegator = () => {
    if (!negatorUsed && negator + 1 < to && marksAbsence(tokens, negator, to)) out.push({ at: negator + 1, value: ABSENCE });
    negator = -1;
  };
  for (let i = from; i < to; i++) {
    if (negator !== -1 && i - reach > NEGATION_REACH) closeNegator();
    const t = tokens[i];
    let value: number;
    let length = 1;
    let negatable = true;
    const phrase = phraseAt(tokens, i, to);
    if (phrase !== undefined) {
      value = phrase.value;
      length = phrase.length;
    } else if (negator !== -1 && (t.word === 'or' || t.word === 'nor')) {
      reach = i; // "wasn't a surprise or a problem", "no bugs or stains": the negation reaches past "or"
      continue;
    } else if (negator !== -1 && t.lex.join) {
      closeNegator(); // "not clean and the staff were rude": the negation stops at "and"
      continue;
    } else if (t.lex.negator) {
      if (negator !== -1) closeNegator();
      negator = reach = i;
      negatorUsed = false;
      continue;
    } else if (!t.han && t.word === ENGLISH_EXCESS) {
      const next = tokens[i + 1];
      if (i + 1 < to && next.lex.valence === 0 && next.lex.degree === 0 && !next.lex.negator) value = EXCESS;
      else {
        factor = t.lex.degree;
        factorAt = i;
        continue;
      }
    } else if (t.lex.degree !== 0 && polarityFollows(tokens, i, to)) {
      factor = t.lex.degree;
      factorAt = i;
      continue;
    } else if (!t.han && t.word === 'again') {
      value = againValue(tokens, from, i);
      negatable = false;
    } else value = t.lex.valence;
    if (value !== 0) {
      if (i - factorAt <= DEGREE_REACH) value *= factor;
      if (negator !== -1) {
        if (negatable && !keepsSign(tokens, negator, i)) value = -value;
        negatorUsed = true;
        reach = i + length - 1;
      }
      out.push({ at: i, value });
      factorAt = -10;
    }
    i += length - 1;
  }
  if (negator !== -1) closeNegator();
  return out;
}
