import { describe, expect, it } from 'vitest';

import { validateComplaintItem } from '../../src/complaints/domain/complaint-item.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const DIGITS: Record<string, number> = { CNY: 2, USD: 2, JPY: 0, KWD: 3 };
const check = (raw: unknown, now = NOW) => validateComplaintItem(raw, (code) => DIGITS[code], now);
const item = (fields: Record<string, unknown> = {}) => ({
  externalId: 'SD-1',
  supplierRef: 'HTL-1',
  orderRef: 'ORD-1',
  openedAt: '2026-11-24T08:15:00Z',
  complaintCategory: 'CLEANLINESS',
  description: 'Dirty room',
  ...fields,
});
const fields = (c: ReturnType<typeof validateComplaintItem>) => (c.ok ? [] : c.errors.map((e) => e.field));

describe('complaint item', () => {
  it('takes a minimal complaint with the defaults: source service-desk, severity MEDIUM, no claim', () => {
    const ok = check(item());
    expect(ok).toMatchObject({
      ok: true,
      item: { source: 'service-desk', severity: 'MEDIUM', claimedMinor: null, claimedCurrency: null, supplierRef: 'HTL-1' },
    });
    if (ok.ok) expect(ok.item.openedAt.toISOString()).toBe('2026-11-24T08:15:00.000Z');
  });

  it('needs exactly one of supplierId and supplierRef', () => {
    expect(fields(check(item({ supplierRef: undefined })))).toEqual(['supplierId']);
    expect(fields(check(item({ supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70' })))).toEqual(['supplierRef']);
    expect(fields(check(item({ supplierRef: undefined, supplierId: 'nope' })))).toEqual(['supplierId']);
  });

  it('refuses each missing or malformed field by name, with 400', () => {
    const bad = check({ colour: 'red', severity: 'URGENT', complaintCategory: 'WEATHER', description: '  ' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(
      ['colour', 'complaintCategory', 'description', 'externalId', 'openedAt', 'orderRef', 'severity', 'supplierId'].sort(),
    );
  });

  it('refuses an openedAt in the future or before 2000-01-01 with 422, and a malformed one with 400', () => {
    const future = check(item({ openedAt: '2026-11-25T11:00:00Z' }));
    expect(future).toMatchObject({ ok: false, status: 422, errors: [{ field: 'openedAt', message: 'must not be in the future' }] });
    const old = check(item({ openedAt: '1999-12-31T23:59:59Z' }));
    expect(old).toMatchObject({ ok: false, status: 422, errors: [{ field: 'openedAt', message: 'must not be before 2000-01-01' }] });
    expect(check(item({ openedAt: '2026-02-30T10:00:00Z' }))).toMatchObject({ ok: false, status: 400 });
    expect(check(item({ openedAt: '2026-11-24T10:00:00' }))).toMatchObject({ ok: false, status: 400 });
  });

  it('limits the description and refuses control characters', () => {
    expect(fields(check(item({ description: 'x'.repeat(10_001) })))).toEqual(['description']);
    expect(fields(check(item({ description: 'a\u0000b' })))).toEqual(['description']);
    expect(check(item({ description: 'line one\nline two' })).ok).toBe(true);
  });

  it('takes a claimed amount exactly in minor units; too many decimals or an unknown currency → 422', () => {
    expect(check(item({ claimedAmount: { amount: 0.1, currency: 'CNY' } }))).toMatchObject({
      ok: true,
      item: { claimedMinor: 10n, claimedCurrency: 'CNY' },
    });
    expect(check(item({ claimedAmount: { amount: 1.005, currency: 'CNY' } }))).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ field: 'claimedAmount.amount' }],
    });
    expect(check(item({ claimedAmount: { amount: 5.5, currency: 'JPY' } }))).toMatchObject({ ok: false, status: 422 });
    expect(check(item({ claimedAmount: { amount: 5, currency: 'XXQ' } }))).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ field: 'claimedAmount.currency' }],
    });
    expect(check(item({ claimedAmount: 12 }))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('claimed amounts', () => {
  it('are exact in the currency’s minor unit, by the ledger’s digits', () => {
    expect(check(item({ claimedAmount: { amount: '19.99', currency: 'USD' } }))).toMatchObject({ ok: true, item: { claimedMinor: 1999n } });
    expect(check(item({ claimedAmount: { amount: 1500, currency: 'JPY' } }))).toMatchObject({ ok: true, item: { claimedMinor: 1500n } });
    expect(check(item({ claimedAmount: { amount: 1.125, currency: 'KWD' } }))).toMatchObject({ ok: true, item: { claimedMinor: 1125n } });
  });

  it('refuses zero, negatives and a missing part', () => {
    for (const amount of [0, -1, '-0.5', '0.00']) {
      expect(check(item({ claimedAmount: { amount, currency: 'CNY' } }))).toMatchObject({ ok: false, status: 422 });
    }
    expect(check(item({ claimedAmount: { currency: 'CNY' } }))).toMatchObject({
      ok: false,
      status: 400,
      errors: [{ field: 'claimedAmount.amount' }],
    });
    expect(check(item({ claimedAmount: { amount: 5 } }))).toMatchObject({
      ok: false,
      status: 400,
      errors: [{ field: 'claimedAmount.currency' }],
    });
    expect(check(item({ claimedAmount: { amount: 5, currency: 'CNY', note: 'x' } }))).toMatchObject({ ok: false, status: 400 });
  });
});
