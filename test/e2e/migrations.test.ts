import { readdirSync } from 'node:fs';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { inject, describe, expect, it } from 'vitest';
import { migrate } from '../../src/database/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
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
      await client.query(`INSERT INTO events (type, supplier_id, category, decision_id) VALUES ('supplier.status_overridden', $1, 'hotel', $2)`, [sup[0].id, dec[0].id]);

      const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTableName: 'schema_migrations', logging: false });
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
      const { rows: columns } = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'payload'`);
      expect(columns).toEqual([]);
    });
  });
});
