import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsTokenRefusal = 'required' | 'invalid';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a scrape's Authorization header lets it read the metrics: anything does when no token
 * is configured; else it must be `Bearer <token>` exactly. The comparison takes the same time
 * whatever the header holds (both sides hashed to equal lengths, then compared in constant time).
 */
export function metricsTokenRefusal(expected: string | undefined, authorization: string | undefined): MetricsTokenRefusal | null {
  if (expected === undefined) return null;
  if (authorization === undefined || authorization === '') return 'required';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const presented = match ? match[1] : '';
  // Compared even when the header is malformed, so its shape does not change the timing.
  const equal = timingSafeEqual(digest(presented), digest(expected));
  return match && equal ? null : 'invalid';
}
