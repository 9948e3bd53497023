import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { bearer, type TestApp } from './test-app.js';

export async function publishPolicy(t: TestApp, category: string, fields: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .put(`/v1/policies/${category}`)
    .set(bearer(t.token('admin')))
    .send(fields);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { category: string; version: number } & Record<string, unknown>;
}

export interface SupplierBody {
  id: string;
  externalRef: string;
  name: string;
  category: string;
  city: string | null;
  themes: string[];
  status: string;
  tier: string | null;
  probationEndsAt: string | null;
}

export async function createSupplier(t: TestApp, fields: Partial<SupplierBody> = {}): Promise<SupplierBody> {
  const res = await t
    .http()
    .post('/v1/suppliers')
    .set(bearer(t.token('admin')))
    .send({ externalRef: `ref-${randomUUID()}`, name: 'A supplier', category: 'hotel', ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as SupplierBody;
}

/** Sets a supplier's status directly in the database: a shortcut for tests of other features. */
export async function forceStatus(t: TestApp, id: string, status: string): Promise<void> {
  await t.db.query('UPDATE suppliers SET status = $2 WHERE id = $1', [id, status]);
}

/** Sends reviews through the batch endpoint as the integration does; every one must be stored. */
export async function sendReviews(t: TestApp, reviews: unknown[]): Promise<void> {
  const res = await t
    .http()
    .post('/v1/reviews/batch')
    .set(bearer(t.token('integration')))
    .send({ reviews });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.rejected).toEqual([]);
}

/** Starts a scoring run (`{asOf, category?}`) and waits for it to succeed; returns it as the API shows it. */
export async function runScoring(t: TestApp, body: { asOf: string; category?: string }) {
  const started = await t
    .http()
    .post('/v1/scoring-runs')
    .set(bearer(t.token('admin')))
    .send(body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const finished = await finishedRun(t, started.body.id as string);
  expect(finished.status, JSON.stringify(finished)).toBe('SUCCEEDED');
  return finished as { id: string; counts: { scored: number; decisions: Record<string, number> } };
}

/** Polls a scoring run until it is no longer RUNNING; returns it as the API shows it. */
export async function finishedRun(t: TestApp, id: string) {
  for (;;) {
    const res = await t
      .http()
      .get(`/v1/scoring-runs/${id}`)
      .set(bearer(t.token('admin')))
      .expect(200);
    if (res.body.status !== 'RUNNING') return res.body;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function expectProblem(res: { status: number; headers: Record<string, string>; body: unknown }, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as { status: number; title: string; detail: string; type: string };
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.type).toMatch(/^urn:supplier-governance:problem:/);
  return res.body as { status: number; detail: string; type: string; errors?: Array<{ field: string; message: string }> };
}

/** `count` reviews of a supplier (by externalRef), the first `positives` rated 5 and the rest `negativeRating`, spread evenly over [from, to). */
export function reviewSeries(ref: string, tag: string, count: number, positives: number, from: string, to: string, negativeRating = 2) {
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Date.parse(`${to}T00:00:00Z`) - start;
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${ref}-${tag}-${i}`,
    supplierRef: ref,
    rating: i < positives ? 5 : negativeRating,
    reviewedAt: new Date(start + Math.floor(((i + 0.5) * span) / count)).toISOString(),
  }));
}

/** Every item of a cursor-paged list at `path`, following `nextCursor` page by page (each page must answer 200). */
export async function allPages<T>(t: TestApp, path: string, query: string, token: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await t
      .http()
      .get(`${path}?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      .set(bearer(token));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return items;
}
