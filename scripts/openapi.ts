/**
 * Writes openapi/openapi.json from the code, without a database (Nest's preview mode builds the
 * module graph without connecting). A test fails when the committed file differs from what the
 * running app serves at /docs-json.
 */
import 'reflect-metadata';

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { buildOpenApiDocument } from '../src/app.setup.js';
import { serializeOpenApi } from '../src/openapi.js';

const target = resolve(process.argv[2] ?? 'openapi/openapi.json');
const app = await NestFactory.create(
  AppModule.forRoot({ databaseUrl: 'postgres://preview@127.0.0.1:1/preview', jwtSecret: 'preview-only-secret' }),
  { preview: true, logger: false, abortOnError: false },
);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, serializeOpenApi(buildOpenApiDocument(app)));
console.log(`Wrote ${target}`);
await app.close();
