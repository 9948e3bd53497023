import 'reflect-metadata';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import pg from 'pg';
import { type DestinationStream, pino, type StreamEntry } from 'pino';
import request from 'supertest';
import { expect, inject } from 'vitest';

import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { signToken, type TokenOptions } from '../../src/common/auth/jwt.js';
import type { Role } from '../../src/common/auth/principal.js';
import { ServiceExpressAdapter } from '../../src/common/http/service-express.adapter.js';
import type { RateLimitOptions } from '../../src/common/limits/request-budget.js';
import { createAppLogger } from '../../src/common/logging/logger.js';
import { PinoNestLogger } from '../../src/common/logging/nest-logger.js';
import { type AmqpOptions, NO_AMQP } from '../../src/config/amqp.options.js';
import { type JobsOptions, NO_JOBS } from '../../src/config/jobs.options.js';
import type { MetricsOptions } from '../../src/config/metrics.options.js';
import { NO_TAGGER, type TaggerOptions } from '../../src/config/tagger.options.js';
import { systemResolver, type WebhookOptions } from '../../src/config/webhook.options.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { OpenApiContract } from './openapi-contract.js';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: pg.Pool;
  database: TestDatabase;
  token(role: Role, extra?: Partial<TokenOptions>): string;
  /** `http://127.0.0.1:<port>` when started with `listen: true` (for a real browser), else undefined. */
  baseUrl: string | undefined;
  /** Responses so far that the committed spec does not describe; close() fails the file on any. */
  contractViolations: string[];
  close(): Promise<void>;
}

let contract: OpenApiContract | undefined;

/** The role a bearer token claims (read, not verified: the app verifies it). */
function roleOf(authorization: string | undefined): unknown {
  try {
    return (JSON.parse(Buffer.from((authorization ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as { role?: unknown }).role;
  } catch {
    return undefined;
  }
}

/**
 * Records every response the app sends (status, content type, body bytes) and checks it against
 * openapi/openapi.json, so each e2e test also tests that the spec tells the truth.
 */
function checkResponsesAgainstSpec(violations: string[], people: Set<string>) {
  contract ??= new OpenApiContract();
  const spec = contract;
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      // A CSV export streams a whole list; the spec checks its media type only, so it is not kept.
      if (String(res.getHeader('content-type') ?? '').startsWith('text/csv')) return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as Response['end'];
    const test = expect.getState().currentTestName ?? '(outside a test)';
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      const found = spec.violations({
        method: req.method,
        path,
        status: res.statusCode,
        contentType: res.getHeader('content-type') as string | undefined,
        body: Buffer.concat(chunks),
      });
      for (const v of found) violations.push(`${req.method} ${path} in "${test}": ${v}`);
      // What a supplier reads never names a person who is not the supplier, nor a shopper
      // (PRODUCT.md, the supplier's own view): checked over every response to a supplier token.
      if (roleOf(req.headers.authorization) === 'supplier') {
        const text = Buffer.concat(chunks).toString('utf8');
        for (const name of people) if (text.includes(name)) violations.push(`${req.method} ${path} in "${test}": names ${name}`);
        if (res.statusCode < 400 && /"shopper\w*"\s*:/i.test(text))
          violations.push(`${req.method} ${path} in "${test}": names a shopper field`);
      }
    });
    next();
  };
}

/** The address the test resolver gives `*.example.com` (example.com's public address): tests make no DNS queries for them. */
export const EXAMPLE_PUBLIC_ADDRESS = '93.184.215.14';

/**
 * Webhooks in tests: deliveries go to local http servers (insecure and private allowed), a fixed
 * key, and `*.example.com` resolved without the network (the machine has no outside DNS). Tests of
 * the address rules pass their own.
 */
export const TEST_WEBHOOKS: WebhookOptions = {
  allowInsecure: true,
  allowPrivate: true,
  secretsKey: Buffer.alloc(32, 7),
  resolve: async (hostname) =>
    hostname === 'example.com' || hostname.endsWith('.example.com') ? [EXAMPLE_PUBLIC_ADDRESS] : systemResolver(hostname),
};

/**
 * Budgets in tests: counted on every request, as in production, but too high for a suite to reach;
 * tests of the limits pass their own (test/e2e/limits.test.ts).
 */
export const TEST_LIMITS: RateLimitOptions = { enabled: true, perMinute: 1_000_000, failedAuthPerMinute: 1_000_000 };

export interface TestAppOptions {
  jobs?: Partial<JobsOptions>;
  webhooks?: Partial<WebhookOptions>;
  tagger?: Partial<TaggerOptions>;
  limits?: Partial<RateLimitOptions>;
  metrics?: MetricsOptions;
  amqp?: Partial<AmqpOptions>;
  listen?: boolean;
  /** Where this app's log lines (JSON, level info and up) also go, besides TEST_LOG_FILE. */
  logs?: DestinationStream;
  /** A file this app's log lines are appended to (as TEST_LOG_FILE does for every app). */
  logFile?: string;
}

/**
 * The app's logger: errors to stderr as ever; with `logs`, `logFile` or the environment's
 * TEST_LOG_FILE (every test app of the run appends its lines there), everything from info up.
 */
function testLogger(options: TestAppOptions) {
  const streams: StreamEntry[] = [{ level: 'error', stream: process.stderr }];
  const files = [options.logFile, process.env.TEST_LOG_FILE].filter((f): f is string => Boolean(f));
  for (const file of files)
    streams.push({ level: 'info', stream: pino.destination({ dest: file, append: true, mkdir: true, sync: true }) });
  if (options.logs) streams.push({ level: 'info', stream: options.logs });
  return createAppLogger({ level: streams.length > 1 ? 'log' : 'error', destination: pino.multistream(streams) });
}

/** A real app on its own fresh, migrated database; the same setup as production. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
  const logger = testLogger(options);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: database.url,
      jwtSecret: TEST_JWT_SECRET,
      poolSize: 5,
      jobs: options.jobs ? { ...NO_JOBS, ...options.jobs } : NO_JOBS,
      webhooks: { ...TEST_WEBHOOKS, ...options.webhooks },
      tagger: { ...NO_TAGGER, ...options.tagger },
      limits: { ...TEST_LIMITS, ...options.limits },
      metrics: options.metrics,
      amqp: { ...NO_AMQP, ...options.amqp },
    }),
    new ServiceExpressAdapter(),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  const contractViolations: string[] = [];
  /** Every name and shopper id a token of this app was issued for, except suppliers'. */
  const people = new Set<string>();
  app.use(checkResponsesAgainstSpec(contractViolations, people));
  configureApp(app, { logger });
  await app.init();
  let baseUrl: string | undefined;
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }
  const db = new pg.Pool({ connectionString: database.url, max: 3 });
  // An idle connection cut when the database is dropped at teardown is not a test failure.
  db.on('error', () => undefined);
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    db,
    database,
    token: (role, extra = {}) => {
      const options = { sub: `test-${role}`, role, ...extra };
      if (role !== 'supplier') people.add(options.sub);
      if (options.shopperId) people.add(options.shopperId);
      return signToken(TEST_JWT_SECRET, options);
    },
    baseUrl,
    contractViolations,
    close: async () => {
      await app.close();
      await db.end();
      await database.drop();
      if (contractViolations.length > 0) {
        throw new Error(
          `${contractViolations.length} responses differ from openapi/openapi.json or name someone to a supplier:\n${[...new Set(contractViolations)].join('\n')}`,
        );
      }
    },
  };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
