import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { signToken } from '../../src/common/auth/jwt.js';
import { freePortSync } from '../../src/database/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runService, type ServiceProcess, stopService, waitForHealth } from '../support/process.js';

const SECRET = 'jobs-test-secret-0123456789';
const admin = signToken(SECRET, { sub: 'jobs-test', role: 'admin' });

/** Suppliers, all ACTIVE and GOOD, whose reviews make every one of them POOR as of 2026-04-01. */
async function seed(db: pg.Pool, suppliers: number): Promise<void> {
  await db.query(`INSERT INTO policies (category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
    reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
    audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, created_by)
    VALUES ('hotel', 1, 4, '{30,90,180,365}', '{90,365}', 20, 'RAW', 0.95, 0.95, 0.9, 0.85, 0.7, 30, 0.02, 90, 60, 0.2, 0.15, '[]', 'test')`);
  await db.query(
    `INSERT INTO suppliers (external_ref, name, category, status, tier) SELECT 'J-' || g, 'J ' || g, 'hotel', 'ACTIVE', 'GOOD' FROM generate_series(1, $1) g`,
    [suppliers],
  );
  await db.query(`INSERT INTO review_daily_rollups (supplier_id, day, rating, n)
                  SELECT id, d, r, CASE WHEN r = 5 THEN 16 ELSE 4 END FROM suppliers, (VALUES (date '2026-03-10')) AS x(d), (VALUES (5), (2)) AS y(r)`);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs across real processes', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  const services: ServiceProcess[] = [];
  const start = (env: Record<string, string>) => {
    const service = runService({ DATABASE_URL: database.url, JWT_SECRET: SECRET, ...env });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    database = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await db.end();
    await database.drop();
  });

  it('three instances on a fast schedule: exactly one run per tick, no duplicate decision', async () => {
    await seed(db, 30);
    const ports = [freePortSync(), freePortSync(), freePortSync()];
    const instances = ports.map((port) => start({ PORT: String(port), JOBS_ENABLED: 'true', SCORING_CRON: '*/2 * * * * *' }));
    await Promise.all(instances.map((s, i) => waitForHealth(ports[i], s)));
    await waitFor('three ticks', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM job_ticks WHERE run_id IS NOT NULL`);
      return rows[0].n >= 3 ? true : undefined;
    });
    await Promise.all(instances.map((s) => stopService(s)));

    const ticks = await db.query(`SELECT tick, instance, run_id FROM job_ticks ORDER BY tick`);
    const runs = await db.query(`SELECT id, status, trigger, error FROM scoring_runs ORDER BY seq`);
    // Each tick was claimed by one instance and made at most one run; every run belongs to a tick.
    expect(runs.rows.every((r) => r.trigger === 'SCHEDULE')).toBe(true);
    expect(new Set(ticks.rows.map((t) => t.run_id).filter(Boolean)).size).toBe(runs.rows.length);
    expect(runs.rows.length).toBeGreaterThanOrEqual(3);
    // Every run succeeded, but for at most the last one, if a tick fired just as the instances were
    // told to stop: that one is interrupted by the shutdown, as designed.
    const interrupted = runs.rows.filter((r) => r.status !== 'SUCCEEDED');
    expect(interrupted.length).toBeLessThanOrEqual(1);
    for (const r of interrupted) {
      expect(r).toMatchObject({ status: 'FAILED', error: expect.stringContaining('shutdown') });
      expect(r.id).toBe(runs.rows[runs.rows.length - 1].id);
    }
    // The other instances saw the ticks and stood aside.
    const skipped =
      instances
        .map((s) => s.output())
        .join('\n')
        .match(/is being run by another instance/g) ?? [];
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    const dup = await db.query(`SELECT supplier_id, kind, as_of, count(*) FROM decisions GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
    const penalties = await db.query(`SELECT count(*)::int AS n FROM decisions WHERE kind = 'PENALTY'`);
    expect(penalties.rows[0].n).toBe(30);
  }, 60_000);

  it('a run killed with SIGKILL is marked FAILED at the next start, and the next run completes it without duplicates', async () => {
    // (TRUNCATE: policies and snapshots refuse DELETE row by row, as decisions do.)
    await db.query(
      `TRUNCATE job_ticks, events, score_snapshots, decisions, scoring_runs, review_daily_rollups, admission_applications, suppliers, policies CASCADE`,
    );
    await seed(db, 3000);
    const port = freePortSync();
    const a = start({ PORT: String(port), JOBS_ENABLED: 'false', SCORING_BATCH_SIZE: '5' });
    await waitForHealth(port, a);
    const started = await fetch(`http://127.0.0.1:${port}/v1/scoring-runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: '2026-04-01' }),
    });
    const { id } = (await started.json()) as { id: string };
    await waitFor('some progress', async () => {
      const { rows } = await db.query(`SELECT processed FROM scoring_runs WHERE id = $1`, [id]);
      return rows[0].processed >= 50 ? true : undefined;
    });
    a.child.kill('SIGKILL');
    await a.exited;
    const killed = await db.query(`SELECT status, processed FROM scoring_runs WHERE id = $1`, [id]);
    expect(killed.rows[0].status).toBe('RUNNING');
    expect(killed.rows[0].processed).toBeLessThan(3000);

    const port2 = freePortSync();
    const b = start({ PORT: String(port2), JOBS_ENABLED: 'false' });
    await waitForHealth(port2, b);
    const recovered = await db.query(`SELECT status, error FROM scoring_runs WHERE id = $1`, [id]);
    expect(recovered.rows[0]).toMatchObject({ status: 'FAILED', error: expect.stringContaining('Interrupted') });

    const again = await fetch(`http://127.0.0.1:${port2}/v1/scoring-runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: '2026-04-01' }),
    });
    const second = (await again.json()) as { id: string };
    const finished = await waitFor('the second run', async () => {
      const { rows } = await db.query(`SELECT status, counts FROM scoring_runs WHERE id = $1`, [second.id]);
      return rows[0].status === 'RUNNING' ? undefined : rows[0];
    });
    expect(finished.status).toBe('SUCCEEDED');
    const totals = await db.query(`
      SELECT (SELECT count(*) FROM score_snapshots)::int AS snapshots,
             (SELECT count(DISTINCT supplier_id) FROM score_snapshots)::int AS scored,
             (SELECT count(*) FROM decisions WHERE kind = 'PENALTY')::int AS penalties,
             (SELECT count(DISTINCT supplier_id) FROM decisions WHERE kind = 'PENALTY')::int AS penalised,
             (SELECT count(*) FROM suppliers WHERE status = 'PROBATION')::int AS on_probation,
             (SELECT count(*) FROM events WHERE type = 'supplier.probation')::int AS events`);
    expect(totals.rows[0]).toEqual({ snapshots: 3000, scored: 3000, penalties: 3000, penalised: 3000, on_probation: 3000, events: 3000 });
    expect(await stopService(b)).toBe(0);
  }, 90_000);

  it('SIGTERM during a run lets the batch commit, exits cleanly, and leaves nothing half-applied', async () => {
    await db.query(`TRUNCATE job_ticks, events, score_snapshots, decisions, scoring_runs CASCADE`);
    await db.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'GOOD', probation_ends_at = NULL`);
    const port = freePortSync();
    const c = start({ PORT: String(port), JOBS_ENABLED: 'false', SCORING_BATCH_SIZE: '5' });
    await waitForHealth(port, c);
    const res = await fetch(`http://127.0.0.1:${port}/v1/scoring-runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: '2026-04-01' }),
    });
    const { id } = (await res.json()) as { id: string };
    await waitFor('some progress', async () => {
      const { rows } = await db.query(`SELECT processed FROM scoring_runs WHERE id = $1`, [id]);
      return rows[0].processed >= 50 ? true : undefined;
    });
    expect(await stopService(c)).toBe(0);
    const run = await db.query(`SELECT status, error FROM scoring_runs WHERE id = $1`, [id]);
    expect(run.rows[0]).toMatchObject({ status: 'FAILED', error: expect.stringContaining('shutdown') });
    // Every scored supplier has its decision, its new status and its event; nobody is half-done.
    const consistency = await db.query(`
      SELECT count(*)::int AS bad FROM suppliers s
       WHERE (EXISTS (SELECT 1 FROM score_snapshots x WHERE x.supplier_id = s.id)) <> (s.status = 'PROBATION')
          OR (EXISTS (SELECT 1 FROM decisions d WHERE d.supplier_id = s.id)) <> (s.status = 'PROBATION')
          OR (EXISTS (SELECT 1 FROM events e WHERE e.supplier_id = s.id)) <> (s.status = 'PROBATION')`);
    expect(consistency.rows[0].bad).toBe(0);
  }, 60_000);
});
