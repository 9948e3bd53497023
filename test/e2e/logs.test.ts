import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WebhookDispatcher } from '../../src/events/webhook-dispatcher.service.js';
import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  requestId?: string;
  context?: string;
  method?: string;
  route?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  principal?: { sub: string; role: string };
  [field: string]: unknown;
}

/** Every line an app logs, as written. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
  lines(): LogLine[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  }
}

const METRICS_TOKEN = 'metrics-token-for-the-log-test-0123';
const WEBHOOK_SECRET = 'webhook-secret-for-the-log-test-0123';

describe('logs: JSON lines with the request id, and no secret in them', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  const capture = new Capture();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-logs-'));
    file = join(dir, 'app.log');
    t = await startTestApp({ logs: capture, logFile: file, metrics: { token: METRICS_TOKEN } });
    await publishPolicy(t, 'hotel');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one JSON line per request: request id (the caller’s when sane, else generated and echoed), principal, route, status, duration', async () => {
    const supplier = await createSupplier(t);
    const ok = await t
      .http()
      .get(`/v1/suppliers/${supplier.id}`)
      .set(bearer(t.token('admin')))
      .set('X-Request-Id', 'trace-42.a:b')
      .expect(200);
    expect(ok.headers['x-request-id']).toBe('trace-42.a:b');
    const insane = ['x'.repeat(129), 'has space', 'ünï'];
    const echoed: string[] = [];
    for (const id of insane) {
      const res = await t
        .http()
        .get(`/v1/suppliers/${randomUUID()}`)
        .set(bearer(t.token('category_manager')))
        .set('X-Request-Id', id);
      const problem = expectProblem(res, 404) as { requestId?: string };
      expect(res.headers['x-request-id']).not.toBe(id);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // The problem carries the same id.
      expect(problem.requestId).toBe(res.headers['x-request-id']);
      echoed.push(res.headers['x-request-id']);
    }
    await t.http().get('/health/live').expect(200);

    // Every line is JSON (the parse throws otherwise), Nest's own among them.
    const lines = capture.lines();
    expect(lines.every((l) => typeof l.time === 'string' && !Number.isNaN(Date.parse(l.time)) && typeof l.level === 'string')).toBe(true);
    expect(lines.some((l) => l.context === 'RoutesResolver' || l.context === 'RouterExplorer')).toBe(true);
    const line = lines.find((l) => l.requestId === 'trace-42.a:b')!;
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/v1/suppliers/:id',
      path: `/v1/suppliers/${supplier.id}`,
      status: 200,
      principal: { sub: 'test-admin', role: 'admin' },
      msg: 'GET /v1/suppliers/:id 200',
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    for (const id of echoed) {
      expect(lines.find((l) => l.requestId === id)).toMatchObject({ level: 'warn', status: 404, principal: { role: 'category_manager' } });
    }
    const health = lines.filter((l) => l.route === '/health/live');
    expect(health).toHaveLength(1);
    expect(health[0].principal).toBeUndefined();
    expect(health[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('what a run of requests with bearer tokens, a webhook secret and the metrics token wrote holds none of them', async () => {
    const tokens = [t.token('admin'), t.token('integration'), t.token('category_manager', { categories: ['hotel'] })];
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      jwt.sign({ sub: 'x', role: 'admin', exp: now - 60 }, TEST_JWT_SECRET), // expired
      jwt.sign({ sub: 'x', role: 'admin', exp: now + 60 }, 'another-secret-0123456789abcdef'), // another key
      jwt.sign({ sub: 'x', role: 'owner', exp: now + 60 }, TEST_JWT_SECRET), // a role that does not exist
    ];
    let answer = 500;
    const receiver: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answer).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const [admin, integration, manager] = tokens;
      await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url, secret: WEBHOOK_SECRET }).expect(201);
      const supplier = await createSupplier(t);
      await t.db.query(`UPDATE suppliers SET status = 'ACTIVE' WHERE id = $1`, [supplier.id]);
      await t
        .http()
        .post(`/v1/suppliers/${supplier.id}/status`)
        .set(bearer(manager))
        .send({ status: 'SUSPENDED', reason: 'Inspection' })
        .expect(200);
      await t.http().get('/v1/events').set(bearer(integration)).expect(200);
      for (const token of refused) expectProblem(await t.http().get('/v1/events').set(bearer(token)), 401);
      expectProblem(await t.http().get('/v1/events').set('Authorization', `Token ${admin}`), 401);
      // A failed delivery, then a successful one (the dispatcher logs the failure).
      const dispatcher = t.app.get(WebhookDispatcher);
      await dispatcher.deliverDue();
      answer = 204;
      await t.db.query(`UPDATE webhooks SET next_attempt_at = now()`);
      await dispatcher.deliverDue();
      expectProblem(
        await t
          .http()
          .get('/metrics')
          .set(bearer(`${METRICS_TOKEN}-wrong`)),
        401,
      );
      await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
      // Code that logs carelessly: the logger scrubs what it is given.
      const careless = new Logger('Careless');
      careless.warn(`retrying with Authorization: Bearer ${admin}`);
      careless.log({ note: 'a config dump', password: 'hunter2-hunter2', webhook: { secret: WEBHOOK_SECRET }, token: METRICS_TOKEN });
      careless.error(`request failed for ${integration}`, `Error: at https://user:${WEBHOOK_SECRET}@example.com/hook`);
    } finally {
      await new Promise((r) => receiver.close(r));
    }

    const written = readFileSync(file, 'utf8');
    const lines = written.split('\n').filter(Boolean);
    // The file holds the run: request lines, the delivery failure and the careless lines, redacted.
    expect(lines.length).toBeGreaterThan(20);
    expect(written).toContain('"route":"/v1/webhooks"');
    expect(written).toMatch(/Webhook \S+ failed on event \d+/);
    expect(written).toContain('retrying with Authorization: Bearer [redacted]');
    expect(written).toContain('"password":"[redacted]"');
    for (const secret of [...tokens, ...refused, TEST_JWT_SECRET, WEBHOOK_SECRET, METRICS_TOKEN, 'hunter2-hunter2']) {
      expect(written.includes(secret), `a secret in the logs: ${secret.slice(0, 12)}…`).toBe(false);
    }
    // Nor anything shaped like a JWT.
    expect(written).not.toMatch(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\./);
    // The capture saw the same lines.
    expect(capture.text).toContain(lines[lines.length - 1]);
  });
});
