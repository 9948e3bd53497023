import { describe, expect, it } from 'vitest';

import {
  standingRefusal,
  SUPPLIER_STATUSES,
  type SupplierStatus,
  type TransitionCause,
  transitionRefusal,
} from '../../src/suppliers/domain/supplier-lifecycle.js';

function allowed(cause: TransitionCause): string[] {
  const out: string[] = [];
  for (const from of SUPPLIER_STATUSES) {
    for (const to of SUPPLIER_STATUSES) if (transitionRefusal(from, to, cause) === null) out.push(`${from}->${to}`);
  }
  return out.sort();
}

describe('supplier lifecycle', () => {
  it('managers may suspend, delist, lift probation or suspension, and reactivate a delisted supplier', () => {
    expect(allowed('MANUAL')).toEqual(
      [
        'ACTIVE->DELISTED',
        'ACTIVE->SUSPENDED',
        'DELISTED->ACTIVE',
        'PROBATION->ACTIVE',
        'PROBATION->DELISTED',
        'PROBATION->SUSPENDED',
        'SUSPENDED->ACTIVE',
        'SUSPENDED->DELISTED',
      ].sort(),
    );
  });

  it('scoring runs move only live suppliers and never touch SUSPENDED ones', () => {
    const sanction = allowed('SANCTION');
    expect(sanction.every((t) => t.startsWith('ACTIVE->') || t.startsWith('PROBATION->'))).toBe(true);
    for (const to of SUPPLIER_STATUSES) expect(transitionRefusal('SUSPENDED', to, 'SANCTION')).not.toBeNull();
  });

  it('an accepted audit moves only live suppliers: a failure onto probation, a passing re-audit off it', () => {
    expect(allowed('AUDIT')).toEqual(['ACTIVE->PROBATION', 'PROBATION->ACTIVE']);
  });

  it('only an audit decision changes the audit standing', () => {
    const none = { holdUntil: null, auditFailedOn: null };
    const failed = { holdUntil: null, auditFailedOn: '2026-05-20' };
    expect(standingRefusal(none, failed, 'AUDIT')).toBeNull();
    expect(standingRefusal(failed, none, 'AUDIT')).toBeNull();
    for (const cause of ['SANCTION', 'MANUAL', 'ADMISSION', 'ADMISSION_OVERRIDE'] as const) {
      expect(standingRefusal(failed, none, cause)).toContain('Only an audit decision changes the audit standing');
      expect(standingRefusal(failed, failed, cause)).toBeNull();
    }
  });

  it('admission decides applicants and suppliers applying again after rejection or delisting', () => {
    expect(allowed('ADMISSION')).toEqual(
      [
        'APPLICANT->ACTIVE',
        'APPLICANT->REJECTED',
        'DELISTED->ACTIVE',
        'DELISTED->REJECTED',
        'REJECTED->ACTIVE',
        'REJECTED->REJECTED',
      ].sort(),
    );
  });

  it('an admission override may admit a rejected applicant or revoke a fresh admission, never touch a governed supplier', () => {
    expect(transitionRefusal('REJECTED', 'ACTIVE', 'ADMISSION_OVERRIDE')).toBeNull();
    expect(transitionRefusal('ACTIVE', 'REJECTED', 'ADMISSION_OVERRIDE')).toBeNull();
    expect(transitionRefusal('PROBATION', 'ACTIVE', 'ADMISSION_OVERRIDE')).not.toBeNull();
    expect(transitionRefusal('SUSPENDED', 'ACTIVE', 'ADMISSION_OVERRIDE')).not.toBeNull();
  });

  it('explains a refusal in words', () => {
    expect(transitionRefusal('ACTIVE', 'ACTIVE', 'MANUAL')).toBe('The supplier is already ACTIVE');
    expect(transitionRefusal('APPLICANT', 'SUSPENDED', 'MANUAL')).toBe(
      'An APPLICANT supplier becomes SUSPENDED only through an admission application (or its override)',
    );
    expect(transitionRefusal('ACTIVE', 'APPLICANT', 'MANUAL')).toBe(
      'An ACTIVE supplier cannot become APPLICANT (allowed: SUSPENDED, DELISTED)',
    );
    expect(transitionRefusal('DELISTED', 'SUSPENDED', 'MANUAL')).toBe('A DELISTED supplier cannot become SUSPENDED (allowed: ACTIVE)');
  });

  it.each(SUPPLIER_STATUSES.map((s) => [s] as [SupplierStatus]))('nothing moves %s to APPLICANT', (from) => {
    for (const cause of ['ADMISSION', 'ADMISSION_OVERRIDE', 'SANCTION', 'MANUAL'] as const) {
      expect(transitionRefusal(from, 'APPLICANT', cause)).not.toBeNull();
    }
  });
});
