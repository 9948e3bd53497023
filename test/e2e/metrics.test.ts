import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DecisionsService } from '../../src/decisions/decisions.service.js';
import type { NewDecision } from '../../src/decisions/domain/decision.js';
import { WebhookDispatcher } from '../../src/events/webhook-dispatcher.service.js';
import { openComplaint } from '../support/complaints.js';
import { createSupplier, expectProblem, forceStatus, publishPolicy, reviewSeries, runScoring, sendReviews } from '../support/fixtures.js';
import { parseMetrics, type Sample, samplesOf, valueOf } from '../support/metrics.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

async function scrape(t: TestApp): Promise<{ text: string; samples: Sample[] }> {
  const res = await t.http().get('/metrics').expect(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return { text: res.text, samples: parseMetrics(res.text) };
}

const count = (samples: Sample[], route: string, method: string, status: string) =>
  valueOf(samples, 'sg_http_request_duration_seconds_count', { route, method, status });

describe('GET /metrics', () => {
  let t: TestApp;
  let admin: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'tour');
    for (const ref of ['m-good', 'm-poor', 'm-thin']) {
      const s = await createSupplier(t, { externalRef: ref, category: 'tour' });
      await forceStatus(t, s.id, 'ACTIVE');
      ids.push(s.id);
    }
    await sendReviews(t, [
      ...reviewSeries('m-good', 'a', 40, 40, '2026-01-01', '2026-03-01'),
      ...reviewSeries('m-poor', 'a', 40, 10, '2026-01-01', '2026-03-01'),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('after real requests and a scoring run: durations by route template, the run, decisions, the pool and the process', async () => {
    for (const id of ids.slice(0, 2)) await t.http().get(`/v1/suppliers/${id}`).set(bearer(admin)).expect(200);
    const unknown = randomUUID();
    expectProblem(await t.http().get(`/v1/suppliers/${unknown}`).set(bearer(admin)), 404);
    // 422: a category without a policy; 400 before routing (an unknown query parameter) still names its route.
    expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(admin)).send({ category: 'no-such-category' }), 422);
    expectProblem(await t.http().get(`/v1/suppliers/${ids[0]}?colour=red`).set(bearer(admin)), 400);
    await t.http().get(`/no/such/path/${unknown}`).expect(404);
    const run = await runScoring(t, { asOf: '2026-03-01' });

    const { text, samples } = await scrape(t);
    expect(count(samples, '/v1/suppliers/:id', 'GET', '200')).toBe(2);
    expect(count(samples, '/v1/suppliers/:id', 'GET', '404')).toBe(1);
    expect(count(samples, '/v1/suppliers/:id', 'GET', '400')).toBe(1);
    expect(count(samples, '/v1/scoring-runs', 'POST', '422')).toBe(1);
    expect(count(samples, '/v1/scoring-runs', 'POST', '202')).toBe(1);
    expect(count(samples, '/v1/scoring-runs/:id', 'GET', '200')).toBeGreaterThanOrEqual(1);
    expect(count(samples, 'unmatched', 'GET', '404')).toBe(1);
    expect(samplesOf(samples, 'sg_http_request_duration_seconds_bucket', { route: '/v1/suppliers/:id', le: '+Inf' }).length).toBe(3);
    // Labels are templates, never raw paths: no id appears anywhere in the exposition.
    for (const id of [...ids, unknown, run.id]) expect(text).not.toContain(id);

    expect(valueOf(samples, 'sg_scoring_run_duration_seconds_count', { outcome: 'succeeded' })).toBe(1);
    expect(valueOf(samples, 'sg_scoring_run_duration_seconds_count', { outcome: 'failed' })).toBe(0);
    expect(valueOf(samples, 'sg_scoring_suppliers_processed_total')).toBe(3);
    expect(valueOf(samples, 'sg_scoring_last_run_suppliers_per_second')).toBeGreaterThan(0);
    // Every kind is shown; the run's decisions are counted by kind.
    expect(samplesOf(samples, 'sg_decisions_total').map((s) => s.labels.kind)).toEqual(
      expect.arrayContaining(['REWARD', 'PENALTY', 'DELIST']),
    );
    for (const [kind, n] of Object.entries(run.counts.decisions)) expect(valueOf(samples, 'sg_decisions_total', { kind }), kind).toBe(n);
    expect(Object.values(run.counts.decisions).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    expect(valueOf(samples, 'sg_db_pool_max_connections')).toBe(5);
    expect(valueOf(samples, 'sg_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'sg_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'sg_db_pool_waiting_requests')).toBe(0);
    expect(valueOf(samples, 'sg_outbox_lag_seconds')).toBe(0);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(samplesOf(samples, name).length, name).toBeGreaterThan(0);
  });

  it('counts a decision once its transaction commits, and never one rolled back', async () => {
    const before = valueOf((await scrape(t)).samples, 'sg_decisions_total', { kind: 'OVERRIDE' })!;
    const decision: NewDecision = {
      supplierId: ids[2],
      kind: 'OVERRIDE',
      fromStatus: 'ACTIVE',
      toStatus: 'SUSPENDED',
      asOf: '2026-03-02',
      policyVersion: null,
      evidence: null,
      reason: 'A test of the counter',
      nextStep: null,
      actor: 'test-admin',
    };
    const decisions = t.app.get(DecisionsService);
    let countedInside: number | undefined;
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        await decisions.append(manager, decision);
        countedInside = valueOf((await scrape(t)).samples, 'sg_decisions_total', { kind: 'OVERRIDE' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(countedInside).toBe(before);
    expect(valueOf((await scrape(t)).samples, 'sg_decisions_total', { kind: 'OVERRIDE' })).toBe(before);
    // Through a savepoint that is released, then the commit of the transaction around it.
    await t.app.get(DataSource).transaction(async (manager) => {
      await manager.transaction((inner) => decisions.append(inner, decision));
      expect(valueOf((await scrape(t)).samples, 'sg_decisions_total', { kind: 'OVERRIDE' })).toBe(before);
    });
    expect(valueOf((await scrape(t)).samples, 'sg_decisions_total', { kind: 'OVERRIDE' })).toBe(before + 1);
  });

  it('outbox lag and webhook deliveries by result', async () => {
    let answer = 503;
    const receiver: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answer).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url, secret: 'metrics-receiver-secret-0123' }).expect(201);
      await t
        .http()
        .post(`/v1/suppliers/${ids[0]}/status`)
        .set(bearer(admin))
        .send({ status: 'SUSPENDED', reason: 'Inspection' })
        .expect(200);
      // The event waits: made older than it is, the lag says how long.
      await t.db.query(`UPDATE events SET occurred_at = now() - interval '90 seconds' WHERE id = (SELECT max(id) FROM events)`);
      const lag = valueOf((await scrape(t)).samples, 'sg_outbox_lag_seconds')!;
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(120);

      const dispatcher = t.app.get(WebhookDispatcher);
      await dispatcher.deliverDue();
      let samples = (await scrape(t)).samples;
      expect(valueOf(samples, 'sg_webhook_deliveries_total', { result: 'failed' })).toBe(1);
      expect(valueOf(samples, 'sg_webhook_deliveries_total', { result: 'delivered' })).toBe(0);
      expect(valueOf(samples, 'sg_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);

      answer = 204;
      await t.db.query(`UPDATE webhooks SET next_attempt_at = now()`);
      await dispatcher.deliverDue();
      samples = (await scrape(t)).samples;
      expect(valueOf(samples, 'sg_webhook_deliveries_total', { result: 'delivered' })).toBe(1);
      expect(valueOf(samples, 'sg_outbox_lag_seconds')).toBe(0);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('complaints overdue now, by category', async () => {
    const hotel = await createSupplier(t, { externalRef: 'm-hotel', category: 'tour' });
    await openComplaint(t, hotel.externalRef, {}, 2);
    expect(samplesOf((await scrape(t)).samples, 'sg_complaints_overdue')).toEqual([]);
    // Opened 200 hours ago: both deadlines have passed without a step.
    await openComplaint(t, hotel.externalRef, {}, 200);
    await openComplaint(t, hotel.externalRef, {}, 100);
    expect(valueOf((await scrape(t)).samples, 'sg_complaints_overdue', { category: 'tour' })).toBe(2);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ metrics: { token: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 problem+json without the token or with another, and the metrics with it', async () => {
    const missing = expectProblem(await t.http().get('/metrics'), 401);
    expect(missing.type).toBe('urn:supplier-governance:problem:metrics-token-required');
    for (const header of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, `Bearer ${t.token('admin')}`]) {
      const refused = expectProblem(await t.http().get('/metrics').set('Authorization', header), 401);
      expect(refused.type, header).toBe('urn:supplier-governance:problem:metrics-token-invalid');
      expect(JSON.stringify(refused)).not.toContain(TOKEN);
    }
    const res = await t.http().get('/metrics').set(bearer(TOKEN)).expect(200);
    expect(res.text).toContain('# TYPE sg_http_request_duration_seconds histogram');
    expect(count(parseMetrics(res.text), '/metrics', 'GET', '401')).toBe(6);
    // The other public routes stay public.
    await t.http().get('/health/live').expect(200);
  });
});
