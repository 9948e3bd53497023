import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OutboxRepository } from '../../src/decisions/outbox.repository.js';
import { backoffMs } from '../../src/events/webhook-dispatcher.service.js';
import { createSupplier, expectProblem, forceStatus, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
  at: number;
}

const SECRET = 'receiver-secret-0123456789';

describe('events and webhooks', () => {
  let t: TestApp;
  let admin: string;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    t = await startTestApp({ jobs: { enabled: true, webhookPollMs: 100 } });
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const answered = failuresLeft-- > 0 ? 503 : 204;
        received.push({ headers: req.headers, body, answered, at: Date.now() });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => receiver.close(r));
  });

  it('status-changing decisions become events in commit order; others do not', async () => {
    const s = await createSupplier(t);
    await forceStatus(t, s.id, 'ACTIVE');
    const before = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items.length;
    await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'SUSPENDED', reason: 'Inspection' }).expect(200);
    await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'ACTIVE', reason: 'Passed' }).expect(200);
    const all = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items;
    const mine = all.slice(before);
    expect(mine.map((e: { type: string; decision: { toStatus: string } }) => [e.type, e.decision.toStatus])).toEqual([
      ['supplier.status_overridden', 'SUSPENDED'],
      ['supplier.status_overridden', 'ACTIVE'],
    ]);
    expect(mine[0]).toMatchObject({ supplierId: s.id, category: 'hotel', decision: { kind: 'OVERRIDE', reason: 'Inspection' } });
    expect(mine[1].id).toBeGreaterThan(mine[0].id);
    const ids = all.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('polling with after and limit walks every event once', async () => {
    const all = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items.map((e: { id: number }) => e.id);
    const walked: number[] = [];
    let after = 0;
    for (;;) {
      const page = (await t.http().get(`/v1/events?after=${after}&limit=1`).set(bearer(admin)).expect(200)).body;
      walked.push(...page.items.map((e: { id: number }) => e.id));
      if (!page.nextCursor) break;
      after = Number(page.nextCursor);
    }
    expect(walked).toEqual(all);
    expectProblem(await t.http().get('/v1/events?after=-1').set(bearer(admin)), 400);
    for (const limit of ['0', '501', 'ten']) {
      const problem = expectProblem(await t.http().get(`/v1/events?limit=${limit}`).set(bearer(admin)), 400);
      expect(problem.errors?.map((e) => e.field)).toContain('limit');
    }
    // (Category managers read their categories' events: test/e2e/category-managers.test.ts.)
    expectProblem(
      await t
        .http()
        .get('/v1/events')
        .set(bearer(t.token('mystery_shopper', { shopperId: '00000000-0000-4000-8000-000000000001' }))),
      403,
    );
  });

  it('a receiver that fails twice gets the event a third time, signed, and never again once it acknowledged', async () => {
    const created = await t
      .http()
      .post('/v1/webhooks')
      .set(bearer(admin))
      .send({ url, secret: SECRET, types: ['supplier.status_overridden'] })
      .expect(201);
    expect(created.body).toMatchObject({ url, types: ['supplier.status_overridden'] });
    expect(created.body.secret).toBeUndefined();
    const listed = await t.http().get('/v1/webhooks').set(bearer(admin)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);

    const s = await createSupplier(t);
    await forceStatus(t, s.id, 'ACTIVE');
    await t
      .http()
      .post(`/v1/suppliers/${s.id}/status`)
      .set(bearer(admin))
      .send({ status: 'DELISTED', reason: 'Fraud confirmed' })
      .expect(200);

    const deadline = Date.now() + 15_000;
    while (!received.some((r) => r.answered === 204) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.answered)).toEqual([503, 503, 204]);
    // Backoff between attempts: about 1 s, then about 2 s.
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(backoffMs(1) - 150);
    expect(received[2].at - received[1].at).toBeGreaterThanOrEqual(backoffMs(2) - 150);
    for (const r of received) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`;
      expect(r.headers['x-signature']).toBe(expected);
      expect(r.body).toBe(received[0].body);
    }
    const event = JSON.parse(received[0].body);
    expect(event).toMatchObject({
      type: 'supplier.status_overridden',
      supplierId: s.id,
      decision: { toStatus: 'DELISTED', reason: 'Fraud confirmed' },
    });
    expect(received[0].headers['x-event-id']).toBe(String(event.id));

    await new Promise((r) => setTimeout(r, 1500));
    expect(received).toHaveLength(3);
    const state = (await t.http().get('/v1/webhooks').set(bearer(admin)).expect(200)).body.items[0];
    expect(state).toMatchObject({ delivered: 1, attempts: 0, lastError: null, cursor: event.id });

    await t.http().delete(`/v1/webhooks/${created.body.id}`).set(bearer(admin)).expect(204);
    expectProblem(await t.http().delete(`/v1/webhooks/${created.body.id}`).set(bearer(admin)), 404);
  });

  it('events that are not decisions carry a payload, are raised once per key, and keep to their category', async () => {
    await publishPolicy(t, 'tour');
    const hotel = await createSupplier(t, { category: 'hotel' });
    const tour = await createSupplier(t, { category: 'tour' });
    const outbox = t.app.get(OutboxRepository);
    const dataSource = t.app.get(DataSource);
    const key = `complaint:${hotel.id}:response_overdue`;
    const raise = (dedupeKey: string | null) =>
      dataSource.transaction((m) =>
        outbox.recordEvents(m, [
          {
            type: 'complaint.response_overdue',
            supplierId: hotel.id,
            payload: { orderRef: 'ORD-1', respondBy: '2026-11-30T10:00:00.000Z' },
            dedupeKey,
          },
          { type: 'ledger.recovery_charged', supplierId: tour.id, payload: { amount: 12.5, currency: 'CNY' } },
        ]),
      );
    const before = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items.length;
    expect(await raise(key)).toBe(2);
    // Three instances announcing the same deadline at once: the key lets one through.
    expect((await Promise.all([raise(key), raise(key), raise(key)])).reduce((a, b) => a + b, 0)).toBe(3);
    const all = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items.slice(before);
    expect(all.filter((e: { type: string }) => e.type === 'complaint.response_overdue')).toHaveLength(1);
    expect(all.filter((e: { type: string }) => e.type === 'ledger.recovery_charged')).toHaveLength(4);
    expect(all[0]).toMatchObject({
      type: 'complaint.response_overdue',
      supplierId: hotel.id,
      category: 'hotel',
      decision: null,
      payload: { orderRef: 'ORD-1', respondBy: '2026-11-30T10:00:00.000Z' },
    });
    expect(all[1]).toMatchObject({ type: 'ledger.recovery_charged', supplierId: tour.id, category: 'tour', decision: null });
    const ids = all.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const tourManager = t.token('category_manager', { categories: ['tour'] });
    const seen = (
      await t
        .http()
        .get(`/v1/events?after=${all[0].id - 1}&limit=500`)
        .set(bearer(tourManager))
        .expect(200)
    ).body.items;
    expect(seen.map((e: { category: string }) => e.category)).toEqual(['tour', 'tour', 'tour', 'tour']);
  });

  it("a decision's event holds the outbox lock from its insert to the end of its transaction", async () => {
    // The insert takes the lock itself (no statement before it): another outbox writer waits until
    // the first transaction ends, so its event id can never commit before the first one's.
    const hotel = await createSupplier(t, { category: 'hotel' });
    const outbox = t.app.get(OutboxRepository);
    const dataSource = t.app.get(DataSource);
    const first = dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      await outbox.record(first.manager, [
        { id: randomUUID(), supplierId: hotel.id, kind: 'PENALTY', fromStatus: 'ACTIVE', toStatus: 'PROBATION' },
      ]);
      const second = dataSource.transaction((m) =>
        outbox.recordEvents(m, [{ type: 'ledger.recovery_charged', supplierId: hotel.id, payload: { amount: 1, currency: 'CNY' } }]),
      );
      const waiting = async (): Promise<number> => {
        const { count } = (
          await dataSource.query(
            `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          )
        )[0] as { count: number };
        return count;
      };
      let waiters = 0;
      for (let i = 0; i < 100 && waiters === 0; i++) {
        waiters = await waiting();
        if (waiters === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(waiters).toBe(1);
      expect(await Promise.race([second.then(() => 'written'), new Promise((r) => setTimeout(() => r('waiting'), 200))])).toBe('waiting');
      await first.rollbackTransaction();
      expect(await second).toBe(1);
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      await first.release();
    }
  });

  it('webhook input is validated and admin-only', async () => {
    expect(
      expectProblem(await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url: 'ftp://x', secret: SECRET }), 400).errors?.[0].field,
    ).toBe('url');
    expect(
      expectProblem(await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url, secret: 'short' }), 400).errors?.[0].field,
    ).toBe('secret');
    expect(
      expectProblem(
        await t
          .http()
          .post('/v1/webhooks')
          .set(bearer(admin))
          .send({ url, secret: SECRET, types: ['supplier.exploded'] }),
        400,
      ).errors?.[0].field,
    ).toBe('types');
    expectProblem(
      await t
        .http()
        .post('/v1/webhooks')
        .set(bearer(t.token('integration')))
        .send({ url, secret: SECRET }),
      403,
    );
  });
});
