import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ComplaintIntakeService } from '../../src/complaints/complaint-intake.service.js';
import { importComplaints } from '../../src/complaints/import/complaint-importer.js';
import { createSupplier, publishPolicy } from '../support/fixtures.js';
import { ROOT } from '../support/process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/complaints-sample.csv', import.meta.url));

describe('importing complaints from a CSV file', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    await createSupplier(t, { externalRef: 'IMP-1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the npm command imports the sample through the batch intake, rejecting rows one by one with their line, and writes the report', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'sg-complaints-')), 'report.csv');
    const run = spawnSync(process.execPath, ['dist/scripts/import-complaints.js', SAMPLE, '--report', report], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[#+\]\s+100%\s+7 rows/);
    expect(run.stdout).toContain('7 rows: 2 accepted, 0 duplicates, 5 rejected');
    expect(readFileSync(report, 'utf8').trim().split('\n')).toEqual([
      'line,externalId,field,message',
      `5,"SD-CSV-3","complaintCategory","must be one of NOT_AS_DESCRIBED, SERVICE_NOT_PROVIDED, CLEANLINESS, STAFF_CONDUCT, SAFETY, OVERBOOKED, SUPPLIER_CHANGE, BILLING, FORCE_MAJEURE, PLATFORM_ERROR, CUSTOMER_CHANGE, OTHER"`,
      '6,"SD-CSV-4","supplierRef","no supplier has this externalRef"',
      '7,"SD-CSV-5","claimedAmount.amount","must have at most 2 decimal places in this currency"',
      '8,"SD-CSV-1","externalId","repeats item 0 of this batch"',
      '9,"SD-CSV-6","openedAt","must not be in the future"',
    ]);
    const { rows } = await t.db.query(
      `SELECT external_id, source, severity, description, claimed_minor, claimed_currency, respond_by FROM complaints ORDER BY external_id`,
    );
    expect(rows).toEqual([
      {
        external_id: 'SD-CSV-1',
        source: 'service-desk',
        severity: 'HIGH',
        description: 'Room not cleaned, towels missing',
        claimed_minor: '12050',
        claimed_currency: 'CNY',
        respond_by: new Date('2026-11-21T08:00:00Z'),
      },
      {
        external_id: 'SD-CSV-2',
        source: 'service-desk',
        severity: 'MEDIUM',
        description: 'Rude front desk.\nAsked twice for help.',
        claimed_minor: null,
        claimed_currency: null,
        respond_by: new Date('2026-11-21T09:30:00Z'),
      },
    ]);
  });

  it('a second import of the same file stores nothing new: the stored rows are duplicates', async () => {
    const summary = await importComplaints(t.app.get(ComplaintIntakeService), { file: SAMPLE, batchSize: 3, actor: 'test' });
    expect(summary).toMatchObject({ rows: 7, accepted: 0, duplicates: 3 });
    // In batches of 3 the repeated SD-CSV-1 (line 8) falls in another batch than line 2: a duplicate, not a repeat.
    expect(summary.rejected.map((r) => r.line)).toEqual([5, 6, 7, 9]);
  });

  it('an unknown layout is refused with a message naming the expected columns', () => {
    const odd = join(mkdtempSync(join(tmpdir(), 'sg-complaints-')), 'odd.csv');
    writeFileSync(odd, 'externalId,rating\nx,5\n');
    const run = spawnSync(process.execPath, ['dist/scripts/import-complaints.js', odd], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Unrecognised CSV header');
    expect(run.stderr).toContain('missing: orderRef, openedAt, complaintCategory, description, supplierRef|supplierId');
  });
});
