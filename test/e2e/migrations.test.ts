import { readdirSync } from 'node:fs';

import pg from 'pg';
import { DataSource } from 'typeorm';
import { describe, expect, inject, it } from 'vitest';

import { MIGRATIONS } from '../../migrations/index.js';
import { migrate } from '../../src/database/migrate.js';
import { evidenceOf } from '../../src/decisions/domain/evidence.js';
import { databaseUrl } from '../support/database.js';

async function withEmptyDatabase<T>(fn: (url: string, client: pg.Client) => Promise<T>): Promise<T> {
  const server = inject('pgServerUrl');
  const name = `sg_t_${inject('templateDatabase').replace('sg_template_', '')}_mig${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(server, name) });
  await client.connect();
  try {
    return await fn(databaseUrl(server, name), client);
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe('migrations', () => {
  it('every file in migrations/ is registered, in timestamp order', () => {
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((f) => /^\d+-\w+\.ts$/.test(f))
      .sort();
    const names = files.map((f) => {
      const [, ts, name] = /^(\d+)-(\w+)\.ts$/.exec(f)!;
      return `${name}${ts}`;
    });
    expect(MIGRATIONS.map((m) => m.name)).toEqual(names);
  });

  it('apply to an empty database; a second run is a no-op', async () => {
    await withEmptyDatabase(async (url, client) => {
      const first = await migrate(url);
      expect(first).toEqual(MIGRATIONS.map((m) => m.name));
      const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      expect(rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['policies', 'suppliers', 'decisions', 'schema_migrations']));
      expect(await migrate(url)).toEqual([]);
    });
  });

  it('instances starting together apply each migration exactly once', async () => {
    await withEmptyDatabase(async (url, client) => {
      const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
      expect(results.flat()).toEqual(MIGRATIONS.map((m) => m.name));
      const { rows } = await client.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(MIGRATIONS.length);
    });
  });

  it('LightenRunWrites and the migrations after it undo and redo on a database holding events, payloads rebuilt from decisions', async () => {
    const from = MIGRATIONS.findIndex((m) => m.name === 'LightenRunWrites1764097200000');
    expect(from).toBeGreaterThan(0);
    await withEmptyDatabase(async (url, client) => {
      await migrate(url);
      const { rows: sup } = await client.query(
        `INSERT INTO suppliers (external_ref, name, category, status, tier, status_as_of) VALUES ('U-1', 'Undo', 'hotel', 'ACTIVE', 'GOOD', '2026-01-01') RETURNING id`,
      );
      const { rows: dec } = await client.query(
        `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, evidence, reason, next_step, actor)
         VALUES ($1, 'OVERRIDE', 'ACTIVE', 'SUSPENDED', '2026-02-01', '{"note": "x"}', 'Licence under review', NULL, 'manager-1')
         RETURNING id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`,
        [sup[0].id],
      );
      await client.query(
        `INSERT INTO events (type, supplier_id, category, decision_id) VALUES ('supplier.status_overridden', $1, 'hotel', $2)`,
        [sup[0].id, dec[0].id],
      );

      const dataSource = new DataSource({
        type: 'postgres',
        url,
        migrations: MIGRATIONS,
        migrationsTableName: 'schema_migrations',
        logging: false,
      });
      await dataSource.initialize();
      try {
        for (let i = from; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
        const { rows } = await client.query(`SELECT payload FROM events`);
        expect(rows[0].payload).toEqual({
          id: dec[0].id,
          supplierId: sup[0].id,
          kind: 'OVERRIDE',
          fromStatus: 'ACTIVE',
          toStatus: 'SUSPENDED',
          asOf: '2026-02-01',
          policyVersion: null,
          evidence: { note: 'x' },
          reason: 'Licence under review',
          nextStep: null,
          actor: 'manager-1',
          createdAt: dec[0].created_at,
        });
      } finally {
        await dataSource.destroy();
      }
      expect(await migrate(url)).toEqual(MIGRATIONS.slice(from).map((m) => m.name));
      // Redone, a decision's event names its decision again and carries no payload of its own
      // (OpenOutboxToOtherEvents brought the column back for events that are not decisions').
      const { rows: copies } = await client.query(`SELECT count(*)::int AS n FROM events WHERE payload IS NOT NULL OR decision_id IS NULL`);
      expect(copies).toEqual([{ n: 0 }]);
    });
  });

  it('StoreAuditStanding keeps the standing of suppliers whose latest audit decision failed; it and StoreSupplierHolds undo to the columns before them', async () => {
    const from = MIGRATIONS.findIndex((m) => m.name === 'StoreAuditStanding1764140400000');
    expect(from).toBeGreaterThan(0);
    await withEmptyDatabase(async (url, client) => {
      const dataSource = new DataSource({
        type: 'postgres',
        url,
        migrations: MIGRATIONS,
        migrationsTableName: 'schema_migrations',
        logging: false,
      });
      await migrate(url);
      await dataSource.initialize();
      try {
        for (let i = from; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
        const columns = `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'suppliers' AND column_name IN ('audit_failed_on', 'hold_until')`;
        expect((await client.query(columns)).rows[0].n).toBe(0);
        const { rows } = await client.query(
          `INSERT INTO suppliers (external_ref, name, category, status, tier) VALUES ('A-1', 'Failed', 'hotel', 'PROBATION', 'GOOD'),
             ('A-2', 'Failed, then passed', 'hotel', 'ACTIVE', 'GOOD'), ('A-3', 'Never audited', 'hotel', 'ACTIVE', 'GOOD') RETURNING id`,
        );
        const decide = (i: number, kind: string, asOf: string) =>
          client.query(
            `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, evidence, reason, actor) VALUES ($1, $2, 'ACTIVE', 'ACTIVE', $3, '{}', 'Audit', 'm')`,
            [rows[i].id, kind, asOf],
          );
        await decide(0, 'AUDIT_PASSED', '2026-01-01');
        await decide(0, 'AUDIT_FAILED', '2026-02-01');
        await decide(1, 'AUDIT_FAILED', '2026-01-01');
        await decide(1, 'AUDIT_PASSED', '2026-02-01');
        expect(await migrate(url)).toEqual(MIGRATIONS.slice(from).map((m) => m.name));
        const standing = await client.query(
          `SELECT external_ref, to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on FROM suppliers ORDER BY external_ref`,
        );
        expect(standing.rows).toEqual([
          { external_ref: 'A-1', audit_failed_on: '2026-02-01' },
          { external_ref: 'A-2', audit_failed_on: null },
          { external_ref: 'A-3', audit_failed_on: null },
        ]);
        expect((await client.query(columns)).rows[0].n).toBe(2);
        // Not indexed, so a change of either stays a heap-only update (KeepStatusOutOfSupplierIndexes).
        const indexes = await client.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'suppliers'`);
        expect(indexes.rows.filter((r) => /audit_failed_on|hold_until/.test(r.indexdef))).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    });
  });

  it('EvidenceByReference undone writes each referenced evidence into its decision, as the service built it, and lifts the guards', async () => {
    const from = MIGRATIONS.findIndex((m) => m.name === 'EvidenceByReference1764126000000');
    expect(from).toBeGreaterThan(0);
    await withEmptyDatabase(async (url, client) => {
      await migrate(url);
      await client.query(`INSERT INTO policies (category, version, positive_min_rating, windows, evaluation_windows, min_reviews, rate_method, confidence,
        reward_threshold, admission_threshold, penalty_threshold, delist_threshold, probation_days, reinstate_margin, readmission_cooldown_days,
        audit_pass_score, audit_negative_rate, audit_shift_threshold, audit_checklist, created_by)
        VALUES ('hotel', 1, 4, '{30,90,365}', '{90,365}', 20, 'WILSON', 0.95, 0.95, 0.9, 0.85, 0.7, 30, 0.02, 90, 60, 0.2, 0.15, '[]', 't'),
               ('hotel', 2, 3, '{30,90,365}', '{90,365}', 10, 'RAW', 0.95, 0.96, 0.91, 0.8, 0.6, 30, 0.03, 90, 60, 0.2, 0.15, '[]', 't')`);
      const { rows: sup } = await client.query(
        `INSERT INTO suppliers (external_ref, name, category, status, tier, status_as_of) VALUES ('E-1', 'Evidence', 'hotel', 'PROBATION', 'POOR', '2026-03-01') RETURNING id`,
      );
      const { rows: run } = await client.query(
        `INSERT INTO scoring_runs (status, as_of, trigger, created_by, total) VALUES ('SUCCEEDED', '2026-03-01', 'MANUAL', 't', 1) RETURNING id`,
      );
      await client.query(
        `INSERT INTO score_snapshots (supplier_id, as_of, run_id, policy_version, window_days, n, positives, raw_rate, wilson_lower, rate, tier)
         VALUES ($1, '2026-03-01', $2, 1, 90, 40, 32, 0.8, 0.6524, 0.6524, 'POOR')`,
        [sup[0].id, run[0].id],
      );
      const { rows: dec } = await client.query(
        `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor, run_id)
         VALUES ($1, 'PENALTY', 'ACTIVE', 'PROBATION', '2026-03-01', 1, NULL, 'Below the bar', NULL, 'job:scoring-run', $2) RETURNING id`,
        [sup[0].id, run[0].id],
      );
      const expected = evidenceOf(
        { windowDays: 90, n: 40, positives: 32, rawRate: 0.8, wilsonLower: 0.6524, rate: 0.6524, tier: 'POOR' },
        {
          rateMethod: 'WILSON',
          rewardThreshold: 0.95,
          admissionThreshold: 0.9,
          penaltyThreshold: 0.85,
          delistThreshold: 0.7,
          reinstateMargin: 0.02,
          minReviews: 20,
          positiveMinRating: 4,
        },
      );
      const dataSource = new DataSource({
        type: 'postgres',
        url,
        migrations: MIGRATIONS,
        migrationsTableName: 'schema_migrations',
        logging: false,
      });
      await dataSource.initialize();
      try {
        for (let i = from; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      } finally {
        await dataSource.destroy();
      }
      const { rows } = await client.query(`SELECT evidence FROM decisions WHERE id = $1`, [dec[0].id]);
      expect(rows[0].evidence).toEqual(expected);
      // The guards are gone with it (the decision log's own stays).
      await client.query(`UPDATE score_snapshots SET n = 41`);
      await expect(client.query(`UPDATE decisions SET reason = 'x'`)).rejects.toThrow(/append-only/);
      await client.query(`UPDATE score_snapshots SET n = 40`);
      expect(await migrate(url)).toEqual(MIGRATIONS.slice(from).map((m) => m.name));
      await expect(client.query(`UPDATE score_snapshots SET n = 41`)).rejects.toThrow(/never changed once written/);
    });
  });
});
