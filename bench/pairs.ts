/**
 * First scoring runs of two builds in alternating pairs (issue 4). This machine's speed drifts by
 * tens of percent from minute to minute, so one benchmark before a change and one after say little;
 * runs of the two builds taken one after the other, several times over, meet the same drift.
 *   npm run bench:pairs -- --a <git revision> [--b <git revision>] [--rounds 4]
 * Without --b the second build is this checkout (built by the npm script). A revision is checked
 * out into a temporary git worktree and built there. The data is the one `npm run bench:rescore`
 * leaves in `sg_bench_rescore` (on the server DATABASE_URL names); before each run the governance
 * state is reset, the suppliers table rewritten and a checkpoint taken. The schema is the newest
 * of the two builds' (an older build's server finds later migrations applied and leaves them be),
 * so a change that lives in a migration is measured by running the migration's statement by hand,
 * not by this script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import pg from 'pg';

import { signToken } from '../src/common/auth/jwt.js';
import { BENCH_JWT_SECRET, freePort, MACHINE_PG, resetGovernanceState, scoringRun, startServer } from './support.js';

const { values } = parseArgs({
  options: { a: { type: 'string' }, b: { type: 'string' }, rounds: { type: 'string', default: '4' } },
});
if (!values.a) throw new Error('--a <git revision> is required');
const ROUNDS = Number(values.rounds);
const AS_OF = '2026-11-01';
const checkout = resolve('.');

/** A worktree of `revision` with this checkout's node_modules, built; removed at the end. */
function buildRevision(revision: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'sg-pairs-'));
  execFileSync('git', ['worktree', 'add', '--detach', '--force', root, revision], { cwd: checkout, stdio: 'ignore' });
  symlinkSync(join(checkout, 'node_modules'), join(root, 'node_modules'));
  execFileSync(process.execPath, [join(checkout, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  return {
    root,
    remove: () => {
      execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: checkout, stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const url = new URL(process.env.DATABASE_URL ?? MACHINE_PG);
url.pathname = '/sg_bench_rescore';
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
const { rows } = await db.query(
  `SELECT (SELECT count(*) FROM suppliers)::int AS suppliers, (SELECT count(*) FROM reviews)::int AS reviews`,
);
console.log(`data: ${rows[0].reviews.toLocaleString()} reviews over ${rows[0].suppliers.toLocaleString()} suppliers in sg_bench_rescore`);

const builds = [
  { label: `A (${values.a})`, ...buildRevision(values.a) },
  values.b
    ? { label: `B (${values.b})`, ...buildRevision(values.b) }
    : { label: 'B (this checkout)', root: checkout, remove: () => undefined },
];
const token = signToken(BENCH_JWT_SECRET, { sub: 'bench', role: 'admin' });
const results = new Map<string, Array<{ wall: number; cpu: number; node: number }>>(builds.map((b) => [b.label, []]));
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const build of builds) {
      await resetGovernanceState(db);
      const port = await freePort();
      const child = await startServer(url.toString(), port, {}, build.root);
      try {
        const { run, wall, cpu, serverCpu } = await scoringRun(port, token, AS_OF, child.pid!);
        const result = { wall, cpu, node: serverCpu };
        results.get(build.label)!.push(result);
        console.log(
          `round ${round}, ${build.label}: ${result.wall.toFixed(2)} s, ${result.cpu.toFixed(1)} CPU-seconds (Node ${result.node.toFixed(1)}); ${JSON.stringify(run.counts)}`,
        );
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  }
} finally {
  for (const build of builds) build.remove();
  await db.end();
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
for (const [label, runs] of results) {
  console.log(
    `${label}: wall ${runs.map((r) => r.wall.toFixed(2)).join(' / ')} s (median ${median(runs.map((r) => r.wall)).toFixed(2)}); ` +
      `CPU ${runs.map((r) => r.cpu.toFixed(1)).join(' / ')} (median ${median(runs.map((r) => r.cpu)).toFixed(1)}); ` +
      `Node ${runs.map((r) => r.node.toFixed(1)).join(' / ')} (median ${median(runs.map((r) => r.node)).toFixed(1)})`,
  );
}
const [a, b] = [...results.values()];
const wins = a.filter((r, i) => b[i].wall < r.wall).length;
console.log(`B was faster than A in ${wins} of ${a.length} pairs`);
