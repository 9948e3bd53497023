import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Readiness } from '../../src/health/readiness.js';
import { expectProblem } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('live answers without a token; ready answers once started, migrated and reachable', async () => {
    expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/health/ready').expect(200)).body).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
    expect((await t.http().get('/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('ready is 503 naming a migration that is not applied, and 200 again once it is', async () => {
    const { rows } = await t.db.query(`DELETE FROM schema_migrations WHERE id = (SELECT max(id) FROM schema_migrations) RETURNING *`);
    try {
      const problem = expectProblem(await t.http().get('/health/ready'), 503);
      expect(problem.detail).toBe(`Migrations not applied yet: ${rows[0].name}`);
      await t.http().get('/health/live').expect(200);
    } finally {
      await t.db.query(`INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        rows[0].id,
        rows[0].timestamp,
        rows[0].name,
      ]);
    }
    await t.http().get('/health/ready').expect(200);
  });

  it('ready turns 503 as soon as shutdown begins, while live still answers', async () => {
    t.app.get(Readiness).stop();
    expect(expectProblem(await t.http().get('/health/ready'), 503).detail).toBe('The instance is shutting down');
    await t.http().get('/health/live').expect(200);
  });
});
