/**
 * Runs the fuzzer against a listening app: seeds a small world through the API, then for each
 * operation of the committed spec sends `runs` generated requests and judges every answer.
 * Shared by test/e2e/fuzz.test.ts (a fixed seed, within `npm test`) and scripts/fuzz.ts (longer).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import fc from 'fast-check';

import { signToken } from '../../../src/common/auth/jwt.js';
import { type FuzzResponse, judge } from './oracle.js';
import { type FuzzRequest, fuzzRequest, type TokenKind } from './requests.js';
import { loadSpec, type Operation, type Spec } from './spec.js';
import type { World } from './values.js';

export interface Target {
  port: number;
  jwtSecret: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Sends bytes exactly as given; resolves with whatever comes back. A kept-alive socket the server
 * closed at the moment it was reused is the one retry (Node's documented race); any other reset
 * is the server's doing and fails the run.
 */
export async function send(
  target: Target,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<FuzzResponse> {
  try {
    return await sendOnce(target, method, url, headers, body);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as { code?: string }).code === 'ECONNRESET') {
      return sendOnce(target, method, url, headers, body);
    }
    throw error;
  }
}

function sendOnce(target: Target, method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: target.port, method: method.toUpperCase(), path: url, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    if (body) req.setHeader('Content-Length', body.length);
    req.end(body);
  });
}

export function tokens(secret: string, world: World): Record<TokenKind, string | undefined> {
  const sign = (role: 'admin' | 'category_manager' | 'mystery_shopper' | 'integration' | 'supplier', extra = {}) =>
    signToken(secret, { sub: `fuzz-${role}`, role, ...extra });
  return {
    admin: sign('admin'),
    category_manager: sign('category_manager'),
    scoped_manager: sign('category_manager', { categories: ['hotel'] }),
    mystery_shopper: sign('mystery_shopper', { shopperId: world.ids.shoppers?.[0] ?? randomUUID() }),
    integration: sign('integration'),
    supplier: sign('supplier', { supplierId: world.ids.suppliers?.[0] ?? randomUUID() }),
    none: undefined,
    garbage: 'not.a.token',
    expired: signToken(secret, { sub: 'fuzz-expired', role: 'admin', expiresInSeconds: -60 }),
  };
}

async function json(target: Target, token: string, method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await send(target, method, url, headers, body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
  if (res.status >= 300) throw new Error(`seeding ${method} ${url}: ${res.status} ${res.text}`);
  return res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {};
}

/** A few of everything, made through the API, so generated ids and cursors point at rows. */
export async function seedWorld(target: Target): Promise<World> {
  const admin = signToken(target.jwtSecret, { sub: 'fuzz-seed', role: 'admin' });
  const call = (method: string, url: string, body?: unknown) => json(target, admin, method, url, body);
  await call('PUT', '/v1/policies/hotel', {});
  await call('PUT', '/v1/policies/flight', { admissionThreshold: 0.8, penaltyThreshold: 0.7, delistThreshold: 0.5 });
  const suppliers: string[] = [];
  for (let i = 0; i < 4; i++) {
    const s = await call('POST', '/v1/suppliers', {
      externalRef: `FZ-${i}`,
      name: `Fuzz hotel ${i}`,
      category: i < 3 ? 'hotel' : 'flight',
    });
    suppliers.push(s.id as string);
  }
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const reviews = Array.from({ length: 30 }, (_, i) => ({
    externalId: `fz-${i}`,
    supplierId: suppliers[i % 2],
    rating: i % 5 === 0 ? 2 : 5,
    reviewedAt: day(1 + i),
  }));
  await call('POST', '/v1/reviews/batch', { reviews });
  const reviewPage = await call('GET', `/v1/suppliers/${suppliers[0]}/reviews?limit=2`);
  const application = await call('POST', '/v1/admission-applications', { supplierId: suppliers[0] });
  const shopper = await call('POST', '/v1/shoppers', { displayName: 'Fuzz shopper', categories: ['hotel'], maxOpenAudits: 5 });
  const second = await call('POST', '/v1/admission-applications', { supplierId: suppliers[1] });
  await call('POST', `/v1/admission-applications/${String(second.id)}/override`, {
    outcome: 'ADMITTED',
    reason: 'Audits need an active supplier',
  });
  const audit = await call('POST', '/v1/audits', {
    supplierId: suppliers[1],
    shopperId: shopper.id,
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const webhook = await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', secret: 'fuzz-secret-0123456789' });
  const run = await call('POST', '/v1/scoring-runs', { category: 'hotel' });
  const supplierPage = await call('GET', '/v1/suppliers?limit=1');
  return {
    ids: {
      suppliers,
      reviews: (reviewPage.items as Array<{ id: string }>).map((r) => r.id),
      'admission-applications': [application.id as string],
      shoppers: [shopper.id as string],
      audits: [audit.id as string],
      webhooks: [webhook.id as string],
      'scoring-runs': [run.id as string],
    },
    categories: ['hotel', 'flight'],
    cursors: [reviewPage.nextCursor, supplierPage.nextCursor].filter((c): c is string => typeof c === 'string'),
  };
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Stop at the first failure without shrinking it (the suite's setting: quick and still exact to replay). */
  endOnFailure?: boolean;
  /** Counts answers by `status problem-type` (or `status`), for a picture of what the requests reached. */
  statuses?: Map<string, number>;
}

/** A seed per operation, from the run's seed and the operation's id: one operation replays alone. */
export function operationSeed(seed: number, operation: string): number {
  let h = seed | 0;
  for (const ch of operation) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

export function describeRequest(r: FuzzRequest): string {
  const body = r.bodyBytes ? ` body(${r.transport}, ${r.bodyBytes.length} B): ${JSON.stringify(r.body)?.slice(0, 400)}` : '';
  return `${r.method.toUpperCase()} ${r.url.slice(0, 300)} token=${r.token}${body} [contract: ${r.forbidden ?? 'allowed'}]`;
}

/** Fuzzes one operation; throws fast-check's report (seed, path, counterexample) on the first broken promise. */
export async function fuzzOperation(target: Target, spec: Spec, op: Operation, world: World, options: FuzzOptions): Promise<void> {
  const tokenOf = tokens(target.jwtSecret, world);
  const seed = operationSeed(options.seed, op.id);
  const property = fc.asyncProperty(fuzzRequest(spec, op, world), async (request) => {
    const headers = { ...request.headers };
    const token = tokenOf[request.token];
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await send(target, request.method, request.url, headers, request.bodyBytes);
    if (options.statuses) {
      const type = response.status >= 400 ? ` ${/"type":"urn:supplier-governance:problem:([^"]+)"/.exec(response.text)?.[1] ?? '?'}` : '';
      const key = `${response.status}${type}`;
      options.statuses.set(key, (options.statuses.get(key) ?? 0) + 1);
    }
    const broken = judge(spec, op, request, response);
    if (broken)
      throw new Error(`${broken}\n  request: ${describeRequest(request)}\n  answer: ${response.status} ${response.text.slice(0, 400)}`);
  });
  try {
    await fc.assert(property, { numRuns: options.runs, seed, endOnFailure: options.endOnFailure ?? false, verbose: 1 });
  } catch (error) {
    // The same seed makes the same requests; run alone, an operation meets the state the ones before it left.
    const replay = `replay: FUZZ_SEED=${options.seed} FUZZ_RUNS=${options.runs} npx vitest run test/e2e/fuzz.test.ts -t ${op.id}, or npm run fuzz -- --seed ${options.seed} --runs ${options.runs} --operation ${op.id}`;
    throw new Error(`${op.id} (run seed ${options.seed}): ${(error as Error).message}\n${replay}`, { cause: error });
  }
}

export { loadSpec };
