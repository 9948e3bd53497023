import { describe, expect, it } from 'vitest';

import { metricsTokenRefusal } from '../../src/metrics/domain/metrics-token.js';

describe('METRICS_TOKEN', () => {
  const token = 'scrape-0123456789abcdef';

  it('lets anything through when no token is configured', () => {
    expect(metricsTokenRefusal(undefined, undefined)).toBeNull();
    expect(metricsTokenRefusal(undefined, 'Bearer whatever')).toBeNull();
  });

  it('wants exactly `Bearer <token>` when one is', () => {
    expect(metricsTokenRefusal(token, `Bearer ${token}`)).toBeNull();
    expect(metricsTokenRefusal(token, `bearer  ${token}`)).toBeNull();
    expect(metricsTokenRefusal(token, undefined)).toBe('required');
    expect(metricsTokenRefusal(token, '')).toBe('required');
    for (const header of [
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Bearer ${token.toUpperCase()}`,
      token,
      `Basic ${token}`,
      `Bearer ${token} x`,
      'Bearer',
    ])
      expect(metricsTokenRefusal(token, header), header).toBe('invalid');
  });
});
