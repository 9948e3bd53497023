/**
 * A Bloom filter over words: "certainly not in the set" or "maybe". The tokenizer asks it before
 * the lexicon, so the half of a review's words that no lexicon or taxonomy names (the, we, hotel
 * names, numbers) cost a few multiplications instead of a hash-map lookup. A false "maybe" only
 * costs the lookup, so answers never change.
 */
const BITS = 1 << 18;
const MASK = BITS - 1;

function hashes(word: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 31) + c) | 0;
  }
  return [a & MASK, (b ^ (b >>> 15)) & MASK];
}

export class WordFilter {
  private readonly bits = new Uint32Array(BITS >>> 5);

  add(word: string): void {
    for (const h of hashes(word)) this.bits[h >>> 5] |= 1 << (h & 31);
  }

  /** False when the word was certainly never added. */
  mayHave(word: string): boolean {
    let a = 0x811c9dc5;
    let b = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 31) + c) | 0;
    }
    const h1 = a & MASK;
    const h2 = (b ^ (b >>> 15)) & MASK;
    return (this.bits[h1 >>> 5] & (1 << (h1 & 31))) !== 0 && (this.bits[h2 >>> 5] & (1 << (h2 & 31))) !== 0;
  }
}
