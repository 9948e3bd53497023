/**
 * Imports complaints from a CSV file through the same validation and storage as the API
 * (POST /v1/complaints/batch).
 *   npm run import-complaints -- <file.csv> [--source S] [--batch-size 1000] [--report file.csv]
 * Columns (API field names): source, externalId, supplierId | supplierRef, orderRef, openedAt,
 * complaintCategory, severity, description, claimedAmount, claimedCurrency.
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR like `npm start`.
 */
import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { ComplaintIntakeService } from '../src/complaints/complaint-intake.service.js';
import { MAX_COMPLAINT_BATCH } from '../src/complaints/domain/complaint-item.js';
import { importComplaints } from '../src/complaints/import/complaint-importer.js';
import { loadConfig } from '../src/config/app.config.js';
import { connectDatabase } from '../src/database/connect.js';

function usage(message: string): never {
  console.error(message);
  console.error('usage: npm run import-complaints -- <file.csv> [--source S] [--batch-size 1000] [--report file.csv]');
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' },
    'batch-size': { type: 'string', default: String(MAX_COMPLAINT_BATCH) },
    report: { type: 'string' },
  },
});
if (positionals.length !== 1) usage('Give exactly one CSV file.');
const file = resolve(positionals[0]);
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_COMPLAINT_BATCH) {
  usage(`--batch-size must be an integer from 1 to ${MAX_COMPLAINT_BATCH}`);
}
const reportPath = resolve(values.report ?? `import-report-${basename(file).replace(/\.[^.]*$/, '')}.csv`);

const config = loadConfig();
const database = await connectDatabase(config, () => undefined);
const app = await NestFactory.createApplicationContext(
  AppModule.forRoot({ databaseUrl: database.url, jwtSecret: 'importer-does-not-sign' }),
  {
    logger: ['error'],
  },
);
let exitCode = 0;
try {
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const started = Date.now();
  const summary = await importComplaints(app.get(ComplaintIntakeService), {
    file,
    source: values.source,
    batchSize,
    actor: 'import-complaints',
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
  console.log(`${summary.rows} rows: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected.length} rejected`);
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
