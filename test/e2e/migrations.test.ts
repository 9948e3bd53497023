import { readdirSync } from 'node:fs';
import pg from 'pg';
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
});
