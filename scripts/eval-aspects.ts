/**
 * Measures the aspect tagger against the hand-labelled hotel reviews (issue 18, item 6).
 *   npm run eval:aspects -- [--labels eval/aspects/hotel-labelled.jsonl] [--sample ../shared/data/hotel-reviews-sample.csv]
 *                           [--misses] [--speed [--seconds 5]]
 * Prints per aspect precision, recall and F1, the micro F1, polarity accuracy over the keys both
 * found, and on the whole sample the share of reviews rated 1–2 with a negative tag and of reviews
 * rated 5 without one, each against its goal. Exits 1 when a goal is missed. --misses lists the
 * labelled reviews the tagger disagrees with (for tuning terms and rules, never single reviews).
 * --speed instead tags the whole sample over and over on this one thread for --seconds and prints
 * reviews per second (after a warm-up pass; the first Chinese review also loads jieba's dictionary).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { parse } from 'csv-parse/sync';

import { defaultAspects } from '../src/policies/domain/aspects.js';
import { evaluateAspects, type LabelledReview, QUALITY_GOALS, ratingShares } from '../src/voice/domain/evaluation.js';
import { compileTaxonomy, type TaggableReview, tagReview } from '../src/voice/domain/tagger.js';

export const DEFAULT_LABELS = 'eval/aspects/hotel-labelled.jsonl';
export const DEFAULT_SAMPLE = '../shared/data/hotel-reviews-sample.csv';

/** The labelled reviews of a JSON-lines file. */
export function readLabelled(path: string): LabelledReview[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledReview);
}

/** The sample's usable reviews (integer rating 1..5, text not empty), as the labels number them: 1-based data rows. */
export function readSample(path: string): Array<TaggableReview & { row: number }> {
  const records = parse(readFileSync(path), {
    columns: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
  });
  const reviews: Array<TaggableReview & { row: number }> = [];
  (records as Array<Record<string, string | undefined>>).forEach((record, i) => {
    const rating = Number(record['reviews.rating']);
    const text = record['reviews.text'] ?? '';
    if (!/^[1-5]$/.test(record['reviews.rating'] ?? '') || text.trim() === '') return;
    reviews.push({ row: i + 1, rating, title: record['reviews.title'] || null, text });
  });
  return reviews;
}

/** The hotel taxonomy's tagger with the default positive bar, as the evaluation runs it. */
export function hotelTagger(): (review: TaggableReview) => ReturnType<typeof tagReview> {
  const taxonomy = compileTaxonomy(defaultAspects('hotel'));
  return (review) => tagReview(review, taxonomy);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string', default: DEFAULT_LABELS },
      sample: { type: 'string', default: DEFAULT_SAMPLE },
      misses: { type: 'boolean', default: false },
      speed: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '5' },
    },
  });
  const tag = hotelTagger();
  if (values.speed) {
    measureSpeed(readSample(resolve(values.sample)), tag, Number(values.seconds));
    return;
  }
  const labelled = readLabelled(resolve(values.labels));
  const result = evaluateAspects(labelled, tag);
  const shares = ratingShares(readSample(resolve(values.sample)), tag);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const num = (x: number) => x.toFixed(3);
  console.log(`${result.reviews} labelled reviews (${values.labels})\n`);
  console.log('aspect            support   tp   fp   fn  precision  recall     f1');
  for (const a of result.aspects) {
    const cells = [a.support, a.truePositives, a.falsePositives, a.falseNegatives].map((n) => String(n).padStart(4)).join(' ');
    console.log(`${a.key.padEnd(18)}  ${cells}      ${num(a.precision)}   ${num(a.recall)}  ${num(a.f1)}`);
  }
  const goal = (met: boolean) => (met ? 'met' : 'MISSED');
  const checks = [
    result.micro.f1 >= QUALITY_GOALS.f1,
    result.polarity.accuracy >= QUALITY_GOALS.polarityAccuracy,
    shares.lowShare >= QUALITY_GOALS.lowShare,
    shares.fiveShare >= QUALITY_GOALS.fiveShare,
  ];
  console.log(
    [
      '',
      `micro precision ${num(result.micro.precision)}, recall ${num(result.micro.recall)}, F1 ${num(result.micro.f1)} (goal ≥ ${QUALITY_GOALS.f1}: ${goal(checks[0])})`,
      `polarity accuracy ${num(result.polarity.accuracy)} over ${result.polarity.compared} keys both found (goal ≥ ${QUALITY_GOALS.polarityAccuracy}: ${goal(checks[1])})`,
      `whole sample: rated 1–2 with a negative tag ${shares.lowWithNegative}/${shares.lowRated} = ${pct(shares.lowShare)} (goal ≥ 85%: ${goal(checks[2])})`,
      `whole sample: rated 5 without one ${shares.fiveWithoutNegative}/${shares.fiveRated} = ${pct(shares.fiveShare)} (goal ≥ 85%: ${goal(checks[3])})`,
    ].join('\n'),
  );
  if (values.misses) printMisses(labelled, tag);
  if (checks.includes(false)) process.exitCode = 1;
}

/** CPU nanoseconds per step of a plain integer loop: the machine's speed in the same run, to compare runs on busy machines. */
function referenceLoop(): number {
  const steps = 200_000_000;
  const cpu = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < steps; i++) sum = (sum + i * 7) | 0;
  const used = process.cpuUsage(cpu);
  if (sum === 42) console.log(''); // keeps the loop from being optimized away
  return ((used.user + used.system) * 1000) / steps;
}

function measureSpeed(reviews: readonly TaggableReview[], tag: (review: TaggableReview) => unknown, seconds: number): void {
  for (const review of reviews) tag(review);
  const chars = reviews.reduce((sum, r) => sum + (r.title?.length ?? 0) + (r.text?.length ?? 0), 0);
  const before = referenceLoop();
  let tagged = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const review of reviews) tag(review);
    tagged += reviews.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const used = process.cpuUsage(cpu);
  const after = referenceLoop();
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    [
      `${tagged} reviews in ${elapsed.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, on one thread: ` +
        `${Math.round(tagged / elapsed)} reviews/s wall, ${Math.round(tagged / cpuSeconds)} per CPU second`,
      `(sample: ${reviews.length} reviews, ${Math.round(chars / reviews.length)} characters on average; load average ${os.loadavg()[0].toFixed(1)};`,
      ` reference loop ${before.toFixed(2)} / ${after.toFixed(2)} ns a step before / after)`,
    ].join('\n'),
  );
}

function printMisses(labelled: readonly LabelledReview[], tag: (review: TaggableReview) => ReturnType<typeof tagReview>): void {
  for (const review of labelled) {
    const truth = review.aspects.map((a) => `${a.key}:${a.polarity[0]}`).sort();
    const tags = tag(review);
    const predicted = tags.map((t) => `${t.key}:${t.polarity[0]}`).sort();
    if (truth.join() === predicted.join()) continue;
    console.log(`\n#${review.row} (${review.rating}) ${review.title ?? ''} | ${review.text}`);
    console.log(`  label: ${truth.join(' ')}\n  tags:  ${predicted.join(' ')}`);
    for (const t of tags) console.log(`    ${t.key}: ${t.evidence}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
