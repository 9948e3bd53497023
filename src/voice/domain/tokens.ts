/**
 * Splits a review into the tokens the tagger reads: words (lower-case, hyphenated words split into
 * their parts), Chinese words (runs of Han characters segmented by `@node-rs/jieba`, then degree and
 * negation prefixes that jieba leaves fused, "很脏" → "很" "脏", split off), and the punctuation that
 * ends a sentence or a clause. Each token keeps its character offsets in the original text, for the
 * evidence. Deterministic: jieba runs with its bundled dictionary and without the HMM guesser.
 */
import { createRequire } from 'node:module';

import { CHINESE_CONTRASTS, CHINESE_INTENSIFIERS, CHINESE_NEGATORS, CHINESE_VALENCE, normalizeWord } from './lexicon.js';

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
}

// Han runs; words of other scripts (with inner apostrophes, hyphens, slashes and a ".com"); sentence ends; clause ends.
const W = String.raw`[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}]`;
const LEXER = new RegExp(
  String.raw`(\p{Script=Han}+)|(${W}+(?:['’\-/]${W}+)*(?:\.com\b)?)|([.!?;。！？；…\n]+)|([,，、:：()（）"“”\-–—/*])`,
  'gu',
);

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

/** One jieba word as our words: known words stay whole, else leading degree/negation words and a trailing particle split off. */
function splitHan(word: string, start: number, out: Token[]): void {
  let rest = word;
  let at = start;
  while (rest.length > 1 && !known(rest)) {
    const prefix = PREFIXES.find((p) => rest.startsWith(p) && p.length < rest.length);
    if (prefix === undefined) break;
    out.push({ word: prefix, kind: WORD, han: true, start: at, end: at + prefix.length });
    rest = rest.slice(prefix.length);
    at += prefix.length;
  }
  if (rest.length > 1 && !known(rest) && PARTICLES.has(rest[rest.length - 1])) {
    out.push({ word: rest.slice(0, -1), kind: WORD, han: true, start: at, end: at + rest.length - 1 });
    out.push({ word: rest.slice(-1), kind: WORD, han: true, start: at + rest.length - 1, end: at + rest.length });
    return;
  }
  out.push({ word: rest, kind: WORD, han: true, start: at, end: at + rest.length });
}

function pushHan(run: string, start: number, out: Token[]): void {
  let at = start;
  for (const piece of jieba().cut(run, false)) {
    splitHan(piece, at, out);
    at += piece.length;
  }
}

function pushWord(raw: string, start: number, out: Token[]): void {
  if (!/[-/]/.test(raw)) {
    out.push({ word: normalizeWord(raw), kind: WORD, han: false, start, end: start + raw.length });
    return;
  }
  let at = start;
  for (const part of raw.split(/([-/])/)) {
    if (part !== '-' && part !== '/' && part !== '')
      out.push({ word: normalizeWord(part), kind: WORD, han: false, start: at, end: at + part.length });
    at += part.length;
  }
}

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  LEXER.lastIndex = 0;
  for (let m = LEXER.exec(text); m !== null; m = LEXER.exec(text)) {
    const start = m.index;
    if (m[1] !== undefined) pushHan(m[1], start, out);
    else if (m[2] !== undefined) pushWord(m[2], start, out);
    else out.push({ word: '', kind: m[3] !== undefined ? SENTENCE_END : CLAUSE_END, han: false, start, end: start + m[0].length });
  }
  return out;
}
