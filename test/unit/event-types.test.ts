import { describe, expect, it } from 'vitest';

import { eventTypeOf } from '../../src/decisions/domain/event-types.js';

describe('event types', () => {
  it('any entry into probation is supplier.probation, whatever caused it', () => {
    expect(eventTypeOf({ kind: 'PENALTY', fromStatus: 'ACTIVE', toStatus: 'PROBATION' })).toBe('supplier.probation');
    expect(eventTypeOf({ kind: 'AUDIT_FAILED', fromStatus: 'ACTIVE', toStatus: 'PROBATION' })).toBe('supplier.probation');
  });

  it('a failed audit that leaves the status as it was is still announced, as supplier.audit_failed', () => {
    expect(eventTypeOf({ kind: 'AUDIT_FAILED', fromStatus: 'PROBATION', toStatus: 'PROBATION' })).toBe('supplier.audit_failed');
    expect(eventTypeOf({ kind: 'AUDIT_FAILED', fromStatus: 'SUSPENDED', toStatus: 'SUSPENDED' })).toBe('supplier.audit_failed');
  });

  it('leaving probation for ACTIVE is supplier.reinstated, by a run or by a passing re-audit', () => {
    expect(eventTypeOf({ kind: 'REINSTATE', fromStatus: 'PROBATION', toStatus: 'ACTIVE' })).toBe('supplier.reinstated');
    expect(eventTypeOf({ kind: 'AUDIT_PASSED', fromStatus: 'PROBATION', toStatus: 'ACTIVE' })).toBe('supplier.reinstated');
    expect(eventTypeOf({ kind: 'AUDIT_PASSED', fromStatus: 'ACTIVE', toStatus: 'ACTIVE' })).toBeNull();
  });

  it('decisions that change no status raise no event', () => {
    expect(eventTypeOf({ kind: 'REWARD', fromStatus: 'ACTIVE', toStatus: 'ACTIVE' })).toBeNull();
    expect(eventTypeOf({ kind: 'WARNING', fromStatus: 'ACTIVE', toStatus: 'ACTIVE' })).toBeNull();
    expect(eventTypeOf({ kind: 'HOLD_LIFTED', fromStatus: 'ACTIVE', toStatus: 'ACTIVE' })).toBeNull();
    expect(eventTypeOf({ kind: 'DELIST', fromStatus: 'PROBATION', toStatus: 'DELISTED' })).toBe('supplier.delisted');
  });
});
