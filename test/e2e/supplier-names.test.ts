import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { createSupplier, forceStatus, publishPolicy, sendReviews } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Names wherever a supplier is listed (issue 19): each list item that names a supplier by id
 * carries its name, held against the suppliers table read here (exclusion proposals: in
 * exclusion-rule.test.ts; the decision feed: decision-feed.test.ts; simulations and drivers: their own).
 */
describe('supplier names in lists', () => {
  let t: TestApp;
  let admin: string;
  let names: Map<string, string>;
  const expectNamed = (items: Array<{ supplierId: string; supplierName?: string }>, at: string) => {
    expect(items.length, at).toBeGreaterThan(0);
    for (const item of items) expect(item.supplierName, `${at} ${item.supplierId}`).toBe(names.get(item.supplierId));
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    for (const [ref, name] of [
      ['N-1', 'Hotel Russo Palace'],
      ['N-2', 'Albergo Centrale'],
    ]) {
      const s = await createSupplier(t, { externalRef: ref, name, city: 'Venice' });
      await forceStatus(t, s.id, 'ACTIVE');
      await sendReviews(t, [
        { externalId: `${ref}-r1`, supplierId: s.id, rating: 2, reviewedAt: `${addDays(todayUtc(), -1)}T08:00:00.000Z` },
      ]);
    }
    names = new Map(
      (await t.db.query<{ id: string; name: string }>(`SELECT id, name FROM suppliers`)).rows.map(
        (r) => [r.id, r.name] as [string, string],
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('appeals: filed, read and listed with the supplier name', async () => {
    const reviews = (await t.db.query<{ id: string }>(`SELECT id FROM reviews ORDER BY external_id`)).rows;
    const filed = [];
    for (const r of reviews) {
      const res = await t
        .http()
        .post('/v1/appeals')
        .set(bearer(admin))
        .send({ target: { kind: 'REVIEW', id: r.id }, statement: 'The guest was never ours.' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      filed.push(res.body);
    }
    expectNamed(filed, 'POST /v1/appeals');
    expectNamed((await t.http().get('/v1/appeals?category=hotel').set(bearer(admin)).expect(200)).body.items, 'GET /v1/appeals');
    expectNamed([(await t.http().get(`/v1/appeals/${filed[0].id}`).set(bearer(admin)).expect(200)).body], 'GET /v1/appeals/{id}');
  });

  it('complaints: opened, listed and exported with the supplier name', async () => {
    for (const [i, supplierId] of [...names.keys()].entries()) {
      await t
        .http()
        .post('/v1/complaints')
        .set(bearer(admin))
        .send({
          externalId: `N-C-${i}`,
          supplierId,
          orderRef: `ORD-${i}`,
          openedAt: new Date(Date.now() - 3_600_000).toISOString(),
          complaintCategory: 'CLEANLINESS',
          description: 'The room was not cleaned',
        })
        .expect(201);
    }
    const listed = (await t.http().get('/v1/complaints?category=hotel').set(bearer(admin)).expect(200)).body.items;
    expect(listed).toHaveLength(2);
    expectNamed(listed, 'GET /v1/complaints');
    expectNamed([(await t.http().get(`/v1/complaints/${listed[0].id}`).set(bearer(admin)).expect(200)).body], 'GET /v1/complaints/{id}');
    const csv = await t.http().get('/v1/complaints?category=hotel').set(bearer(admin)).set('Accept', 'text/csv').expect(200);
    const rows = parse(csv.text, { columns: true }) as Array<{ supplierId: string; supplierName: string }>;
    expectNamed(rows, 'GET /v1/complaints as CSV');
  });

  it('audit targets, a plan and the audits list: each with the supplier name', async () => {
    await t
      .http()
      .post('/v1/shoppers')
      .set(bearer(admin))
      .send({ displayName: 'Venice shopper', city: 'Venice', categories: ['hotel'], maxOpenAudits: 5 })
      .expect(201);
    const targets = (await t.http().get('/v1/audit-targets?category=hotel').set(bearer(admin)).expect(200)).body;
    expect(targets).toHaveLength(2);
    expectNamed(targets, 'GET /v1/audit-targets');
    const plan = (await t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel' }).expect(201)).body.items;
    expect(plan).toHaveLength(2);
    expectNamed(plan, 'POST /v1/audits/plan');
    expectNamed((await t.http().get('/v1/audits').set(bearer(admin)).expect(200)).body.items, 'GET /v1/audits');
    expectNamed([(await t.http().get(`/v1/audits/${plan[0].id}`).set(bearer(admin)).expect(200)).body], 'GET /v1/audits/{id}');
  });
});
