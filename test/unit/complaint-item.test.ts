import { describe, expect, it } from 'vitest';

import { checkClaimedAmount, toMajorUnits, toMinorUnits } from '../../src/complaints/domain/claimed-amount.js';
import { validateComplaintItem } from '../../src/complaints/domain/complaint-item.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const item = (fields: Record<string, unknown> = {}) => ({
  externalId: 'SD-1',
  supplierRef: 'HTL-1',
  orderRef: 'ORD-1',
  openedAt: '2026-11-24T08:15:00Z',
  complaintCategory: 'CLEANLINESS',
  description: 'Dirty room',
  ...fields,
});
const fields = (check: ReturnType<typeof validateComplaintItem>) => (check.ok ? [] : check.errors.map((e) => e.field));

describe('complaint item', () => {
  it('takes a minimal complaint with the defaults: source service-desk, severity MEDIUM, no claim', () => {
    const check = validateComplaintItem(item(), NOW);
    expect(check).toMatchObject({
      ok: true,
      item: { source: 'service-desk', severity: 'MEDIUM', claimedMinor: null, claimedCurrency: null, supplierRef: 'HTL-1' },
    });
    if (check.ok) expect(check.item.openedAt.toISOString()).toBe('2026-11-24T08:15:00.000Z');
  });

  it('needs exactly one of supplierId and supplierRef', () => {
    expect(fields(validateComplaintItem(item({ supplierRef: undefined }), NOW))).toEqual(['supplierId']);
    expect(fields(validateComplaintItem(item({ supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70' }), NOW))).toEqual(['supplierRef']);
    expect(fields(validateComplaintItem(item({ supplierRef: undefined, supplierId: 'nope' }), NOW))).toEqual(['supplierId']);
  });

  it('refuses each missing or malformed field by name, with 400', () => {
    const check = validateComplaintItem({ colour: 'red', severity: 'URGENT', complaintCategory: 'WEATHER', description: '  ' }, NOW);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.status).toBe(400);
    expect(check.errors.map((e) => e.field).sort()).toEqual(
      ['colour', 'complaintCategory', 'description', 'externalId', 'openedAt', 'orderRef', 'severity', 'supplierId'].sort(),
    );
  });

  it('refuses an openedAt in the future or before 2000-01-01 with 422, and a malformed one with 400', () => {
    const future = validateComplaintItem(item({ openedAt: '2026-11-25T11:00:00Z' }), NOW);
    expect(future).toMatchObject({ ok: false, status: 422, errors: [{ field: 'openedAt', message: 'must not be in the future' }] });
    const old = validateComplaintItem(item({ openedAt: '1999-12-31T23:59:59Z' }), NOW);
    expect(old).toMatchObject({ ok: false, status: 422, errors: [{ field: 'openedAt', message: 'must not be before 2000-01-01' }] });
    expect(validateComplaintItem(item({ openedAt: '2026-02-30T10:00:00Z' }), NOW)).toMatchObject({ ok: false, status: 400 });
    expect(validateComplaintItem(item({ openedAt: '2026-11-24T10:00:00' }), NOW)).toMatchObject({ ok: false, status: 400 });
  });

  it('limits the description and refuses control characters', () => {
    expect(fields(validateComplaintItem(item({ description: 'x'.repeat(10_001) }), NOW))).toEqual(['description']);
    expect(fields(validateComplaintItem(item({ description: 'a\u0000b' }), NOW))).toEqual(['description']);
    expect(validateComplaintItem(item({ description: 'line one\nline two' }), NOW).ok).toBe(true);
  });

  it('takes a claimed amount exactly in minor units; too many decimals or an unknown currency → 422', () => {
    expect(validateComplaintItem(item({ claimedAmount: { amount: 0.1, currency: 'CNY' } }), NOW)).toMatchObject({
      ok: true,
      item: { claimedMinor: 10n, claimedCurrency: 'CNY' },
    });
    expect(validateComplaintItem(item({ claimedAmount: { amount: 1.005, currency: 'CNY' } }), NOW)).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ field: 'claimedAmount.amount' }],
    });
    expect(validateComplaintItem(item({ claimedAmount: { amount: 5.5, currency: 'JPY' } }), NOW)).toMatchObject({ ok: false, status: 422 });
    expect(validateComplaintItem(item({ claimedAmount: { amount: 5, currency: 'XXQ' } }), NOW)).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ field: 'claimedAmount.currency' }],
    });
    expect(validateComplaintItem(item({ claimedAmount: 12 }), NOW)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('claimed amounts', () => {
  it('parses decimals by their digits, never by float arithmetic', () => {
    expect(toMinorUnits(0.1, 2)).toEqual({ ok: true, minor: 10n });
    expect(toMinorUnits('19.99', 2)).toEqual({ ok: true, minor: 1999n });
    expect(toMinorUnits(1.1, 2)).toEqual({ ok: true, minor: 110n });
    expect(toMinorUnits('2.50', 2)).toEqual({ ok: true, minor: 250n });
    expect(toMinorUnits(1500, 0)).toEqual({ ok: true, minor: 1500n });
  });

  it('refuses zero, negatives, exponents and NaN', () => {
    for (const bad of [0, -1, '-0.5', 1e-7, Number.NaN, '1e3', 'abc', '0.00']) expect(toMinorUnits(bad, 2).ok).toBe(false);
  });

  it('formats minor units back exactly', () => {
    expect(toMajorUnits(10n, 'CNY')).toBe(0.1);
    expect(toMajorUnits(32050n, 'CNY')).toBe(320.5);
    expect(toMajorUnits(1500n, 'JPY')).toBe(1500);
    expect(checkClaimedAmount(450, 'CNY')).toEqual({ ok: true, minor: 45000n, currency: 'CNY' });
  });
});
