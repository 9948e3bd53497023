import 'reflect-metadata';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { inject } from 'vitest';

import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { signToken, type TokenOptions } from '../../src/common/auth/jwt.js';
import type { Role } from '../../src/common/auth/principal.js';
import { type JobsOptions, NO_JOBS } from '../../src/config/jobs.options.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  db: pg.Pool;
  database: TestDatabase;
  token(role: Role, extra?: Partial<TokenOptions>): string;
  close(): Promise<void>;
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
    close: async () => {
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
