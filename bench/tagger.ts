/**
 * Tagger benchmark (issue 18, item 7): the background tagger's throughput (reviews tagged per
 * second, tags written, roll-up rows) against the HTTP ingestion rate measured in the same run, on
 * reviews carrying the titles, texts and ratings of the real sample in ../shared/data.
 *   npm run bench:tagger -- [--reviews 200000] [--suppliers 20000] [--concurrency 6] [--tagger-batch 2000] [--taggers 1]
 * 1. HTTP: `POST /v1/reviews/batch` in batches of 5,000, a few in flight, as bench:ingest sends
 *    them, to a server whose tagger is off (TAGGER_ENABLED=false): the ingestion rate, and every
 *    review left in the tag queue.
 * 2. Tagger: the same database, servers with the tagger on (`--taggers` processes sharing the
 *    queue) and nothing else to do, polled through GET /v1/review-tagging until the queue is
 *    empty: the tagger's rate.
 * 3. Both at once: a second set of reviews sent while the tagger runs; the tagger's lag sampled.
 * DATABASE_URL names the server (default: the machine's PostgreSQL on 127.0.0.1:5432).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { parse } from 'csv-parse/sync';
import pg from 'pg';

import { signToken } from '../src/common/auth/jwt.js';
import {
  BENCH_JWT_SECRET,
  freshDatabase,
  insertHotelPolicy,
  MACHINE_PG,
  machineCpuSeconds,
  machineDescription,
  memoryOf,
  processCpuSeconds,
  rng,
  seconds,
  startServer,
} from './support.js';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '200000' },
    suppliers: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '6' },
    'tagger-batch': { type: 'string', default: '2000' },
    taggers: { type: 'string', default: '1' },
  },
});
const REVIEWS = Number(values.reviews);
const SUPPLIERS = Number(values.suppliers);
const CONCURRENCY = Number(values.concurrency);
const TAGGER_BATCH = values['tagger-batch'];
const TAGGERS = Number(values.taggers);
const BATCH = 5000;
const SAMPLE = new URL('../../../shared/data/hotel-reviews-sample.csv', import.meta.url); // from dist/bench
const server = process.env.DATABASE_URL ?? MACHINE_PG;
const { url, version } = await freshDatabase(server, 'sg_bench_tagger');
const db = new pg.Pool({ connectionString: url, max: 2, application_name: 'bench' });

/**
 * CPU-seconds of the PostgreSQL backends serving the servers (every connection to the bench's
 * database but the bench's own), by pid: with the servers' own CPU, what a review costs on a
 * machine shared with other work, where wall times and the machine's CPU count the others too.
 * Empty when the database server is not on this machine.
 */
async function backendCpu(): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'bench' AND backend_type = 'client backend'`,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      out.set(pid, processCpuSeconds(pid));
    } catch {
      /* gone, or on another machine */
    }
  }
  return out;
}
const backendCpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);
/** µs a review: the servers' and their backends'. */
const perReview = (serverCpu: number, pgCpu: number, reviews: number) =>
  `${Math.round((serverCpu * 1e6) / reviews)} µs in Node + ${Math.round((pgCpu * 1e6) / reviews)} in PostgreSQL = ${Math.round(((serverCpu + pgCpu) * 1e6) / reviews)} CPU-µs a review`;

console.log(`machine: ${machineDescription(version)}`);

// The real reviews' titles, texts and ratings (the file is partly Latin-1: a stray byte reads as U+FFFD).
const sample = (parse(readFileSync(SAMPLE, 'utf8'), { columns: true, relax_column_count: true }) as Array<Record<string, string>>)
  .filter((r) => r['reviews.text'] && /^[1-5](\.0)?$/.test(r['reviews.rating']))
  .map((r) => ({ title: r['reviews.title'] || undefined, text: r['reviews.text'].slice(0, 10_000), rating: Number(r['reviews.rating']) }));
console.log(
  `data: ${REVIEWS.toLocaleString()} reviews (twice: alone, then beside the tagger) over ${SUPPLIERS.toLocaleString()} suppliers, ` +
    `texts and ratings of the ${sample.length} real reviews (${Math.round(sample.reduce((a, s) => a + s.text.length, 0) / sample.length)} characters on average)`,
);

// The hotel policy and the suppliers.
await insertHotelPolicy(db);
await db.query(
  `INSERT INTO suppliers (external_ref, name, category, status) SELECT 'S-' || g, 'Supplier ' || g, 'hotel', 'ACTIVE' FROM generate_series(1, $1) g`,
  [SUPPLIERS],
);
const ids = (await db.query<{ id: string }>(`SELECT id FROM suppliers ORDER BY seq`)).rows.map((r) => r.id);

const START = Date.parse('2024-12-01T00:00:00Z');
const SPAN = 700 * 86_400_000;
/** Request bodies of `REVIEWS` reviews, built before any clock starts. */
function bodies(prefix: string): string[] {
  const rand = rng(prefix === 'a' ? 42 : 43);
  const out: string[] = [];
  let batch: unknown[] = [];
  for (let i = 0; i < REVIEWS; i++) {
    const s = sample[Math.floor(rand() * sample.length)];
    batch.push({
      externalId: `${prefix}-${i}`,
      supplierId: ids[i % SUPPLIERS],
      rating: s.rating,
      reviewedAt: new Date(START + Math.floor(rand() * SPAN)).toISOString(),
      title: s.title,
      text: s.text,
    });
    if (batch.length === BATCH) {
      out.push(JSON.stringify({ reviews: batch }));
      batch = [];
    }
  }
  if (batch.length > 0) out.push(JSON.stringify({ reviews: batch }));
  return out;
}

const token = signToken(BENCH_JWT_SECRET, { sub: 'bench', role: 'integration' });
const portBase = 3800 + Math.floor(Math.random() * 80);

/** Sends the bodies to the server on `port`, `CONCURRENCY` in flight; seconds taken. */
async function ingest(port: number, all: string[], onBatch: () => void = () => undefined): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const index = next++;
        if (index >= all.length) return;
        const res = await fetch(`http://127.0.0.1:${port}/v1/reviews/batch`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: all[index],
        });
        const body = (await res.json()) as { accepted: number; rejected: unknown[] };
        if (res.status !== 200 || body.rejected.length > 0)
          throw new Error(`batch failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        onBatch();
      }
    }),
  );
  return seconds(t0);
}

async function lag(port: number): Promise<{ pending: number; lagSeconds: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/review-tagging`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as { pending: number; lagSeconds: number };
}

/**
 * The oldest entry of the queue (null when it is empty), read as the claim reads it, through the
 * queue's index: the bench's own polling must not load the machine it measures. (`GET
 * /v1/review-tagging` counts the whole queue; polled ten times a second on 200,000 reviews, that
 * count ran as a parallel scan of the queue and its dead rows and took more CPU than the tagger's
 * own backends.)
 */
async function oldestQueued(): Promise<string | null> {
  const { rows } = await db.query<{ at: string }>(`SELECT enqueued_at::text AS at FROM review_tag_queue ORDER BY enqueued_at LIMIT 1`);
  return rows[0]?.at ?? null;
}

const taggerEnv = { TAGGER_ENABLED: 'true', TAGGER_BATCH_SIZE: TAGGER_BATCH, TAGGER_INTERVAL_MS: '100' };

// 1. HTTP ingestion alone.
const first = bodies('a');
const ingestServer = await startServer(url, portBase, { TAGGER_ENABLED: 'false' });
await db.query('CHECKPOINT');
let httpSeconds: number;
const httpCpuBefore = machineCpuSeconds();
const httpServerBefore = processCpuSeconds(ingestServer.pid!);
const httpPgBefore = await backendCpu();
let httpCost: string;
try {
  httpSeconds = await ingest(portBase, first);
  httpCost = perReview(processCpuSeconds(ingestServer.pid!) - httpServerBefore, backendCpuSince(httpPgBefore, await backendCpu()), REVIEWS);
} finally {
  ingestServer.kill('SIGTERM');
}
const httpRate = REVIEWS / httpSeconds;
console.log(
  `HTTP ingestion (tagger off): ${httpSeconds.toFixed(1)} s, ${Math.round(httpRate).toLocaleString()} reviews/s, ` +
    `${(machineCpuSeconds() - httpCpuBefore).toFixed(1)} CPU-s in the whole machine; ${httpCost}`,
);
const queuedAfterIngest = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_tag_queue`)).rows[0].n;
console.log(`  ${queuedAfterIngest.toLocaleString()} reviews left in the tag queue`);

// 2. The tagger alone, on what ingestion queued.
await db.query('CHECKPOINT');
const taggers = [];
for (let i = 0; i < TAGGERS; i++) taggers.push(await startServer(url, portBase + 1 + i, taggerEnv));
// Timed from the moment every server answers (start-up is not tagging): the reviews still waiting then.
const t0 = process.hrtime.bigint();
const cpuBefore = taggers.map((c) => processCpuSeconds(c.pid!));
const machineBefore = machineCpuSeconds();
const taggerPgBefore = await backendCpu();
const waiting = (await lag(portBase + 1)).pending;
let taggerSeconds: number;
let peakMiB = 0;
let progress = { oldest: await oldestQueued(), at: Date.now() };
for (;;) {
  const oldest = await oldestQueued();
  if (oldest !== progress.oldest) progress = { oldest, at: Date.now() };
  else if (Date.now() - progress.at > 30_000)
    throw new Error(`the tagger made no progress in 30 s (${(await lag(portBase + 1)).pending} reviews waiting)`);
  peakMiB = Math.max(peakMiB, ...taggers.map((c) => memoryOf(c.pid!).rssMiB));
  if (oldest === null) {
    taggerSeconds = seconds(t0);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
const taggerCpu = taggers.reduce((sum, c, i) => sum + processCpuSeconds(c.pid!) - cpuBefore[i], 0);
const taggerPgCpu = backendCpuSince(taggerPgBefore, await backendCpu());
const machineCpu = machineCpuSeconds() - machineBefore;
const taggerRate = waiting / taggerSeconds;
const written = (
  await db.query<{ tags: number; tagged: number; rollups: number; counted: number }>(
    `SELECT (SELECT sum(jsonb_array_length(tags))::int FROM review_aspects) AS tags, (SELECT count(*)::int FROM review_aspects) AS tagged,
            (SELECT count(*)::int FROM review_aspect_daily_rollups) AS rollups,
            (SELECT sum((e.value->>0)::int)::int FROM review_aspect_daily_rollups r, jsonb_each(r.counts) e) AS counted`,
  )
).rows[0];
console.log(
  `tagger (${TAGGERS} process${TAGGERS > 1 ? 'es' : ''}, batches of ${TAGGER_BATCH}): ${waiting.toLocaleString()} reviews waiting once up, tagged in ${taggerSeconds.toFixed(1)} s, ` +
    `${Math.round(taggerRate).toLocaleString()} reviews/s = ${((taggerRate / httpRate) * 100).toFixed(0)}% of the HTTP ingestion rate; ` +
    `${taggerCpu.toFixed(1)} CPU-s in the server, ${machineCpu.toFixed(1)} in the whole machine, peak RSS ${peakMiB.toFixed(0)} MiB; ` +
    perReview(taggerCpu, taggerPgCpu, waiting),
);
console.log(
  `  ${written.tagged.toLocaleString()} reviews tagged, ${written.tags.toLocaleString()} tags (${(written.tags / written.tagged).toFixed(2)} a review), ` +
    `${written.rollups.toLocaleString()} roll-up rows (supplier-days) counting ${written.counted.toLocaleString()} mentions`,
);

// 3. Ingestion while the tagger runs: how far behind it falls.
const second = bodies('b');
const lags: number[] = [];
let sent = 0;
let concurrentSeconds: number;
try {
  concurrentSeconds = await ingest(portBase + 1, second, () => {
    sent += BATCH;
    if (sent % (REVIEWS / 5) < BATCH) void lag(portBase + 1).then((l) => lags.push(l.pending));
  });
  const t1 = process.hrtime.bigint();
  for (;;) {
    if ((await oldestQueued()) === null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(
    `both at once: ingestion ${concurrentSeconds.toFixed(1)} s (${Math.round(REVIEWS / concurrentSeconds).toLocaleString()} reviews/s), ` +
      `queue while sending ${lags.map((n) => n.toLocaleString()).join(' → ')}, empty ${seconds(t1).toFixed(1)} s after the last batch`,
  );
} finally {
  for (const c of taggers) c.kill('SIGTERM');
}

// Check: the roll-ups equal the counts computed from the stored tags and the reviews.
const check = (
  await db.query<{ differ: number; untagged: number }>(
    `WITH counted AS (
       SELECT r.supplier_id, (r.reviewed_at AT TIME ZONE 'UTC')::date AS day, tag->>'key' AS aspect_key,
              jsonb_build_array(count(*), ${[1, 2, 3, 4, 5].map((n) => `count(*) FILTER (WHERE tag->>'polarity' = 'NEGATIVE' AND r.rating = ${n})`).join(', ')}) AS counts
         FROM review_aspects a JOIN reviews r ON r.id = a.review_id, jsonb_array_elements(a.tags) tag
        WHERE r.excluded_at IS NULL GROUP BY 1, 2, 3),
     stored AS (SELECT r.supplier_id, r.day, e.key AS aspect_key, e.value AS counts FROM review_aspect_daily_rollups r, jsonb_each(r.counts) e)
     SELECT (SELECT count(*)::int FROM counted c FULL JOIN stored x USING (supplier_id, day, aspect_key) WHERE c.counts IS DISTINCT FROM x.counts) AS differ,
            (SELECT count(*)::int FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM review_aspects a WHERE a.review_id = r.id)) AS untagged`,
  )
).rows[0];
console.log(`check: ${check.untagged} reviews untagged; ${check.differ} aspects of roll-up rows differ from the counts of the stored tags`);
await db.end();
