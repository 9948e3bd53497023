/**
 * The tagger's thread pool tags exactly as `tagReview` does on the calling thread, in the items'
 * order, under each item's own policy; a failure rejects the batch and leaves the pool usable.
 * The thread script runs compiled: it is bundled here with esbuild, as `npm run build` compiles it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readSample } from '../../../scripts/eval-aspects.js';
import { defaultAspects } from '../../../src/policies/domain/aspects.js';
import { tagReview } from '../../../src/voice/domain/tagger.js';
import { type TaggingItem, TaggingThreads } from '../../../src/voice/tagging/tagging-threads.js';
import { aspect } from '../../support/voice.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = `${ROOT}node_modules/.cache/tagging-thread-test`;
const SAMPLE = '/tmp/shared/data/hotel-reviews-sample.csv';
const HOTEL = defaultAspects('hotel');
const SMALL = [aspect('wifi', ['wifi', 'internet']), aspect('breakfast', ['breakfast', '早餐'])];
const inline = (item: TaggingItem) => tagReview(item.review, item.aspects, item.positiveMinRating);

let script: URL;
let pool: TaggingThreads;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [`${ROOT}src/voice/tagging/tagging-thread.ts`],
    outfile: `${OUT}/thread.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  script = pathToFileURL(`${OUT}/thread.mjs`);
  pool = new TaggingThreads(2, script);
});

afterAll(async () => {
  await pool.close();
});

describe('TaggingThreads', () => {
  it('tags every review as tagReview does, in order, each under its own policy', async () => {
    const reviews = readSample(SAMPLE).slice(0, 600);
    const items: TaggingItem[] = reviews.map((r, i) =>
      i % 3 === 0
        ? { policy: 'small\u00001', aspects: SMALL, positiveMinRating: 5, review: r }
        : { policy: 'hotel\u00000', aspects: HOTEL, positiveMinRating: 4, review: r },
    );
    items.push({ policy: 'small\u00001', aspects: SMALL, positiveMinRating: 4, review: { title: '早餐', text: '早餐很好吃', rating: 5 } });
    const expected = items.map(inline);
    expect(expected.flat().length).toBeGreaterThan(1000);
    // two batches at once, as two tagger workers send them
    const [first, second] = await Promise.all([pool.tag(items.slice(0, 300), inline), pool.tag(items.slice(300), inline)]);
    expect([...first, ...second]).toEqual(expected);
  });

  it('tags on the calling thread with no threads', async () => {
    const none = new TaggingThreads(0, new URL('file:///nowhere/thread.mjs'));
    const items: TaggingItem[] = [
      { policy: 'hotel\u00000', aspects: HOTEL, positiveMinRating: 4, review: { title: null, text: 'Dirty room.', rating: 2 } },
    ];
    expect(await none.tag(items, inline)).toEqual([
      [{ key: 'cleanliness', polarity: 'NEGATIVE', evidence: 'Dirty room' }, expect.objectContaining({ key: 'room' })],
    ] satisfies unknown[]);
  });

  it('rejects a batch the thread cannot tag and tags the next one', async () => {
    const bad = {
      policy: 'hotel\u00000',
      aspects: HOTEL,
      positiveMinRating: 4,
      review: { title: 42, text: 'x', rating: 3 },
    } as unknown as TaggingItem;
    await expect(pool.tag([bad], inline)).rejects.toThrow(/tagging thread/);
    const good: TaggingItem = {
      policy: 'hotel\u00000',
      aspects: HOTEL,
      positiveMinRating: 4,
      review: { title: null, text: 'Great wifi.', rating: 5 },
    };
    expect(await pool.tag([good], inline)).toEqual([inline(good)]);
  });

  it('rejects the batches of a thread that dies, and starts another for the next', async () => {
    writeFileSync(`${OUT}/dies.mjs`, `import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));`);
    const dying = new TaggingThreads(1, pathToFileURL(`${OUT}/dies.mjs`));
    const item: TaggingItem = {
      policy: 'hotel\u00000',
      aspects: HOTEL,
      positiveMinRating: 4,
      review: { title: null, text: 'Great wifi.', rating: 5 },
    };
    await expect(dying.tag([item], inline)).rejects.toThrow(/exited \(3\)/);
    await expect(dying.tag([item], inline)).rejects.toThrow(/exited \(3\)/);
    await dying.close();
  });
});
