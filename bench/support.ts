import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { migrate } from '../src/database/migrate.js';

export const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

export function machineDescription(serverVersion: string): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${serverVersion}`;
}

/** A fresh, migrated database for one benchmark run. */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; version: string }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const { rows } = await admin.query<{ version: string }>('SELECT version()');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), version: rows[0].version.split(' on ')[0] };
}

/**
 * The hotel policy every benchmark scores with, straight into the table: PRODUCT.md's defaults;
 * NULL aspects, so its taxonomy reads as the built-in hotel one (as a version stored before
 * taxonomies existed does).
 */
export async function insertHotelPolicy(db: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  await db.query(`INSERT INTO policies (category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
  reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
  audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, created_by)
  VALUES ('hotel', 1, 4, '{30,90,180,365}', '{90,365}', 20, 'RAW', 0.95, 0.95, 0.9, 0.85, 0.7, 30, 0.02, 90, 60, 0.2, 0.15, '[]', 'bench')`);
}

export const BENCH_JWT_SECRET = 'bench-secret-0123456789';

/**
 * Puts the governance state of a loaded bench database back as the load left it: every supplier
 * ACTIVE and GOOD, no runs, snapshots, decisions or events; the suppliers table rewritten (its
 * storage settings, such as fillfactor, applied) and a checkpoint taken, so each first run starts
 * alike.
 */
export async function resetGovernanceState(client: pg.Client): Promise<void> {
  await client.query(`TRUNCATE events, score_snapshots, decisions, scoring_runs, job_ticks CASCADE`);
  await client.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'GOOD', probation_ends_at = NULL, status_as_of = '2025-01-01'`);
  await client.query('VACUUM FULL suppliers');
  await client.query('VACUUM ANALYZE');
  await client.query('CHECKPOINT');
}

export interface RunProgress {
  status: string;
  counts: unknown;
  progress: { processed: number; total: number };
}

export interface TimedRun {
  run: RunProgress;
  /** Seconds from the request that starts the run to the poll that finds it ended. */
  wall: number;
  /** CPU-seconds the whole machine spent meanwhile, and the server process alone. */
  cpu: number;
  serverCpu: number;
}

/**
 * Starts a scoring run as of `asOf` through the API of the server `serverPid` and polls it to its
 * end, timing it; `onPoll` sees each answer. Fails unless the run succeeds.
 */
export async function scoringRun(
  port: number,
  token: string,
  asOf: string,
  serverPid: number,
  onPoll: (run: RunProgress) => void = () => undefined,
): Promise<TimedRun> {
  const cpuBefore = machineCpuSeconds();
  const serverCpuBefore = processCpuSeconds(serverPid);
  const started = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${port}/v1/scoring-runs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ asOf }),
  });
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const poll = await fetch(`http://127.0.0.1:${port}/v1/scoring-runs/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    const run = (await poll.json()) as RunProgress;
    onPoll(run);
    if (run.status !== 'RUNNING') {
      if (run.status !== 'SUCCEEDED') throw new Error(`the scoring run as of ${asOf} ended ${run.status}: ${JSON.stringify(run)}`);
      return {
        run,
        wall: seconds(started),
        cpu: machineCpuSeconds() - cpuBefore,
        serverCpu: processCpuSeconds(serverPid) - serverCpuBefore,
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Current and peak resident memory of a process, in MiB, from /proc. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

/**
 * The Node flags the server is started with: those of `npm start` (package.json's start script
 * under `root`, `node <flags> dist/src/main.js`), which the Dockerfile's CMD repeats
 * (test/unit/start-flags.test.ts). A bench starts the server as it is really started, and each
 * build of `bench:pairs` as that build starts it.
 */
export function serverNodeFlags(root = '.'): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = /\bnode((?: --[^\s]+)*) dist\/src\/main\.js/.exec(scripts.start ?? '');
  if (!start) throw new Error(`package.json under ${root}: the start script does not run node … dist/src/main.js`);
  return start[1].split(' ').filter(Boolean);
}

/**
 * The built server (`dist/src/main.js` under `root`, by default this checkout) on `port`, once it
 * answers; started with the flags of `npm start` there, then BENCH_NODE_ARGS (a profiler's).
 */
export async function startServer(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
  root = '.',
  /** More Node flags after those, and a reader of the server's stdout line by line (ignored otherwise). */
  options: { nodeArgs?: string[]; onStdoutLine?: (line: string) => void } = {},
): Promise<ChildProcess> {
  const nodeArgs = [
    ...serverNodeFlags(root),
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...(options.nodeArgs ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: BENCH_JWT_SECRET,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', options.onStdoutLine ? 'pipe' : 'ignore', 'pipe'],
  });
  const onLine = options.onStdoutLine;
  if (onLine) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) onLine(line);
    });
  }
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  // A server that could not start must not pass for one: whatever else answers on the port would be measured.
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = String(code ?? signal)));
  for (let i = 0; i < 300; i++) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before it answered on port ${port}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

/** A TCP port nobody listens on now (other sessions on the machine start servers too). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** CPU seconds the whole machine has spent busy so far (user, system, interrupts), from /proc/stat. */
export function machineCpuSeconds(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / 100;
}

/** CPU seconds one process has used so far (user and system), from /proc. */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function seconds(fromNs: bigint): number {
  return Number(process.hrtime.bigint() - fromNs) / 1e9;
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
