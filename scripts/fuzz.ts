/**
 * The suite's fuzzer (test/e2e/fuzz.test.ts) for longer runs, by hand: a throw-away embedded
 * PostgreSQL (or DATABASE_URL's server, in a new database), the app on a free port, a small world
 * seeded through the API, then `--runs` requests per operation of openapi/openapi.json.
 *   npm run fuzz -- --runs 2000 [--seed 42] [--operation Reviews_] [--shrink]
 * Prints what each operation's answers were and every broken promise with its seed and path;
 * exits 1 when there is one. `--seed` with the seed printed replays a run exactly.
 */
import 'reflect-metadata';

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';

import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { ServiceExpressAdapter } from '../src/common/http/service-express.adapter.js';
import { freePortSync, type RunningPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { migrate } from '../src/database/migrate.js';
import { fuzzOperation, loadSpec, seedWorld } from '../test/support/fuzz/run.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    operation: { type: 'string' },
    shrink: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--operation text] [--shrink]');
  process.exit(2);
}

const JWT_SECRET = 'fuzz-secret-0123456789abcdef';
let embedded: RunningPostgres | undefined;
let dataDir: string | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  dataDir = mkdtempSync(join(tmpdir(), 'sg-fuzz-pg-'));
  chmodSync(dataDir, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir, port: freePortSync(), durable: false });
  serverUrl = embedded.url;
}
const database = `sg_fuzz_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(serverUrl);
url.pathname = `/${database}`;
await migrate(url.toString());

const app = await NestFactory.create<NestExpressApplication>(
  // Budgets off: the fuzzer sends thousands of requests a minute from one principal and address.
  AppModule.forRoot({
    databaseUrl: url.toString(),
    jwtSecret: JWT_SECRET,
    poolSize: 5,
    limits: { enabled: false, perMinute: 1, failedAuthPerMinute: 1 },
  }),
  new ServiceExpressAdapter(),
  {
    bodyParser: false,
    logger: ['error'],
  },
);
configureApp(app);
await app.listen(0, '127.0.0.1');
const target = { port: (app.getHttpServer().address() as AddressInfo).port, jwtSecret: JWT_SECRET };

const spec = loadSpec(resolve('openapi/openapi.json'));
console.log(`fuzzing ${spec.operations.length} operations, ${runs} requests each, seed ${seed}`);
const world = await seedWorld(target);
const failures: string[] = [];
const started = Date.now();
for (const op of spec.operations) {
  if (values.operation && !op.id.includes(values.operation)) continue;
  const statuses = new Map<string, number>();
  try {
    await fuzzOperation(target, spec, op, world, { runs, seed, endOnFailure: !values.shrink, statuses });
  } catch (error) {
    let report = '';
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) report += `${e instanceof Error ? e.message : String(e)}\n`;
    failures.push(`${op.id}: ${report}`);
  }
  const answers = [...statuses].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`);
  console.log(`${failures.at(-1)?.startsWith(`${op.id}:`) ? 'FAIL' : 'ok  '} ${op.method.toUpperCase()} ${op.path}: ${answers.join(', ')}`);
}
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const failure of failures) console.log(`\n${failure}`);
console.log(failures.length === 0 ? `no broken promise (seed ${seed})` : `${failures.length} operation(s) broke a promise (seed ${seed})`);

await app.close();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.end();
await embedded?.stop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);
