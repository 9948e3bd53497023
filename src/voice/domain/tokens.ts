/**
 * Splits a review into the tokens the tagger reads: words (lower-case; hyphenated and slashed words
 * split into their parts without a clause end), Chinese words (runs of Han characters segmented by
 * `@node-rs/jieba`, then the degree and negation prefixes jieba leaves fused, "很脏" → "很" "脏",
 * split off), and the punctuation that ends a sentence or a clause. Each token keeps its character
 * offsets in the original text, for the evidence, and its lexicon entry. Deterministic: jieba runs
 * with its bundled dictionary and without the HMM guesser.
 */
import { createRequire } from 'node:module';

import { CHINESE_CONTRASTS, CHINESE_INTENSIFIERS, CHINESE_NEGATORS, CHINESE_VALENCE, type Lex, lexOf } from './lexicon.js';

/** A word (English or Chinese), the end of a sentence, or the end of a clause (comma, colon, bracket, dash). */
export const WORD = 0;
export const SENTENCE_END = 1;
export const CLAUSE_END = 2;

export interface Token {
  /** The normalized word; '' for punctuation. */
  word: string;
  kind: typeof WORD | typeof SENTENCE_END | typeof CLAUSE_END;
  /** True for a word in Han characters. */
  han: boolean;
  start: number;
  end: number;
  /** What the lexicon says of the word. */
  lex: Lex;
}

const NONE: Lex = lexOf('', false);
const SENTENCE_ENDS = new Set([...'.!?;…\n。！？；']);
const CLAUSE_ENDS = new Set([...',，、:：()（）"“”-–—/*']);
const HAN_CHAR = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const OTHER = 0;
const LETTER = 1;
const HAN = 2;

function classify(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? LETTER : OTHER;
  const ch = text[i];
  if (HAN_CHAR.test(ch)) return HAN;
  return WORD_CHAR.test(ch) ? LETTER : OTHER;
}

interface Segmenter {
  cut(sentence: string, hmm?: boolean): string[];
}
let segmenter: Segmenter | undefined;

/** jieba with its default dictionary, loaded on the first Chinese text (the dictionary takes about 0.3 s to load). */
function jieba(): Segmenter {
  if (segmenter === undefined) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    segmenter = Jieba.withDict(dict);
  }
  return segmenter;
}

const PREFIXES = [...CHINESE_NEGATORS, ...CHINESE_INTENSIFIERS.keys(), ...CHINESE_CONTRASTS].sort((a, b) => b.length - a.length);
const PARTICLES = new Set(['了', '的', '啊', '吧', '呢', '哦', '呀', '啦', '嘛', '得']);
const known = (word: string) =>
  CHINESE_VALENCE.has(word) || CHINESE_NEGATORS.has(word) || CHINESE_INTENSIFIERS.has(word) || CHINESE_CONTRASTS.has(word);
const hanToken = (word: string, start: number): Token => ({
  word,
  kind: WORD,
  han: true,
  start,
  end: start + word.length,
  lex: lexOf(word, true),
});

/** How a word is looked up: the lexicon, or a compiled taxonomy's lookup that adds its terms. */
export type WordLookup = (word: string) => Lex;

/** One jieba word as our words: known words stay whole, else leading degree/negation words and a trailing particle split off. */
function splitHan(word: string, start: number, out: Token[]): void {
  let rest = word;
  let at = start;
  while (rest.length > 1 && !known(rest)) {
    const prefix = PREFIXES.find((p) => rest.startsWith(p) && p.length < rest.length);
    if (prefix === undefined) break;
    out.push(hanToken(prefix, at));
    rest = rest.slice(prefix.length);
    at += prefix.length;
  }
  if (rest.length > 1 && !known(rest) && PARTICLES.has(rest[rest.length - 1])) {
    out.push(hanToken(rest.slice(0, -1), at), hanToken(rest.slice(-1), at + rest.length - 1));
    return;
  }
  out.push(hanToken(rest, at));
}

function pushHan(run: string, start: number, out: Token[]): void {
  let at = start;
  for (const piece of jieba().cut(run, false)) {
    splitHan(piece, at, out);
    at += piece.length;
  }
}

/** The end of the word starting at `i`: letters and digits with inner apostrophes, and a ".com". */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let end = i + 1;
  for (;;) {
    while (end < n && classify(text, end) === LETTER) end++;
    const c = text[end];
    if ((c === "'" || c === '’') && end + 1 < n && classify(text, end + 1) === LETTER) end += 2;
    else break;
  }
  if (text.startsWith('.com', end) && (end + 4 >= n || classify(text, end + 4) !== LETTER)) end += 4;
  return end;
}

/** The tokens of a text, in order, and whether it has Han characters. */
export function tokenize(text: string, lookup: WordLookup = (word) => lexOf(word, false)): { tokens: Token[]; han: boolean } {
  const out: Token[] = [];
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === text.length; // else offsets differ: lower-case word by word
  let han = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kind = classify(text, i);
    if (kind === LETTER) {
      const end = wordEnd(text, i);
      let word = sameLength ? lowered.slice(i, end) : text.slice(i, end).toLowerCase();
      if (word.includes('’')) word = word.replace(/’/g, "'");
      if (word.endsWith("'s")) word = word.slice(0, -2);
      out.push({ word, kind: WORD, han: false, start: i, end, lex: lookup(word) });
      i = end;
      // an inner hyphen or slash ("check-in", "a/c") joins two words without ending the clause
      if ((text[i] === '-' || text[i] === '/') && i + 1 < n && classify(text, i + 1) === LETTER) i++;
    } else if (kind === HAN) {
      const start = i;
      while (i < n && classify(text, i) === HAN) i++;
      han = true;
      pushHan(text.slice(start, i), start, out);
    } else if (text.charCodeAt(i) === 32) {
      i++;
    } else {
      const c = text[i];
      const boundary = SENTENCE_ENDS.has(c) ? SENTENCE_END : CLAUSE_ENDS.has(c) ? CLAUSE_END : -1;
      const start = i;
      if (boundary !== -1) {
        while (i + 1 < n && text[i + 1] === c) i++;
        out.push({ word: '', kind: boundary === SENTENCE_END ? SENTENCE_END : CLAUSE_END, han: false, start, end: i + 1, lex: NONE });
      }
      i++;
    }
  }
  return { tokens: out, han };
}
