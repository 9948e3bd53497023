import { describe, expect, it } from 'vitest';

import type { ComplaintStatus } from '../../src/complaints/domain/complaint.js';
import { changeOf, type ComplaintStep, stepRefusal, stepTimeRefusal } from '../../src/complaints/domain/complaint-lifecycle.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const OPENED = new Date('2026-11-24T08:00:00Z');
const state = (status: ComplaintStatus, respondedAt: Date | null = null) => ({ id: 'c-1', status, openedAt: OPENED, respondedAt });

describe('complaint lifecycle', () => {
  const legal: Array<[ComplaintStatus, ComplaintStep]> = [
    ['OPEN', 'response'],
    ['OPEN', 'resolution'],
    ['RESPONDED', 'resolution'],
    ['OPEN', 'withdrawal'],
    ['RESPONDED', 'withdrawal'],
  ];
  const illegal: Array<[ComplaintStatus, ComplaintStep, string]> = [
    ['RESPONDED', 'response', 'has already been answered'],
    ['RESOLVED', 'response', 'is resolved'],
    ['WITHDRAWN', 'response', 'was withdrawn'],
    ['RESOLVED', 'resolution', 'is already resolved'],
    ['WITHDRAWN', 'resolution', 'was withdrawn'],
    ['RESOLVED', 'withdrawal', 'a resolved complaint cannot be withdrawn'],
    ['WITHDRAWN', 'withdrawal', 'was withdrawn already'],
  ];

  it.each(legal)('%s → %s is allowed', (status, step) => {
    expect(stepRefusal(state(status), step)).toBeNull();
  });

  it.each(illegal)('%s → %s is refused, saying why', (status, step, why) => {
    const refusal = stepRefusal(state(status), step);
    expect(refusal).toContain(why);
    expect(refusal).toContain(`status ${status}`);
  });

  it('covers every status and step', () => {
    expect(legal.length + illegal.length).toBe(4 * 3);
  });

  it('OPEN → RESOLVED records the first response at the resolution time', () => {
    const at = new Date('2026-11-24T12:00:00Z');
    expect(changeOf(state('OPEN'), 'resolution', { at, actor: 'm', text: 'Refunded', fault: 'SUPPLIER' })).toEqual({
      status: 'RESOLVED',
      resolvedAt: at,
      resolvedBy: 'm',
      fault: 'SUPPLIER',
      resolution: 'Refunded',
      respondedAt: at,
      respondedBy: 'm',
      responseMessage: 'Refunded',
    });
    const responded = state('RESPONDED', new Date('2026-11-24T09:00:00Z'));
    expect(changeOf(responded, 'resolution', { at, actor: 'm', text: 'Refunded', fault: 'NONE' })).not.toHaveProperty('respondedAt');
  });

  it('refuses step times before the opening, before the first response, in the future or before 2000', () => {
    expect(stepTimeRefusal(state('OPEN'), new Date('2026-11-24T07:59:59Z'), NOW)).toContain('before the complaint was opened');
    expect(stepTimeRefusal(state('OPEN'), OPENED, NOW)).toBeNull();
    const responded = state('RESPONDED', new Date('2026-11-24T09:00:00Z'));
    expect(stepTimeRefusal(responded, new Date('2026-11-24T08:30:00Z'), NOW)).toContain('before the complaint was answered');
    expect(stepTimeRefusal(responded, new Date('2026-11-24T09:00:00Z'), NOW)).toBeNull();
    expect(stepTimeRefusal(state('OPEN'), new Date(NOW + 3_600_000), NOW)).toBe('must not be in the future');
  });
});
