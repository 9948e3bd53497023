import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LedgerException } from '../../src/ledger/ledger.exception.js';
import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { chargeRuling, compensate, insertComplaint, inTransaction } from '../support/ledger-fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface Entry {
  id: string;
  kind: string;
  amount: number;
  currency: string;
  complaintId: string;
  compensationId: string | null;
  chargeId: string | null;
  reference: string | null;
  reason: string | null;
  actor: string;
  occurredAt: string;
}
interface Balance {
  currency: string;
  paidOnBehalf: number;
  charged: number;
  settled: number;
  waived: number;
  outstanding: number;
}

/**
 * The advance-compensation ledger (PRODUCT.md, "Complaints and advance compensation"; API.md,
 * "Complaints and ledger"): compensation and charges come through LedgerService, as the complaints
 * module writes them, on complaints written straight into the table; settlements, waivers and the
 * supplier's ledger through HTTP.
 */
describe('advance-compensation ledger', () => {
  let t: TestApp;
  let hotel: string;
  let tour: string;
  const admin = () => bearer(t.token('admin'));
  const finance = () => bearer(t.token('integration', { sub: 'finance-system' }));
  const hotelManager = () => bearer(t.token('category_manager', { sub: 'mia', categories: ['hotel'] }));
  const tourManager = () => bearer(t.token('category_manager', { sub: 'lee', categories: ['tour'] }));

  async function ledgerOf(supplierId: string, query = '') {
    const res = await t.http().get(`/v1/suppliers/${supplierId}/ledger${query}`).set(admin());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: Entry[]; nextCursor: string | null; balances: Balance[] };
  }
  const settle = (chargeId: string, body: Record<string, unknown>, auth = finance()) =>
    t
      .http()
      .post(`/v1/ledger/${chargeId}/settlement`)
      .set(auth)
      .send({ reference: 'FIN-1', ...body });
  const waive = (chargeId: string, reason = 'Goodwill: refunded directly', auth = hotelManager()) =>
    t.http().post(`/v1/ledger/${chargeId}/waiver`).set(auth).send({ reason });

  /** A fresh hotel supplier with one SUPPLIER-fault complaint charged `amount` CNY; the charge's id. */
  async function charged(amount: number | string = 100, currency = 'CNY'): Promise<{ supplierId: string; chargeId: string }> {
    const supplierId = (await createSupplier(t)).id;
    const complaintId = await insertComplaint(t, supplierId, { fault: 'SUPPLIER' });
    const { charge } = await compensate(t, { complaintId, supplierId, amount, currency, chargeable: true });
    return { supplierId, chargeId: charge!.id };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    hotel = (await createSupplier(t)).id;
    tour = (await createSupplier(t, { category: 'tour' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compensation paid before a SUPPLIER ruling is charged by it, once; paid after, charged at once', async () => {
    const supplierId = (await createSupplier(t)).id;
    const complaintId = await insertComplaint(t, supplierId);
    const first = await compensate(t, { complaintId, supplierId, amount: 50, reference: 'PAY-1' });
    const second = await compensate(t, { complaintId, supplierId, amount: '20.50' });
    expect(first.charge).toBeNull();

    const charges = await chargeRuling(t, complaintId, supplierId);
    expect(charges.map((c) => [c.compensationId, c.amountMinor])).toEqual([
      [first.entry.id, 5000n],
      [second.entry.id, 2050n],
    ]);
    expect(await chargeRuling(t, complaintId, supplierId)).toEqual([]);

    const late = await compensate(t, { complaintId, supplierId, amount: 9.5, chargeable: true, paidAt: new Date('2026-11-22T10:00:00Z') });
    expect(late.charge).toMatchObject({ kind: 'RECOVERY_CHARGED', compensationId: late.entry.id, amountMinor: 950n });

    const ledger = await ledgerOf(supplierId);
    expect(ledger.items.map((e) => [e.kind, e.amount])).toEqual([
      ['RECOVERY_CHARGED', 9.5],
      ['COMPENSATION_PAID', 9.5],
      ['RECOVERY_CHARGED', 20.5],
      ['RECOVERY_CHARGED', 50],
      ['COMPENSATION_PAID', 20.5],
      ['COMPENSATION_PAID', 50],
    ]);
    expect(ledger.items.at(-1)).toMatchObject({ complaintId, reference: 'PAY-1', actor: 'desk@example.com', chargeId: null });
    expect(ledger.balances).toEqual([{ currency: 'CNY', paidOnBehalf: 80, charged: 80, settled: 0, waived: 0, outstanding: 80 }]);

    const paid = await inTransaction(t, (ledger, manager) => ledger.compensationOf([complaintId, randomUUID()], manager));
    expect([...paid]).toEqual([
      [
        complaintId,
        [
          { amount: 50, currency: 'CNY' },
          { amount: 20.5, currency: 'CNY' },
          { amount: 9.5, currency: 'CNY' },
        ],
      ],
    ]);
  });

  it('each charge raises one ledger.recovery_charged event in its transaction, with no customer data; a refused write raises none', async () => {
    const supplierId = (await createSupplier(t)).id;
    const complaintId = await insertComplaint(t, supplierId);
    const { entry } = await compensate(t, { complaintId, supplierId, amount: 42.5, reference: 'PAY-9' });
    const eventsOf = async () => {
      const res = await t.http().get('/v1/events?limit=500').set(admin()).expect(200);
      return (res.body.items as Array<{ type: string; supplierId: string; category: string; decision: unknown; payload: unknown }>).filter(
        (e) => e.supplierId === supplierId,
      );
    };
    expect(await eventsOf()).toEqual([]);
    const [charge] = await chargeRuling(t, complaintId, supplierId);
    await chargeRuling(t, complaintId, supplierId);
    await expect(
      inTransaction(t, async (ledger, manager) => {
        await compensate(t, { complaintId, supplierId, amount: 1, chargeable: true }); // its own transaction: commits
        await ledger.recordCompensation(manager, {
          complaintId,
          supplierId,
          chargeable: true,
          amount: 2,
          currency: 'CNY',
          paidAt: new Date('2026-11-21T10:00:00Z'),
          reference: null,
          actor: 'desk',
        });
        throw new Error('the complaint change failed');
      }),
    ).rejects.toThrow('the complaint change failed');
    const events = await eventsOf();
    expect(events.map((e) => (e.payload as { amount: number }).amount)).toEqual([42.5, 1]);
    expect(events[0]).toMatchObject({
      type: 'ledger.recovery_charged',
      category: 'hotel',
      decision: null,
      payload: {
        entryId: charge.id,
        complaintId,
        compensationId: entry.id,
        amount: 42.5,
        currency: 'CNY',
        occurredAt: '2026-11-21T12:00:00.000Z',
      },
    });
    expect(Object.keys(events[0].payload as object).sort()).toEqual([
      'amount',
      'compensationId',
      'complaintId',
      'currency',
      'entryId',
      'occurredAt',
    ]);
    // The rolled-back payment left neither an entry nor an event.
    expect((await ledgerOf(supplierId)).balances[0]).toMatchObject({ charged: 43.5 });
  });

  it('compensation on complaints of any other fault is borne by the platform: nothing charged', async () => {
    const supplierId = (await createSupplier(t)).id;
    for (const fault of ['PLATFORM', 'CUSTOMER', 'NONE'] as const) {
      const complaintId = await insertComplaint(t, supplierId, { fault });
      const { charge } = await compensate(t, { complaintId, supplierId, amount: 10 });
      expect(charge).toBeNull();
    }
    const ledger = await ledgerOf(supplierId);
    expect(ledger.items.map((e) => e.kind)).toEqual(['COMPENSATION_PAID', 'COMPENSATION_PAID', 'COMPENSATION_PAID']);
    expect(ledger.balances).toEqual([{ currency: 'CNY', paidOnBehalf: 0, charged: 0, settled: 0, waived: 0, outstanding: 0 }]);
  });

  it('sums exactly: 1,000 payments of 0.10 are 100.00 paid and charged, 300 settlements of 0.10 are 30.00; pages of 500 see every entry', async () => {
    const supplierId = (await createSupplier(t)).id;
    const complaintId = await insertComplaint(t, supplierId);
    await inTransaction(t, async (ledger, manager) => {
      for (let i = 0; i < 1000; i++) {
        await ledger.recordCompensation(manager, {
          complaintId,
          supplierId,
          chargeable: false,
          amount: 0.1,
          currency: 'CNY',
          paidAt: new Date('2026-11-21T10:00:00Z'),
          reference: null,
          actor: 'desk@example.com',
        });
      }
    });
    expect(await chargeRuling(t, complaintId, supplierId)).toHaveLength(1000);
    let balances = (await ledgerOf(supplierId, '?limit=1')).balances;
    expect(balances).toEqual([{ currency: 'CNY', paidOnBehalf: 100, charged: 100, settled: 0, waived: 0, outstanding: 100 }]);

    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await ledgerOf(supplierId, `?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2000);
    expect(new Set(seen.map((e) => e.id)).size).toBe(2000);
    expect(seen.slice(0, 1000).every((e) => e.kind === 'RECOVERY_CHARGED')).toBe(true);

    const charges = seen.filter((e) => e.kind === 'RECOVERY_CHARGED');
    for (const c of charges.slice(0, 300)) expect((await settle(c.id, { amount: 0.1 })).status).toBe(201);
    balances = (await ledgerOf(supplierId, '?limit=1')).balances;
    expect(balances).toEqual([{ currency: 'CNY', paidOnBehalf: 100, charged: 100, settled: 30, waived: 0, outstanding: 70 }]);
  });

  it('keeps currencies apart (CNY and JPY balances separate) and refuses JPY with decimals (422)', async () => {
    const supplierId = (await createSupplier(t)).id;
    const complaintId = await insertComplaint(t, supplierId, { fault: 'SUPPLIER' });
    await compensate(t, { complaintId, supplierId, amount: 100, chargeable: true });
    const { charge: yen } = await compensate(t, { complaintId, supplierId, amount: 1500, currency: 'JPY', chargeable: true });
    expect((await settle(yen!.id, { amount: 500 })).status).toBe(201);
    expect((await ledgerOf(supplierId)).balances).toEqual([
      { currency: 'CNY', paidOnBehalf: 100, charged: 100, settled: 0, waived: 0, outstanding: 100 },
      { currency: 'JPY', paidOnBehalf: 1500, charged: 1500, settled: 500, waived: 0, outstanding: 1000 },
    ]);

    const decimals = expectProblem(await settle(yen!.id, { amount: 1.5 }), 422);
    expect(decimals.errors).toEqual([{ field: 'amount', message: 'must be a whole number in this currency (it has no minor unit)' }]);
    for (const [amount, message] of [
      [12.345, 'must have at most 2 decimal places in this currency'],
      [0, 'must be greater than zero'],
      [-5, 'must be positive'],
    ] as const) {
      const { chargeId } = await charged();
      expect(expectProblem(await settle(chargeId, { amount }), 422).errors).toEqual([{ field: 'amount', message }]);
    }

    const refusals = [
      { amount: 1.5, currency: 'JPY', field: 'amount' },
      { amount: 10, currency: 'XYZ', field: 'currency' },
      { amount: 10, currency: 'cny', field: 'currency' },
      { amount: 0.001, currency: 'CNY', field: 'amount' },
    ];
    for (const r of refusals) {
      const error = await compensate(t, { complaintId, supplierId, amount: r.amount, currency: r.currency }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerException);
      expect((error as LedgerException).status).toBe(422);
      expect((error as LedgerException).fields?.[0].field).toBe(r.field);
    }
    const future = await compensate(t, { complaintId, supplierId, amount: 1, paidAt: new Date(Date.now() + 60_000) }).catch(
      (e: unknown) => e,
    );
    expect((future as LedgerException).fields).toEqual([{ field: 'paidAt', message: expect.stringMatching(/^must not be in the future/) }]);
    // Nothing half-written: the refused payments left no entry.
    expect((await ledgerOf(supplierId)).items).toHaveLength(5);
  });

  it('ten concurrent settlements of 30.00 against a 100.00 charge: exactly 3 succeed, the rest 409, 10.00 outstanding', async () => {
    const { supplierId, chargeId } = await charged(100);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => settle(chargeId, { amount: 30, reference: `FIN-${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(expectProblem(r, 409).type).toBe('urn:supplier-governance:problem:exceeds-outstanding');
    }
    const ledger = await ledgerOf(supplierId);
    expect(ledger.balances[0]).toMatchObject({ charged: 100, settled: 90, outstanding: 10 });
    expect(
      ledger.items.filter((e) => e.kind === 'RECOVERY_SETTLED').every((e) => e.chargeId === chargeId && e.actor === 'finance-system'),
    ).toBe(true);
    expect((await settle(chargeId, { amount: 10 })).status).toBe(201);
    expectProblem(await settle(chargeId, { amount: 0.01 }), 409);
  });

  it('a settlement records its time (default now) and reference; settledAt in the future, before 2000 or the charge → 422, malformed → 400', async () => {
    const { chargeId } = await charged(100);
    const before = Date.now();
    const res = await settle(chargeId, { amount: 12.34, reference: ' FIN-77 ' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'RECOVERY_SETTLED', amount: 12.34, currency: 'CNY', chargeId, reference: 'FIN-77' });
    expect(Date.parse(res.body.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    const dated = await settle(chargeId, { amount: 1, settledAt: '2026-11-23T08:00:00+08:00' });
    expect(dated.body.occurredAt).toBe('2026-11-23T00:00:00.000Z');

    for (const [settledAt, message] of [
      [new Date(Date.now() + 3_600_000).toISOString(), /^must not be in the future/],
      ['1999-12-31T23:59:59Z', /^must not be before 2000-01-01/],
      ['2026-11-21T09:00:00Z', /^must not be before the charge \(2026-11-21T10:00:00.000Z\)/],
    ] as const) {
      expect(expectProblem(await settle(chargeId, { amount: 1, settledAt }), 422).errors).toEqual([
        { field: 'settledAt', message: expect.stringMatching(message) },
      ]);
    }
    for (const settledAt of ['2026-02-30T10:00:00Z', '2026-11-23T08:00:00', 'yesterday']) {
      expect(expectProblem(await settle(chargeId, { amount: 1, settledAt }), 400).errors?.[0].field).toBe('settledAt');
    }
    expect(expectProblem(await settle(chargeId, { amount: 1, reference: '  ' }), 400).errors?.[0].field).toBe('reference');
    expect(expectProblem(await settle(chargeId, { amount: 'ten' }), 400).errors?.[0].field).toBe('amount');
  });

  it('a waiver records what is outstanding; then no settlement and no second waiver (409); a charge settled in full takes no waiver', async () => {
    const { supplierId, chargeId } = await charged(100);
    expect((await settle(chargeId, { amount: 40 })).status).toBe(201);
    const waived = await waive(chargeId, '  Goodwill: refunded directly  ');
    expect(waived.status, JSON.stringify(waived.body)).toBe(201);
    expect(waived.body).toMatchObject({
      kind: 'RECOVERY_WAIVED',
      amount: 60,
      chargeId,
      reason: 'Goodwill: refunded directly',
      actor: 'mia',
    });
    expect((await ledgerOf(supplierId)).balances).toEqual([
      { currency: 'CNY', paidOnBehalf: 100, charged: 100, settled: 40, waived: 60, outstanding: 0 },
    ]);
    expect(expectProblem(await settle(chargeId, { amount: 1 }), 409).type).toBe('urn:supplier-governance:problem:charge-waived');
    expect(expectProblem(await waive(chargeId), 409).type).toBe('urn:supplier-governance:problem:charge-waived');

    const full = await charged(25);
    expect((await settle(full.chargeId, { amount: 25 })).status).toBe(201);
    expect(expectProblem(await waive(full.chargeId), 409).type).toBe('urn:supplier-governance:problem:charge-settled');
    expect(expectProblem(await waive(full.chargeId, '   '), 400).errors?.[0].field).toBe('reason');
    expect(expectProblem(await waive(full.chargeId, 'x'.repeat(2001)), 400).errors?.[0].field).toBe('reason');
  });

  it('concurrent waivers of one charge: one succeeds', async () => {
    const { chargeId } = await charged(100);
    const results = await Promise.all(Array.from({ length: 4 }, () => waive(chargeId)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('is append-only in the database: UPDATE and DELETE of ledger_entries fail; a compensation is charged once', async () => {
    const { chargeId } = await charged(100);
    await expect(t.db.query(`UPDATE ledger_entries SET amount_minor = 1 WHERE id = $1`, [chargeId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM ledger_entries WHERE id = $1`, [chargeId])).rejects.toThrow(/append-only/);
    const { rows } = await t.db.query(`SELECT compensation_id FROM ledger_entries WHERE id = $1`, [chargeId]);
    await expect(
      t.db.query(
        `INSERT INTO ledger_entries (id, supplier_id, complaint_id, kind, amount_minor, currency, compensation_id, actor, occurred_at)
         SELECT $1, supplier_id, complaint_id, 'RECOVERY_CHARGED', amount_minor, currency, compensation_id, 'x', now() FROM ledger_entries WHERE id = $2`,
        [randomUUID(), chargeId],
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(rows[0].compensation_id).toBeTruthy();
    await expect(
      t.db.query(
        `INSERT INTO ledger_entries (id, supplier_id, complaint_id, kind, amount_minor, currency, actor, occurred_at)
         SELECT $1, supplier_id, complaint_id, 'COMPENSATION_PAID', 0, currency, 'x', now() FROM ledger_entries WHERE id = $2`,
        [randomUUID(), chargeId],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('unknown supplier or charge → 404; an entry that is no charge → 404', async () => {
    expectProblem(await t.http().get(`/v1/suppliers/${randomUUID()}/ledger`).set(admin()), 404);
    expectProblem(await settle(randomUUID(), { amount: 1 }), 404);
    expectProblem(await waive(randomUUID()), 404);
    const complaintId = await insertComplaint(t, hotel);
    const { entry } = await compensate(t, { complaintId, supplierId: hotel, amount: 5 });
    expect(expectProblem(await settle(entry.id, { amount: 1 }), 404).type).toBe('urn:supplier-governance:problem:charge-not-found');
    expectProblem(await waive(entry.id), 404);
    expect(expectProblem(await settle('not-a-uuid', { amount: 1 }), 400).errors?.[0].field).toBe('chargeId');
  });

  describe('who may', () => {
    let chargeId: string;
    beforeAll(async () => {
      ({ chargeId } = await charged(100));
    });

    it('read a ledger: admin, integration, the category manager of the supplier; no token 401, a shopper 403, another category 403', async () => {
      const get = (auth?: Record<string, string>) => {
        const req = t.http().get(`/v1/suppliers/${hotel}/ledger`);
        return auth ? req.set(auth) : req;
      };
      expect((await get(admin())).status).toBe(200);
      expect((await get(finance())).status).toBe(200);
      expect((await get(hotelManager())).status).toBe(200);
      expectProblem(await get(), 401);
      expectProblem(await get(bearer(t.token('mystery_shopper', { shopperId: randomUUID() }))), 403);
      expect(expectProblem(await get(tourManager()), 403).type).toBe('urn:supplier-governance:problem:category-not-allowed');
      expect((await t.http().get(`/v1/suppliers/${tour}/ledger`).set(tourManager())).status).toBe(200);
    });

    it('settle: integration and admin; no token 401, a manager or shopper 403', async () => {
      expectProblem(await t.http().post(`/v1/ledger/${chargeId}/settlement`).send({ amount: 1, reference: 'x' }), 401);
      expectProblem(await settle(chargeId, { amount: 1 }, hotelManager()), 403);
      expectProblem(await settle(chargeId, { amount: 1 }, bearer(t.token('mystery_shopper', { shopperId: randomUUID() }))), 403);
      expect((await settle(chargeId, { amount: 1 }, admin())).status).toBe(201);
      expect((await settle(chargeId, { amount: 1 }, finance())).status).toBe(201);
    });

    it('waive: admin and the category manager of the supplier; no token 401, integration 403, another category 403', async () => {
      expectProblem(await t.http().post(`/v1/ledger/${chargeId}/waiver`).send({ reason: 'x' }), 401);
      expectProblem(await waive(chargeId, 'x', finance()), 403);
      expect(expectProblem(await waive(chargeId, 'x', tourManager()), 403).type).toBe(
        'urn:supplier-governance:problem:category-not-allowed',
      );
      expect((await waive(chargeId, 'Goodwill', admin())).status).toBe(201);
      const other = await charged(10);
      expect((await waive(other.chargeId, 'Goodwill', hotelManager())).status).toBe(201);
    });
  });
});
