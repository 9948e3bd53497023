import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serializeOpenApi } from '../../src/openapi.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the committed openapi/openapi.json is what the app serves (run `npm run openapi` after API changes)', async () => {
    const served = await t.http().get('/docs-json').expect(200);
    const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(serializeOpenApi(served.body));
  });

  it('Swagger UI is served at /docs', async () => {
    const res = await t.http().get('/docs/').expect(200);
    expect(res.text).toContain('swagger');
  });

  it('every operation declares its roles or is public, and has a summary and a description', async () => {
    const spec = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string; description?: string; security?: unknown[]; 'x-roles'?: string[] }>>;
    };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.description, `${method} ${path}`).toBeTruthy();
        if (!path.startsWith('/health') && path !== '/metrics') expect(op['x-roles'], `${method} ${path}`).toBeDefined();
      }
    }
  });
});
