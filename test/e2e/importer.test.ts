import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importReviews } from '../../src/reviews/import/review-importer.js';
import { ReviewIngestionService } from '../../src/reviews/review-ingestion.service.js';
import { SuppliersService } from '../../src/suppliers/suppliers.service.js';
import { publishPolicy } from '../support/fixtures.js';
import { ROOT } from '../support/process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SAMPLE = fileURLToPath(new URL('../../../shared/data/hotel-reviews-sample.csv', import.meta.url));

/** What the sample should give, worked out from the file by the rules of the data README. */
function expectations() {
  if (!existsSync(SAMPLE)) throw new Error(`The shared sample is missing at ${SAMPLE}: shared/ must sit beside the repository`);
  const rows = parse(readFileSync(SAMPLE), { columns: true, bom: true, relax_column_count: true, relax_quotes: true }) as Array<
    Record<string, string>
  >;
  const good = rows.filter((r) => /^[1-5]$/.test(r['reviews.rating'].trim()) && r['reviews.date'].trim() !== '');
  const hotels = new Set(rows.map((r) => `${r.name}|${r.address}|${r.city}`));
  const reviewedHotels = new Set(good.map((r) => `${r.name}|${r.address}|${r.city}`));
  return { rows: rows.length, good: good.length, hotels: hotels.size, reviewedHotels: reviewedHotels.size };
}

describe('importing reviews from a CSV file', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the shared hotel sample: hotels created, dirty rows rejected one by one with their line', async () => {
    await publishPolicy(t, 'hotel');
    const expected = expectations();
    expect(expected.rows).toBe(1427);
    expect(expected.hotels).toBe(37);
    const suppliers = t.app.get(SuppliersService);
    const summary = await importReviews(t.app.get(ReviewIngestionService), {
      file: SAMPLE,
      batchSize: 500,
      ensureSuppliers: (seeds) => suppliers.createMissing('hotel', seeds),
    });
    expect(summary).toMatchObject({
      layout: 'datafiniti',
      rows: expected.rows,
      accepted: expected.good,
      duplicates: 0,
      updated: 0,
      suppliersCreated: 37,
    });
    expect(summary.rejected).toHaveLength(expected.rows - expected.good);
    expect(summary.rejected.length).toBeGreaterThanOrEqual(15);
    for (const r of summary.rejected) {
      expect(r.line).toBeGreaterThan(1);
      expect(r.errors.every((e) => e.field === 'rating' || e.field === 'reviewedAt')).toBe(true);
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS reviews, count(DISTINCT supplier_id)::int AS hotels FROM reviews`);
    expect(rows[0]).toEqual({ reviews: expected.good, hotels: expected.reviewedHotels });
    const suppliersRow = await t.db.query(`SELECT count(*)::int AS n FROM suppliers WHERE category = 'hotel' AND status = 'APPLICANT'`);
    expect(suppliersRow.rows[0].n).toBe(37);

    const again = await importReviews(t.app.get(ReviewIngestionService), {
      file: SAMPLE,
      batchSize: 1000,
      ensureSuppliers: (seeds) => suppliers.createMissing('hotel', seeds),
    });
    expect(again).toMatchObject({ accepted: 0, duplicates: expected.good, suppliersCreated: 0 });
  });

  it('the npm command imports a plain-layout file and writes the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-import-'));
    const csv = join(dir, 'plain.csv');
    writeFileSync(
      csv,
      [
        'externalId,supplierRef,rating,reviewedAt,title,text',
        'p-1,PLAIN-1,5,2026-01-01T10:00:00Z,Great,"Multi-line,\nquoted text"',
        'p-2,PLAIN-1,0,2026-01-02T10:00:00Z,Bad rating,',
        'p-3,PLAIN-404,4,2026-01-03T10:00:00Z,,',
      ].join('\n'),
    );
    return (async () => {
      await t.db.query(`INSERT INTO suppliers (external_ref, name, category) VALUES ('PLAIN-1', 'Plain', 'hotel')`);
      const report = join(dir, 'report.csv');
      const run = spawnSync(process.execPath, ['dist/scripts/import-reviews.js', csv, '--source', 'plain-test', '--report', report], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.database.url },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('3 rows: 1 accepted, 0 duplicates, 0 updated, 2 rejected');
      expect(readFileSync(report, 'utf8').trim().split('\n')).toEqual([
        'line,externalId,field,message',
        '4,"p-2","rating","must be an integer from 1 to 5"',
        '5,"p-3","supplierRef","no supplier has this externalRef"',
      ]);
      const { rows } = await t.db.query(`SELECT source, body FROM reviews WHERE external_id = 'p-1'`);
      expect(rows).toEqual([{ source: 'plain-test', body: 'Multi-line,\nquoted text' }]);
    })();
  });

  it('an unknown layout is refused with a message naming the expected columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-import-'));
    const csv = join(dir, 'odd.csv');
    writeFileSync(csv, 'a,b,c\n1,2,3\n');
    const run = spawnSync(process.execPath, ['dist/scripts/import-reviews.js', csv], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Unrecognised CSV header');
  });
});
