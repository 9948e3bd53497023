/**
 * Reads as fast as the database allows (issue 20, item 7): the scorecard, supplier, decisions and
 * history GETs of the built server under autocannon, each against a bare floor (bench/reads-floor.ts:
 * node:http + pg running the same SQL in the same round trips, a JWT check and a JSON body) in the
 * same run, alternating: throughput at saturation (autocannon) and p50/p99 at a fixed offered rate
 * (an evenly paced open loop: bench/paced-load.ts).
 *   npm run bench:reads -- [--connections 50] [--duration 10] [--rate 500] [--rounds 2] [--slice 1] [--ids 10000] [--only scorecard,...] [--db sg_bench_reads]
 *     [--service-root <another checkout, built>]
 * Data: a copy of `sg_bench_rescore` (100,000 suppliers, 10,000,000 reviews: `npm run bench:rescore`
 * loads it) named `sg_bench_reads`, made once (see copyDatabase) and given one scoring run and three
 * nightly ones, so decisions and history have rows; later runs reuse it (`--fresh-copy` makes it
 * again). The source is only read.
 * DATABASE_URL names the server (default: the machine's PostgreSQL on 127.0.0.1:5432).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';
import pg from 'pg';

import { signToken } from '../src/common/auth/jwt.js';
import { migrate } from '../src/database/migrate.js';
import { pacedLoad, percentile } from './paced-load.js';
import {
  BENCH_JWT_SECRET,
  freePort,
  freshDatabase,
  MACHINE_PG,
  machineDescription,
  processCpuSeconds,
  scoringRun,
  seconds,
  startServer,
} from './support.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
    // The fixed-rate loads alternate between the two targets in slices this long (0: one block each).
    slice: { type: 'string', default: '1' },
    ids: { type: 'string', default: '10000' },
    only: { type: 'string' },
    'fresh-copy': { type: 'boolean', default: false },
    'wait-minutes': { type: 'string', default: '2' },
    db: { type: 'string', default: 'sg_bench_reads' },
    // Another build's checkout to serve from (its dist/src/main.js), to compare builds on the same floor.
    'service-root': { type: 'string', default: '.' },
  },
});
const CONNECTIONS = Number(values.connections);
const DURATION = Number(values.duration);
const RATE = Number(values.rate);
const ROUNDS = Number(values.rounds);
const SLICE = Number(values.slice);
if (!(SLICE >= 0) || (SLICE > 0 && DURATION % SLICE !== 0)) throw new Error('--slice must divide --duration (or be 0)');
const SOURCE = 'sg_bench_rescore';
const COPY = values.db!;
const AS_OF = '2026-11-01';
const NIGHTS = ['2026-11-02', '2026-11-03', '2026-11-04'];

interface Endpoint {
  name: string;
  path: (id: string) => string;
}
// Dated like the data (loaded as of 2026-11-01), so every run reads the same rows whatever today is.
const ENDPOINTS = (
  [
    { name: 'scorecard', path: (id) => `/v1/suppliers/${id}/scorecard?asOf=${AS_OF}` },
    { name: 'supplier', path: (id) => `/v1/suppliers/${id}` },
    { name: 'decisions', path: (id) => `/v1/suppliers/${id}/decisions` },
    { name: 'history', path: (id) => `/v1/suppliers/${id}/history?from=2026-08-07&to=2026-11-04` },
  ] as Endpoint[]
).filter((e) => !values.only || values.only.split(',').includes(e.name));

const server = new URL(process.env.DATABASE_URL ?? MACHINE_PG);
const urlOf = (name: string): string => Object.assign(new URL(server), { pathname: `/${name}` }).toString();

/**
 * sg_bench_reads, copied from sg_bench_rescore unless it exists (or --fresh-copy): the whole database
 * by `CREATE DATABASE ... TEMPLATE` when no other session uses the source within --wait-minutes;
 * otherwise (another bench holds it) the tables these reads and a scoring run need, through
 * postgres_fdw in one read of each: everything but the 10M raw reviews, which none of the four
 * endpoints nor a scoring run reads (they count from the daily roll-ups).
 */
async function copyDatabase(): Promise<'template' | 'tables' | null> {
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [COPY])).rowCount === 1;
    if (exists && !values['fresh-copy']) return null;
    if (exists) await admin.query(`DROP DATABASE ${COPY} WITH (FORCE)`);
    const deadline = Date.now() + Number(values['wait-minutes']) * 60_000;
    for (let attempt = 1; ; attempt++) {
      const t0 = process.hrtime.bigint();
      try {
        // FILE_COPY copies the files after a checkpoint; the default (WAL_LOG) would write the 6 GB to the WAL.
        await admin.query(`CREATE DATABASE ${COPY} TEMPLATE ${SOURCE} STRATEGY FILE_COPY`);
        console.log(`copied ${SOURCE} to ${COPY} in ${seconds(t0).toFixed(0)} s`);
        return 'template';
      } catch (error) {
        // 55006: the source is in use (another bench holds a connection to it); wait for a gap.
        if ((error as { code?: string }).code !== '55006') throw error;
        if (Date.now() > deadline) break;
        if (attempt === 1) console.log(`${SOURCE} is in use by another session: retrying the copy for ${values['wait-minutes']} minutes`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  } finally {
    await admin.end();
  }
  const t0 = process.hrtime.bigint();
  await freshDatabase(server.toString(), COPY);
  const copy = new pg.Client({ connectionString: urlOf(COPY) });
  await copy.connect();
  try {
    const source = new URL(server);
    await copy.query('CREATE EXTENSION postgres_fdw');
    await copy.query(
      `CREATE SERVER bench_source FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${source.hostname}', port '${source.port || 5432}', dbname '${SOURCE}', fetch_size '20000')`,
    );
    await copy.query(
      `CREATE USER MAPPING FOR CURRENT_USER SERVER bench_source OPTIONS (user '${decodeURIComponent(source.username) || 'postgres'}')`,
    );
    await copy.query('CREATE SCHEMA bench_source');
    const tables = ['policies', 'suppliers', 'review_daily_rollups', 'order_volumes', 'complaints'];
    await copy.query(`IMPORT FOREIGN SCHEMA public LIMIT TO (${tables.join(', ')}) FROM SERVER bench_source INTO bench_source`);
    await copy.query(`SET session_replication_role = replica`); // the rows are consistent already: no foreign-key checks
    for (const table of tables) {
      const { rows } = await copy.query(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'`,
        [table],
      );
      await copy.query(
        `INSERT INTO public.${table} (${rows[0].columns}) OVERRIDING SYSTEM VALUE SELECT ${rows[0].columns} FROM bench_source.${table}`,
      );
    }
    await copy.query(`RESET session_replication_role`);
    // The source may be in the middle of another bench's runs: start from the state its load left.
    await copy.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'GOOD', probation_ends_at = NULL, status_as_of = '2025-01-01'`);
    await copy.query('DROP SCHEMA bench_source CASCADE');
    await copy.query('DROP SERVER bench_source CASCADE');
    await copy.query('DROP EXTENSION postgres_fdw');
    await copy.query('VACUUM ANALYZE');
    console.log(`copied ${tables.join(', ')} from ${SOURCE} to ${COPY} in ${seconds(t0).toFixed(0)} s (the raw reviews left out)`);
  } finally {
    await copy.end();
  }
  return 'tables';
}

const copied = await copyDatabase();
const url = urlOf(COPY);
await migrate(url);
const db = new pg.Client({ connectionString: url });
await db.connect();
const shape = (
  await db.query(
    `SELECT (SELECT count(*) FROM suppliers)::int AS suppliers, (SELECT reltuples::bigint FROM pg_class WHERE relname = 'reviews') AS reviews,
            (SELECT count(*) FROM scoring_runs WHERE status = 'SUCCEEDED')::int AS runs, version() AS version`,
  )
).rows[0] as { suppliers: number; reviews: string; runs: number; version: string };
console.log(`machine: ${machineDescription(shape.version.split(' on ')[0])}`);

const SECRETS_KEY = randomBytes(32).toString('hex');
// The request budget stays on (its cost is part of every request) but too large to refuse the load.
const SERVER_ENV = { NODE_ENV: 'production', TAGGER_ENABLED: 'false', SECRETS_KEY, RATE_LIMIT_PER_MINUTE: '1000000' };
const token = signToken(BENCH_JWT_SECRET, { sub: 'bench', role: 'admin' });

if (shape.runs === 0) {
  // A copy of a reset database has no decisions or snapshots: one first run and three nightly ones, once.
  const port = await freePort();
  const child = await startServer(url, port, SERVER_ENV);
  try {
    for (const asOf of [AS_OF, ...NIGHTS]) {
      const run = await scoringRun(port, token, asOf, child.pid!);
      console.log(`setup: scoring run as of ${asOf}: ${run.wall.toFixed(1)} s, ${JSON.stringify(run.run.counts)}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
  await db.query('VACUUM ANALYZE');
}
const counts = (
  await db.query(`SELECT (SELECT count(*) FROM decisions)::int AS decisions, (SELECT count(*) FROM score_snapshots)::int AS snapshots`)
).rows[0] as { decisions: number; snapshots: number };
console.log(
  `data: ${shape.suppliers.toLocaleString()} suppliers, about ${Number(shape.reviews).toLocaleString()} reviews, ` +
    `${counts.decisions.toLocaleString()} decisions, ${counts.snapshots.toLocaleString()} snapshots in ${COPY}${copied ? ` (copied now, ${copied === 'tables' ? 'without the raw reviews' : 'whole'})` : ' (reused)'}`,
);

// A fixed sample of suppliers, the same every run; each request asks for one of them at random.
const ids = (await db.query(`SELECT id FROM suppliers ORDER BY hashint4(seq::int), id LIMIT $1`, [Number(values.ids)])).rows.map(
  (r: { id: string }) => r.id,
);
await db.end();

/** The bare floor (bench/reads-floor.ts) in a child process, once it answers. */
async function startFloor(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/bench/reads-floor.js'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), JWT_SECRET: BENCH_JWT_SECRET },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the floor did not start');
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: number;
}

let seed = 7;
const pick = (): string => ids[(seed = (seed * 48271) % 2147483647) % ids.length];

/** Saturation: autocannon's closed loop on every connection. */
async function load(port: number, endpoint: Endpoint, seconds: number): Promise<Measure> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: endpoint.path(pick()) }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, errors: bad, cpu: 0 };
}

/** Runs `work` and returns it with the CPU-seconds the target's process spent meanwhile. */
async function withCpu<T>(target: Target, work: () => Promise<T>): Promise<[T, number]> {
  const before = processCpuSeconds(target.child.pid!);
  const result = await work();
  return [result, processCpuSeconds(target.child.pid!) - before];
}

/** One saturated measurement of a target, with its process's CPU-seconds a request. */
async function measure(target: Target, endpoint: Endpoint): Promise<Measure> {
  const [m, cpu] = await withCpu(target, () => load(target.port, endpoint, DURATION));
  return { ...m, cpu: cpu / Math.max(1, m.rps * DURATION) };
}

/**
 * The fixed-rate load (an evenly paced open loop: bench/paced-load.ts says why not autocannon's) on
 * both targets, in alternating slices of SLICE seconds (A B B A A B …) until each had DURATION
 * seconds, every latency pooled per target. The machine is shared (here a VM whose CPU steal swings
 * between 2% and 36% from one minute to the next, vmstat): a 10-second block each puts the two
 * targets on different machines, and the p99 of a block measures which one had the bad seconds.
 * Slices give both the same seconds. Each target keeps its sockets. A slice waits for its answers
 * before the next begins, so a target past its capacity (history at 500/s) does not carry its queue
 * into its next slice: its p99 is a slice's drain (`--slice 0` gives one block each, as before).
 */
async function interleaved(order: Target[], endpoint: Endpoint): Promise<Measure[]> {
  const slice = SLICE || DURATION;
  const agents = order.map(() => new Agent({ keepAlive: true, maxSockets: CONNECTIONS }));
  const pooled = order.map(() => ({ latencies: [] as number[], errors: 0, cpu: 0 }));
  try {
    for (let n = 0; n < DURATION / slice; n++) {
      for (const i of n % 2 ? [1, 0] : [0, 1]) {
        const [paced, cpu] = await withCpu(order[i], () =>
          pacedLoad({
            port: order[i].port,
            path: () => endpoint.path(pick()),
            headers: { authorization: `Bearer ${token}` },
            rate: RATE,
            seconds: slice,
            connections: CONNECTIONS,
            agent: agents[i],
          }),
        );
        pooled[i].cpu += cpu;
        pooled[i].latencies.push(...paced.latencies);
        pooled[i].errors += paced.errors;
      }
    }
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return pooled.map(({ latencies, errors, cpu }) => {
    latencies.sort((a, b) => a - b);
    return {
      rps: latencies.length / DURATION,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      cpu: cpu / Math.max(1, latencies.length),
    };
  });
}

interface Target {
  name: 'service' | 'floor';
  port: number;
  child: ChildProcess;
}

const servicePort = await freePort();
const service: Target = {
  name: 'service',
  port: servicePort,
  child: await startServer(url, servicePort, SERVER_ENV, values['service-root']),
};
const floorPort = await freePort();
const floor: Target = { name: 'floor', port: floorPort, child: await startFloor(floorPort) };
const targets = [service, floor];

// One body of each, to see that the floor answers alike.
for (const endpoint of ENDPOINTS) {
  const sizes = await Promise.all(
    targets.map(async (t) => {
      const res = await fetch(`http://127.0.0.1:${t.port}${endpoint.path(ids[0])}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${t.name} answered ${res.status} to ${endpoint.path(ids[0])}: ${await res.text()}`);
      return (await res.text()).length;
    }),
  );
  console.log(`${endpoint.name}: body of ${sizes[0]} bytes from the service, ${sizes[1]} from the floor (${endpoint.path(ids[0])})`);
}

type Row = Record<'service' | 'floor', { saturated: Measure[]; rated: Measure[] }>;
const results = new Map<string, Row>();
const fmt = (m: Measure): string =>
  `${m.rps.toFixed(0)}/s p50 ${m.p50.toFixed(1)} ms p99 ${m.p99.toFixed(1)} ms, ${(m.cpu * 1e6).toFixed(0)} CPU-µs a request${m.errors ? `, ${m.errors} errors` : ''}`;
const started = process.hrtime.bigint();
try {
  for (const endpoint of ENDPOINTS) {
    const row: Row = { service: { saturated: [], rated: [] }, floor: { saturated: [], rated: [] } };
    results.set(endpoint.name, row);
    for (const t of targets) await load(t.port, endpoint, 3); // warm-up: JIT, connections, caches
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating, the order swapped every round, so drift of the shared machine meets both.
      const order = round % 2 ? targets : [...targets].reverse();
      for (const t of order) {
        const m = await measure(t, endpoint);
        row[t.name].saturated.push(m);
        console.log(`${endpoint.name} round ${round} ${t.name} saturated (${CONNECTIONS} connections): ${fmt(m)}`);
      }
      const rated = await interleaved(order, endpoint);
      for (const [i, t] of order.entries()) {
        row[t.name].rated.push(rated[i]);
        console.log(`${endpoint.name} round ${round} ${t.name} at ${RATE}/s${SLICE > 0 ? ` (${SLICE}-s slices)` : ''}: ${fmt(rated[i])}`);
      }
    }
  }
} finally {
  for (const t of targets) t.child.kill('SIGTERM');
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `\nmedians of ${ROUNDS} rounds, ${DURATION} s each, ${CONNECTIONS} connections, ${ids.length} suppliers (${seconds(started).toFixed(0)} s)`,
);
console.log(
  '| endpoint | service req/s | floor req/s | ratio (goal ≥ 60%) | service p50 / p99 at ' +
    RATE +
    '/s | floor p50 / p99 | p99 ratio (goal ≤ 2×) | met? |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, row] of results) {
  const s = median(row.service.saturated.map((m) => m.rps));
  const f = median(row.floor.saturated.map((m) => m.rps));
  const sp50 = median(row.service.rated.map((m) => m.p50));
  const sp99 = median(row.service.rated.map((m) => m.p99));
  const fp50 = median(row.floor.rated.map((m) => m.p50));
  const fp99 = median(row.floor.rated.map((m) => m.p99));
  const met = s >= 0.6 * f && sp99 <= 2 * fp99;
  console.log(
    `| ${name} | ${s.toFixed(0)} | ${f.toFixed(0)} | ${((s / f) * 100).toFixed(0)}% | ${sp50.toFixed(1)} / ${sp99.toFixed(1)} ms | ` +
      `${fp50.toFixed(1)} / ${fp99.toFixed(1)} ms | ${(sp99 / fp99).toFixed(2)}× | ${met ? 'yes' : 'no'} |`,
  );
}
