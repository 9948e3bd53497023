import 'reflect-metadata';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import pg from 'pg';
import request from 'supertest';
import { expect, inject } from 'vitest';

import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { signToken, type TokenOptions } from '../../src/common/auth/jwt.js';
import type { Role } from '../../src/common/auth/principal.js';
import { type JobsOptions, NO_JOBS } from '../../src/config/jobs.options.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { OpenApiContract } from './openapi-contract.js';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: pg.Pool;
  database: TestDatabase;
  token(role: Role, extra?: Partial<TokenOptions>): string;
  /** Responses so far that the committed spec does not describe; close() fails the file on any. */
  contractViolations: string[];
  close(): Promise<void>;
}

let contract: OpenApiContract | undefined;

/**
 * Records every response the app sends (status, content type, body bytes) and checks it against
 * openapi/openapi.json, so each e2e test also tests that the spec tells the truth.
 */
function checkResponsesAgainstSpec(violations: string[]) {
  contract ??= new OpenApiContract();
  const spec = contract;
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
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
    });
    next();
  };
}

/** A real app on its own fresh, migrated database; the same setup as production. */
export async function startTestApp(options: { jobs?: Partial<JobsOptions> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: database.url,
      jwtSecret: TEST_JWT_SECRET,
      poolSize: 5,
      jobs: options.jobs ? { ...NO_JOBS, ...options.jobs } : NO_JOBS,
    }),
    { bodyParser: false, logger: ['error'] },
  );
  const contractViolations: string[] = [];
  app.use(checkResponsesAgainstSpec(contractViolations));
  configureApp(app);
  await app.init();
  const db = new pg.Pool({ connectionString: database.url, max: 3 });
  // An idle connection cut when the database is dropped at teardown is not a test failure.
  db.on('error', () => undefined);
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    db,
    database,
    token: (role, extra = {}) => signToken(TEST_JWT_SECRET, { sub: `test-${role}`, role, ...extra }),
    contractViolations,
    close: async () => {
      await app.close();
      await db.end();
      await database.drop();
      if (contractViolations.length > 0) {
        throw new Error(
          `${contractViolations.length} responses differ from openapi/openapi.json:\n${[...new Set(contractViolations)].join('\n')}`,
        );
      }
    },
  };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
