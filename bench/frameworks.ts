/**
 * What the HTTP adapter under Nest costs a read (issue 20, item 7): the supplier read of
 * bench/frameworks-server.ts (a guard, one controller, the service's SQL) on Nest's Express
 * adapter, on the service's (ServiceExpressAdapter) and on Nest's Fastify adapter, against the
 * bare floor of bench:reads (bench/reads-floor.ts), in the same run, alternating: throughput at
 * saturation under autocannon and the server's CPU a request. How much of the floor Nest on each
 * adapter can reach before any of the service's own work.
 *   npm run bench:frameworks -- [--connections 50] [--duration 10] [--rounds 3] [--ids 10000] [--db sg_bench_reads]
 * Data: the suppliers of `sg_bench_reads` (made by `npm run bench:reads`), only read.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';
import pg from 'pg';

import { signToken } from '../src/common/auth/jwt.js';
import { BENCH_JWT_SECRET, freePort, MACHINE_PG, machineDescription, processCpuSeconds } from './support.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    ids: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'sg_bench_reads' },
  },
});
const DURATION = Number(values.duration);
const server = new URL(process.env.DATABASE_URL ?? MACHINE_PG);
const url = Object.assign(new URL(server), { pathname: `/${values.db}` }).toString();
const token = signToken(BENCH_JWT_SECRET, { sub: 'bench-frameworks', role: 'admin' });

interface Target {
  name: string;
  port: number;
  child: ChildProcess;
  rps: number[];
  cpu: number[];
}

async function start(name: string, script: string, env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', script], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), JWT_SECRET: BENCH_JWT_SECRET, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, port, child, rps: [], cpu: [] };
}

async function bodyOf(target: Target, id: string): Promise<string> {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${target.port}/v1/suppliers/${id}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.ok) return await res.text();
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target.name} did not answer the supplier read`);
}

async function measure(target: Target, ids: string[]): Promise<void> {
  let next = 0;
  const before = processCpuSeconds(target.child.pid!);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: Number(values.connections),
    duration: DURATION,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/v1/suppliers/${ids[next++ % ids.length]}` }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${target.name}: ${bad} requests failed`);
  const requests = result['2xx'];
  target.rps.push(requests / result.duration);
  target.cpu.push(((processCpuSeconds(target.child.pid!) - before) / requests) * 1e6);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const db = new pg.Client({ connectionString: url });
await db.connect();
const version = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0].v.split(' on ')[0];
const ids = (await db.query<{ id: string }>('SELECT id FROM suppliers ORDER BY seq LIMIT $1', [Number(values.ids)])).rows.map((r) => r.id);
await db.end();
if (ids.length === 0) throw new Error(`${values.db} has no suppliers: run npm run bench:reads first`);
console.log(machineDescription(version));

const targets = [
  await start('floor (node:http + pg)', 'dist/bench/reads-floor.js', {}),
  await start('Nest on Express', 'dist/bench/frameworks-server.js', { ADAPTER: 'express' }),
  await start("Nest on the service's Express adapter", 'dist/bench/frameworks-server.js', { ADAPTER: 'service' }),
  await start('Nest on Fastify', 'dist/bench/frameworks-server.js', { ADAPTER: 'fastify' }),
];
try {
  const bodies = await Promise.all(targets.map((t) => bodyOf(t, ids[0])));
  console.log(`supplier body: ${bodies.map((b, i) => `${targets[i].name} ${b.length} bytes`).join(', ')}`);
  for (const t of targets) await measure(t, ids); // warm-up, not counted
  for (const t of targets) t.rps.length = t.cpu.length = 0;
  for (let round = 1; round <= Number(values.rounds); round++) {
    const order = round % 2 ? targets : [...targets].reverse();
    for (const t of order) {
      await measure(t, ids);
      console.log(`round ${round} ${t.name}: ${t.rps.at(-1)!.toFixed(0)}/s, ${t.cpu.at(-1)!.toFixed(0)} CPU-µs a request`);
    }
  }
  const floorRps = median(targets[0].rps);
  console.log(`\nmedians of ${values.rounds} rounds, ${DURATION} s each, ${values.connections} connections`);
  console.log('| server | req/s | of the floor | CPU-µs a request |\n| --- | --- | --- | --- |');
  for (const t of targets)
    console.log(
      `| ${t.name} | ${median(t.rps).toFixed(0)} | ${((100 * median(t.rps)) / floorRps).toFixed(0)}% | ${median(t.cpu).toFixed(0)} |`,
    );
} finally {
  for (const t of targets) t.child.kill();
}
