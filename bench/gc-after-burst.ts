/**
 * What a burst of concurrent requests leaves behind in the server's garbage collector (issue 20,
 * item 7): the decisions read saturated for --burst seconds (autocannon, 50 connections), then
 * paced at --rate for --paced seconds, on a server started as `npm start` starts it and on one
 * started so with `--allocation-site-pretenuring` added (V8's default, which the start script turns
 * off), alternating, --pairs times. For each, from the server's `--trace-gc` lines during the paced
 * phase: scavenges and their pauses, mark-compacts and theirs, and the paced requests' p50/p99.
 * `--against=<flags>` compares another flag instead (`--against=--memory-reducer --idle`: the paced
 * phase in 1-s slices between idle gaps, as bench:reads alternates its two targets).
 *   npm run bench:gc-after-burst -- [--pairs 3] [--burst 20] [--paced 30] [--rate 500] [--read decisions] [--against=<flags>] [--idle] [--db sg_bench_reads]
 * Data: the `sg_bench_reads` copy `npm run bench:reads` makes (run that first); only read.
 * DATABASE_URL names the server (default: the machine's PostgreSQL on 127.0.0.1:5432).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';
import pg from 'pg';

import { signToken } from '../src/common/auth/jwt.js';
import { pacedLoad, type PacedResult, percentile } from './paced-load.js';
import { BENCH_JWT_SECRET, freePort, MACHINE_PG, machineDescription, serverNodeFlags, startServer } from './support.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    burst: { type: 'string', default: '20' },
    paced: { type: 'string', default: '30' },
    rate: { type: 'string', default: '500' },
    read: { type: 'string', default: 'decisions' },
    db: { type: 'string', default: 'sg_bench_reads' },
    // The flags the other server gets on top of npm start's: by default V8's own pretenuring.
    against: { type: 'string', default: '--allocation-site-pretenuring' },
    // The paced phase in 1-s slices with 1 s and 2 s of idleness between them, as bench:reads alternates targets.
    idle: { type: 'boolean', default: false },
  },
});
const PATHS: Record<string, (id: string) => string> = {
  decisions: (id) => `/v1/suppliers/${id}/decisions`,
  supplier: (id) => `/v1/suppliers/${id}`,
  scorecard: (id) => `/v1/suppliers/${id}/scorecard?asOf=2026-11-01`,
};
const path = PATHS[values.read!];
if (!path) throw new Error(`--read must be one of ${Object.keys(PATHS).join(', ')}`);
const url = Object.assign(new URL(process.env.DATABASE_URL ?? MACHINE_PG), { pathname: `/${values.db}` }).toString();

const db = new pg.Client({ connectionString: url });
await db.connect();
const version = (await db.query<{ version: string }>('SELECT version()')).rows[0].version;
const ids = (await db.query<{ id: string }>(`SELECT id FROM suppliers ORDER BY hashint4(seq::int), id LIMIT 10000`)).rows.map((r) => r.id);
await db.end();
if (ids.length === 0) throw new Error(`${values.db} has no suppliers: run npm run bench:reads first`);
console.log(`machine: ${machineDescription(version.split(' on ')[0])}`);

const token = signToken(BENCH_JWT_SECRET, { sub: 'bench', role: 'admin' });
const headers = { authorization: `Bearer ${token}` };
let seed = 7;
const pick = (): string => ids[(seed = (seed * 48271) % 2147483647) % ids.length];

interface Gc {
  scavenges: number[];
  markCompacts: number[];
  reducing: number;
}

/** The server with `extra` Node flags after those of `npm start`, its --trace-gc lines collected while `gc.on`. */
async function start(extra: string[]): Promise<{ child: ChildProcess; port: number; gc: Gc & { on: boolean } }> {
  const port = await freePort();
  const gc = { on: false, scavenges: [] as number[], markCompacts: [] as number[], reducing: 0 };
  const onStdoutLine = (line: string): void => {
    // "[pid:0x…]  48583 ms: Mark-Compact 59.0 (191.9) -> 47.2 (189.9) MB, 5.59 / 0.18 ms …"
    const m = /: (Scavenge|Mark-Compact)( \(reduce\))?.*? MB, ([\d.]+) \//.exec(line);
    if (!m || !gc.on) return;
    (m[1] === 'Scavenge' ? gc.scavenges : gc.markCompacts).push(Number(m[3]));
    if (m[2]) gc.reducing++; // the memory reducer's: V8 shrinking the heap of a process it takes for idle
  };
  const env = {
    NODE_ENV: 'production',
    TAGGER_ENABLED: 'false',
    SECRETS_KEY: randomBytes(32).toString('hex'),
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const child = await startServer(url, port, env, '.', { nodeArgs: ['--trace-gc', ...extra], onStdoutLine });
  return { child, port, gc };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const AGAINST = values.against!.split(' ').filter(Boolean);

/** --idle: --paced slices of 1 s, each followed by 2 s or 1 s without requests; every latency pooled. */
async function slices(paced: (seconds: number) => Promise<PacedResult>): Promise<PacedResult> {
  const pooled: PacedResult = { rps: 0, p50: 0, p99: 0, latencies: [], errors: 0 };
  for (let n = 0; n < Number(values.paced); n++) {
    const slice = await paced(1);
    pooled.latencies.push(...slice.latencies);
    pooled.errors += slice.errors;
    await new Promise((r) => setTimeout(r, n % 2 ? 1000 : 2000));
  }
  pooled.latencies.sort((a, b) => a - b);
  return pooled;
}

async function measure(label: string, extra: string[]): Promise<number> {
  const { child, port, gc } = await start(extra);
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  try {
    const paced = (seconds: number) =>
      pacedLoad({ port, path: () => path(pick()), headers, rate: Number(values.rate), seconds, connections: 50, agent });
    await paced(10); // warm the JIT and the pools alike for both
    await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 50,
      duration: Number(values.burst),
      headers,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path(pick()) }) }],
    });
    gc.on = true;
    const result = values.idle ? await slices(paced) : await paced(Number(values.paced));
    gc.on = false;
    const p99 = percentile(result.latencies, 99);
    console.log(
      `${label}: ${gc.scavenges.length} scavenges (${sum(gc.scavenges).toFixed(0)} ms), ` +
        `${gc.markCompacts.length} mark-compacts (${sum(gc.markCompacts).toFixed(0)} ms, ${gc.reducing} of them the memory reducer's); ` +
        `p50 ${percentile(result.latencies, 50).toFixed(1)} / p99 ${p99.toFixed(1)} ms, ${result.errors} errors`,
    );
    return p99;
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

console.log(
  `${values.read}: ${values.burst} s saturated, then ${values.rate}/s for ${values.paced} s${values.idle ? ' in 1-s slices with idle gaps' : ''}; ` +
    `GC counted in the paced phase (npm start's flags: ${serverNodeFlags().join(' ')})`,
);
const p99s = { start: [] as number[], against: [] as number[] };
for (let i = 1; i <= Number(values.pairs); i++) {
  p99s.against.push(await measure(`pair ${i}, npm start's flags + ${AGAINST.join(' ')}`, AGAINST));
  p99s.start.push(await measure(`pair ${i}, npm start's flags`, []));
}
const better = p99s.start.filter((p, i) => p < p99s.against[i]).length;
console.log(`npm start's flags had the lower p99 in ${better} of ${p99s.start.length} pairs`);
