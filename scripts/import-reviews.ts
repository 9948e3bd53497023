/**
 * Imports reviews from a CSV file through the same validation and storage as the API.
 *   npm run import-reviews -- <file.csv> [--source S] [--create-suppliers [--create-policy]]
 *                              [--category hotel] [--batch-size 2000] [--report import-report.csv]
 * --create-suppliers registers the file's suppliers (the Datafiniti layout's hotels) as applicants
 * of --category; --create-policy publishes the default policy for it when it has none.
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR like `npm start`.
 */
import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app.config.js';
import { connectDatabase } from '../src/database/connect.js';
import { PoliciesService } from '../src/policies/policies.service.js';
import { importReviews } from '../src/reviews/import/review-importer.js';
import { ReviewIngestionService } from '../src/reviews/review-ingestion.service.js';
import { SuppliersService } from '../src/suppliers/suppliers.service.js';

function usage(message: string): never {
  console.error(message);
  console.error(
    'usage: npm run import-reviews -- <file.csv> [--source S] [--create-suppliers [--create-policy]] [--category hotel] [--batch-size 2000] [--report file.csv]',
  );
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' },
    'create-suppliers': { type: 'boolean', default: false },
    'create-policy': { type: 'boolean', default: false },
    category: { type: 'string', default: 'hotel' },
    'batch-size': { type: 'string', default: '2000' },
    report: { type: 'string' },
  },
});
if (positionals.length !== 1) usage('Give exactly one CSV file.');
const file = resolve(positionals[0]);
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) usage('--batch-size must be an integer from 1 to 5000');
const reportPath = resolve(values.report ?? `import-report-${basename(file).replace(/\.[^.]*$/, '')}.csv`);

const config = loadConfig();
const quiet = () => undefined;
const database = await connectDatabase(config, quiet);
const app = await NestFactory.createApplicationContext(
  AppModule.forRoot({ databaseUrl: database.url, jwtSecret: 'importer-does-not-sign' }),
  {
    logger: ['error'],
  },
);
let exitCode = 0;
try {
  const suppliers = app.get(SuppliersService);
  if (values['create-policy']) {
    const policies = app.get(PoliciesService);
    if (!(await policies.findLatest(values.category!))) {
      await policies.publish(values.category!, {}, 'import-reviews');
      console.log(`Published the default policy for category ${values.category}`);
    }
  }
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const started = Date.now();
  const summary = await importReviews(app.get(ReviewIngestionService), {
    file,
    source: values.source,
    batchSize,
    ensureSuppliers: values['create-suppliers'] ? (seeds) => suppliers.createMissing(values.category!, seeds) : undefined,
    onProgress: ({ bytes, totalBytes, rows }) => {
      const now = Date.now();
      if (now - lastDraw < 200 && bytes < totalBytes) return;
      lastDraw = now;
      const share = totalBytes ? Math.min(1, bytes / totalBytes) : 1;
      const width = 30;
      const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
      const line = `[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows} rows  ${Math.round(rows / Math.max(0.001, (now - started) / 1000))} rows/s`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  const lines = ['line,externalId,field,message'];
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  for (const r of summary.rejected)
    for (const e of r.errors) lines.push([r.line, quote(r.externalId ?? ''), quote(e.field), quote(e.message)].join(','));
  writeFileSync(reportPath, lines.join('\n') + '\n');
  console.log(
    `${summary.rows} rows: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.updated} updated, ` +
      `${summary.rejected.length} rejected` +
      (values['create-suppliers'] ? `; ${summary.suppliersCreated} suppliers created (category ${values.category})` : ''),
  );
  if (summary.rejected.length > 0) {
    for (const r of summary.rejected.slice(0, 10))
      console.log(`  line ${r.line}: ${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    if (summary.rejected.length > 10) console.log(`  … and ${summary.rejected.length - 10} more`);
  }
  console.log(`Report: ${reportPath}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await app.close();
  await database.embedded?.stop();
}
process.exit(exitCode);
