import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, forceStatus, publishPolicy } from '../support/fixtures.js';
import { compensate, insertComplaint } from '../support/ledger-fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * CSV exports (issue 19): `Accept: text/csv` on the complaints list and a supplier's ledger gives
 * the whole list, every row parsing back (csv-parse) to the JSON item; refusals stay problem+json;
 * and an export of 100,000 suppliers streams in bounded memory.
 */

/** Streams one CSV download through csv-parse, counting records: prints status, rows, bytes and the last record. */
const CLIENT = `
import { get } from 'node:http';
import { parse } from 'csv-parse';
get(process.env.URL, { headers: { Authorization: 'Bearer ' + process.env.TOKEN, Accept: 'text/csv' } }, (res) => {
  let rows = 0, bytes = 0, last = [];
  res.on('data', (chunk) => (bytes += chunk.length));
  res.pipe(parse()).on('data', (record) => { rows++; last = record; })
    .on('end', () => console.log(JSON.stringify({ status: res.statusCode, rows, bytes, last })))
    .on('error', (error) => { console.error(error); process.exit(1); });
});`;

const cell = (v: unknown): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

async function allPages(t: TestApp, path: string, token: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const res = await t
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      .set(bearer(token));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...(res.body.items as Array<Record<string, unknown>>));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

function expectSameRows(csv: string, json: Array<Record<string, unknown>>): void {
  const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
  expect(rows).toHaveLength(json.length);
  rows.forEach((row, i) => {
    expect(Object.keys(row)).toEqual(Object.keys(json[i]));
    for (const key of Object.keys(row)) expect(row[key], `${i} ${key}`).toBe(cell(json[i][key]));
  });
}

describe('CSV exports', () => {
  let t: TestApp;
  let admin: string;
  let supplierId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    const supplier = await createSupplier(t, { name: 'Hotel "Quoted", with commas\nand a line' });
    supplierId = supplier.id;
    await forceStatus(t, supplierId, 'ACTIVE');
    for (let i = 0; i < 5; i++) {
      const complaintId = await insertComplaint(t, supplierId, { fault: i % 2 === 0 ? 'SUPPLIER' : undefined });
      await compensate(t, { complaintId, supplierId, amount: 10 + i, chargeable: i % 2 === 0 });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the complaints list: every complaint, as the JSON pages show them', async () => {
    const json = await allPages(t, '/v1/complaints?category=hotel', admin);
    expect(json).toHaveLength(5);
    const res = await t.http().get('/v1/complaints?category=hotel&limit=1').set(bearer(admin)).set('Accept', 'text/csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="complaints.csv"');
    expectSameRows(res.text, json);
  });

  it("a supplier's ledger: every entry, newest first, and names with quotes, commas and line breaks survive", async () => {
    const json = await allPages(t, `/v1/suppliers/${supplierId}/ledger`, admin);
    expect(json.length).toBeGreaterThanOrEqual(8);
    const res = await t.http().get(`/v1/suppliers/${supplierId}/ledger`).set(bearer(admin)).set('Accept', 'text/csv').buffer(true);
    expect(res.status).toBe(200);
    expectSameRows(res.text, json);
    const suppliers = await t.http().get('/v1/suppliers').set(bearer(admin)).set('Accept', 'text/csv').buffer(true);
    const [row] = parse(suppliers.text, { columns: true }) as Array<Record<string, string>>;
    expect(row.name).toBe('Hotel "Quoted", with commas\nand a line');
  });

  it('refuses as the JSON does: another category, a shopper, a supplier, a bad cursor', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    const csv = (path: string, token: string) => t.http().get(path).set(bearer(token)).set('Accept', 'text/csv');
    expectProblem(await csv(`/v1/suppliers/${supplierId}/ledger`, tourManager), 403);
    expectProblem(await csv('/v1/complaints?category=hotel', tourManager), 403);
    expectProblem(await csv('/v1/decisions?category=hotel', tourManager), 403);
    for (const token of [
      t.token('mystery_shopper', { shopperId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f71' }),
      t.token('supplier', { supplierId }),
    ]) {
      expectProblem(await csv('/v1/complaints', token), 403);
      expectProblem(await csv(`/v1/suppliers/${supplierId}/ledger`, token), 403);
    }
    expectProblem(await csv(`/v1/suppliers/${supplierId}/ledger?cursor=bm90LWEtY3Vyc29y`, admin), 400);
    expectProblem(await csv('/v1/complaints?cursor=bm90LWEtY3Vyc29y', admin), 400);
    // A tour manager's complaint export holds no hotel complaint.
    const own = await csv('/v1/complaints', tourManager).buffer(true);
    expect(own.status).toBe(200);
    expect(parse(own.text, { columns: true })).toEqual([]);
  });

  it('exports 100,000 suppliers whole, streamed, the server growing by less than 64 MiB', async () => {
    await t.db.query(
      `INSERT INTO suppliers (external_ref, name, category, city, themes, status, tier)
       SELECT 'BULK-' || g, 'Bulk supplier number ' || g || ', "quoted"', 'hotel', 'City ' || (g % 500), ARRAY['beach', 'family'], 'ACTIVE', 'GOOD'
         FROM generate_series(1, 100000) g`,
    );
    await t.db.query('ANALYZE suppliers');
    const started = Date.now();
    const server = t.app.getHttpServer() as import('node:http').Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Garbage is not growth: each sample follows a full collection, so it measures what is held.
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    let samples = 0;
    const sampler = setInterval(() => {
      gc();
      const m = process.memoryUsage();
      samples++;
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 100);
    // The client is another process, so that what it parses is not counted in the server's heap.
    let output: string;
    try {
      output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT], {
          env: { ...process.env, URL: `http://127.0.0.1:${port}/v1/suppliers?category=hotel`, TOKEN: admin },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`client exited ${code}: ${out}`))));
      });
    } finally {
      clearInterval(sampler);
    }
    const { status, rows, bytes, last } = JSON.parse(output) as { status: number; rows: number; bytes: number; last: string[] };
    expect(status).toBe(200);
    expect(samples).toBeGreaterThan(10);
    // The header, the test's own supplier and the 100,000.
    expect(rows).toBe(1 + 1 + 100_000);
    expect(last[1]).toBe('BULK-100000');
    expect(bytes).toBeGreaterThan(15 * 1024 * 1024);
    const MiB = 1024 * 1024;
    // Held whole, the rows would take more than the 18 MiB of text they make, and several times that
    // as JS objects (the JSON items); one page of 1,000 takes well under 2 MiB. 64 MiB leaves room for
    // the garbage collector's slack without admitting a whole-list buffer.
    expect((peakHeap - base.heapUsed) / MiB, `heap grew ${((peakHeap - base.heapUsed) / MiB).toFixed(1)} MiB`).toBeLessThan(64);
    expect((peakRss - base.rss) / MiB, `RSS grew ${((peakRss - base.rss) / MiB).toFixed(1)} MiB`).toBeLessThan(64);
    console.log(
      `${Date.now() - started} ms: CSV of ${rows - 1} suppliers, ${(bytes / MiB).toFixed(1)} MiB: heap +${((peakHeap - base.heapUsed) / MiB).toFixed(1)} MiB, RSS +${((peakRss - base.rss) / MiB).toFixed(1)} MiB`,
    );
  }, 180_000);
});
