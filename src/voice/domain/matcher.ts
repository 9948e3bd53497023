/**
 * A taxonomy compiled for matching, built once per taxonomy: English terms indexed by their first
 * word, each word also matching its regular inflections (plural, -ed, -ing, -er, -est); Chinese terms
 * (any term with a Han character) matched as substrings, longest first. Finds each aspect mention in
 * a token list as a token range, the longest term winning where terms overlap ("bed bugs" over "bed").
 */
import type { Aspect } from '../../policies/domain/aspects.js';
import { englishLexiconWords, type Lex, lexOf, normalizeWord } from './lexicon.js';
import { type Token, WORD, type WordLookup } from './tokens.js';
import { WordFilter } from './word-filter.js';

const LOOKUP_CACHE_LIMIT = 100_000;

export interface Mention {
  aspect: number;
  /** First token of the mention. */
  from: number;
  /** One past its last token. */
  to: number;
}

interface WordTerm {
  words: string[];
  aspect: number;
}

export interface CompiledTaxonomy {
  readonly aspects: readonly Aspect[];
  /** Index of the `overall` aspect (a verdict needs words with a polarity), or −1. */
  readonly overall: number;
  readonly byFirstWord: ReadonlyMap<string, readonly WordTerm[]>;
  readonly hanTerms: ReadonlyArray<{ term: string; aspect: number }>;
  /** An English word's lexicon entry with this taxonomy's terms starting with it (one lookup per token). */
  readonly lookup: WordLookup;
}

const HAN = /\p{Script=Han}/u;
/** Compounds that name no aspect but contain a term ("hot tub" is no bathtub): matched first, then ignored. */
const NOT_ASPECTS = [
  'hot tub',
  'conference room',
  'meeting room',
  'fitness room',
  'exercise room',
  'game room',
  'ballroom',
  'bed and breakfast',
  'pool area',
  'lobby area',
  'sitting area',
  'seating area',
  'common area',
  'public area',
  'other area',
  'long beach',
  'closed',
  'closing',
];
const VOWEL = /[aeiou]/;

/** The regular inflections of an English word (over-generation is harmless: the extra forms never occur). */
export function inflections(word: string): string[] {
  const forms = [word];
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return [word, `${word}s`];
  if (word.endsWith('s') && word.length > 3) forms.push(word.slice(0, -1));
  const last = word[word.length - 1];
  if (last === 'y' && !VOWEL.test(word[word.length - 2])) {
    const stem = word.slice(0, -1);
    forms.push(`${stem}ies`, `${stem}ied`, `${stem}ier`, `${stem}iest`, `${word}ing`);
  } else if (last === 'e') {
    forms.push(`${word}s`, `${word}d`, `${word}r`, `${word}st`, `${word.slice(0, -1)}ing`);
  } else {
    forms.push(`${word}s`, `${word}es`, `${word}ed`, `${word}ing`, `${word}er`, `${word}est`);
    // a short word ending consonant-vowel-consonant doubles its last letter: stop → stopped, hot → hotter
    if (/[^aeiou][aeiou][^aeiouwxy]$/.test(word) && word.length <= 4)
      forms.push(`${word}${last}ed`, `${word}${last}ing`, `${word}${last}er`);
  }
  return forms;
}

function variants(words: string[]): string[][] {
  let out: string[][] = [[]];
  for (const word of words) out = out.flatMap((prefix) => inflections(word).map((form) => [...prefix, form]));
  return out;
}

/** Whether the lexicon may say something of a word it does not list: a comparative ("friendlier") or a word with an apostrophe ("…n't"). */
function derivable(word: string): boolean {
  const n = word.length;
  if (n > 3 && word.charCodeAt(n - 1) === 114 /* r */ && word.charCodeAt(n - 2) === 101 /* e */) return true;
  if (n > 4 && word.endsWith('est')) return true;
  return word.includes("'");
}

/** Compiles a taxonomy's terms. Explicit terms win over another aspect's inflected forms. */
export function compileTaxonomy(aspects: readonly Aspect[]): CompiledTaxonomy {
  const explicit = new Map<string, WordTerm>();
  const derived = new Map<string, WordTerm>();
  const hanTerms: Array<{ term: string; aspect: number }> = [];
  aspects.forEach((aspect, index) => {
    for (const raw of aspect.terms) {
      const term = raw.trim().toLowerCase();
      if (term === '') continue;
      if (HAN.test(term)) {
        hanTerms.push({ term, aspect: index });
        continue;
      }
      const words = term
        .split(/[\s\-/]+/)
        .filter((w) => w !== '')
        .map(normalizeWord);
      const key = words.join(' ');
      if (!explicit.has(key)) explicit.set(key, { words, aspect: index });
      for (const form of variants(words)) {
        const formKey = form.join(' ');
        if (!derived.has(formKey)) derived.set(formKey, { words: form, aspect: index });
      }
    }
  });
  for (const compound of NOT_ASPECTS) {
    for (const form of variants(compound.split(' '))) explicit.set(form.join(' '), { words: form, aspect: -1 });
  }
  const byFirstWord = new Map<string, WordTerm[]>();
  const all = new Map(derived);
  for (const [key, term] of explicit) all.set(key, term);
  for (const term of all.values()) {
    const list = byFirstWord.get(term.words[0]) ?? [];
    list.push(term);
    byFirstWord.set(term.words[0], list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  hanTerms.sort((a, b) => b.term.length - a.term.length || a.aspect - b.aspect);
  const entries = new Map<string, Lex>();
  const none = lexOf('', false);
  const filter = new WordFilter();
  for (const word of englishLexiconWords()) filter.add(word);
  for (const term of all.values()) for (const word of term.words) filter.add(word);
  const lookup = (word: string): Lex => {
    // comparatives take their valence from the base word; words with an apostrophe may negate ("…n't")
    if (!filter.mayHave(word) && !derivable(word)) return none;
    let entry = entries.get(word);
    if (entry === undefined) {
      const terms = byFirstWord.get(word);
      entry = terms === undefined ? lexOf(word, false) : { ...lexOf(word, false), terms };
      if (entries.size >= LOOKUP_CACHE_LIMIT) entries.clear();
      entries.set(word, entry);
    }
    return entry;
  };
  return { aspects, overall: aspects.findIndex((a) => a.key === 'overall'), byFirstWord, hanTerms, lookup };
}

/** Whether tokens i+1.. continue the words (no punctuation between). */
function continues(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 1; k < words.length; k++) {
    const token = tokens[i + k];
    if (token === undefined || token.kind !== WORD || token.word !== words[k]) return false;
  }
  return true;
}

const MOMENT_WORDS = new Set(['when', 'upon', 'after', 'before', 'until', 'once', 'since', 'till']);
const SUBJECTS = new Set(['we', 'i', 'you', 'they', 'he', 'she', 'my', 'our', 'the', 'finally', 'first']);
/** A term right after "when", "upon", "until"… ("when we checked in", "upon arrival") names a moment, not the aspect. */
function namesAMoment(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3) && tokens[k].kind === WORD; k--) {
    if (MOMENT_WORDS.has(tokens[k].word)) return true;
    if (!SUBJECTS.has(tokens[k].word)) return false;
  }
  return false;
}

/** The mentions in a token list, in token order, not overlapping. */
export function findMentions(compiled: CompiledTaxonomy, tokens: readonly Token[], text: string, hasHan: boolean): Mention[] {
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== WORD || token.han) continue;
    const candidates = token.lex.terms;
    if (candidates === undefined) continue;
    let term: WordTerm | undefined;
    for (const candidate of candidates) {
      if (continues(tokens, i, candidate.words)) {
        term = candidate;
        break;
      }
    }
    if (term === undefined) continue;
    if (term.aspect !== -1 && !namesAMoment(tokens, i)) mentions.push({ aspect: term.aspect, from: i, to: i + term.words.length });
    i += term.words.length - 1;
  }
  if (hasHan && compiled.hanTerms.length > 0) mentions.push(...findHanMentions(compiled, tokens, text.toLowerCase()));
  return mentions.sort((a, b) => a.from - b.from || a.to - b.to);
}

function findHanMentions(compiled: CompiledTaxonomy, tokens: readonly Token[], lower: string): Mention[] {
  const taken: Array<[number, number]> = [];
  const found: Mention[] = [];
  for (const { term, aspect } of compiled.hanTerms) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      const from = tokens.findIndex((t) => t.end > at);
      let to = from;
      while (to < tokens.length && tokens[to].start < end) to++;
      if (from === -1 || to === from) continue;
      taken.push([at, end]);
      found.push({ aspect, from, to });
    }
  }
  return found;
}
