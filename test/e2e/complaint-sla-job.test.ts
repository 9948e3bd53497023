import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { freePortSync } from '../../src/database/embedded-postgres.js';
import { seedOverdueSet } from '../support/complaints.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runService, type ServiceProcess, stopService, waitForHealth } from '../support/process.js';

const SECRET = 'complaint-sla-job-secret-0123456789';

describe('the complaint SLA job across three real processes', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await db.end();
    await database.drop();
  });

  it('raises exactly one event per overdue deadline, one instance per tick', async () => {
    await db.query(`INSERT INTO policies (category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
      reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
      audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, created_by)
      VALUES ('hotel', 1, 4, '{30,90,180,365}', '{90,365}', 20, 'RAW', 0.95, 0.95, 0.9, 0.85, 0.7, 30, 0.02, 90, 60, 0.2, 0.15, '[]', 'test')`);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO suppliers (external_ref, name, category) VALUES ('JOB-1', 'Job', 'hotel') RETURNING id`,
    );
    const expected = await seedOverdueSet(db, rows[0].id);

    const ports = [freePortSync(), freePortSync(), freePortSync()];
    const instances = ports.map((port) => {
      const service = runService({
        DATABASE_URL: database.url,
        JWT_SECRET: SECRET,
        PORT: String(port),
        JOBS_ENABLED: 'true',
        COMPLAINT_SLA_CRON: '* * * * * *',
      });
      services.push(service);
      return service;
    });
    await Promise.all(instances.map((s, i) => waitForHealth(ports[i], s)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ticks = await db.query(`SELECT count(*)::int AS n FROM job_ticks WHERE job = 'complaint-sla'`);
      if (ticks.rows[0].n >= 5) break;
      if (Date.now() > deadline) throw new Error('timed out waiting for five complaint-sla ticks');
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(instances.map((s) => stopService(s)));

    const events = await db.query<{ type: string; external_id: string; n: number }>(
      `SELECT type, payload->>'externalId' AS external_id, count(*)::int AS n FROM events GROUP BY 1, 2 ORDER BY 2, 1`,
    );
    const byComplaint: Record<string, string[]> = {};
    for (const e of events.rows) {
      expect(e.n).toBe(1);
      (byComplaint[e.external_id] ??= []).push(e.type);
    }
    expect(byComplaint).toEqual(expected);
    const ticks = await db.query(
      `SELECT tick, count(*)::int AS n FROM job_ticks WHERE job = 'complaint-sla' GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(ticks.rows).toEqual([]);
    const skipped =
      instances
        .map((s) => s.output())
        .join('\n')
        .match(/complaint-sla tick .* is being run by another instance/g) ?? [];
    expect(skipped.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
