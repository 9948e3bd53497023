import { createReadStream, statSync } from 'node:fs';

import { parse } from 'csv-parse';

import type { FieldError } from '../../common/errors/problem.js';
import type { ReviewIngestionService } from '../review-ingestion.service.js';
import { type CsvLayout, detectLayout, mapRecord, type SupplierSeed } from './csv-review-mapping.js';

export interface ImportOptions {
  file: string;
  source?: string;
  batchSize: number;
  /** Batches stored at once while the next ones are parsed (default 3). */
  concurrency?: number;
  /** Called for suppliers seen in the file before their reviews are stored (--create-suppliers). */
  ensureSuppliers?: (seeds: SupplierSeed[]) => Promise<number>;
  onProgress?: (progress: { bytes: number; totalBytes: number; rows: number }) => void;
}

export interface ImportRejection {
  line: number;
  externalId: string | null;
  errors: FieldError[];
}

export interface ImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  updated: number;
  rejected: ImportRejection[];
  suppliersCreated: number;
  layout: CsvLayout | null;
}

/**
 * Streams a CSV file through the same validation and storage as POST /v1/reviews/batch, in
 * batches, with memory bounded by the batch size whatever the file's length.
 */
export async function importReviews(ingestion: ReviewIngestionService, options: ImportOptions): Promise<ImportSummary> {
  const totalBytes = statSync(options.file).size;
  const input = createReadStream(options.file);
  let bytes = 0;
  input.on('data', (chunk) => (bytes += chunk.length));
  const parser = input.pipe(
    parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, relax_quotes: true }),
  );
  const summary: ImportSummary = { rows: 0, accepted: 0, duplicates: 0, updated: 0, rejected: [], suppliersCreated: 0, layout: null };
  let layout: CsvLayout | null = null;
  let batch: Array<{ item: Record<string, unknown>; line: number }> = [];
  const seeds = new Map<string, SupplierSeed>();
  let previousEndLine = 1; // the header

  const concurrency = options.concurrency ?? 3;
  const inFlight = new Set<Promise<void>>();
  const store = async (items: typeof batch): Promise<void> => {
    const result = await ingestion.ingest(items.map((b) => b.item));
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.updated += result.updated;
    for (const r of result.rejected) summary.rejected.push({ line: items[r.index].line, externalId: r.externalId, errors: r.errors });
    options.onProgress?.({ bytes, totalBytes, rows: summary.rows });
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    // Suppliers first, so the batch that names them finds them.
    if (options.ensureSuppliers && seeds.size > 0) {
      summary.suppliersCreated += await options.ensureSuppliers([...seeds.values()]);
      seeds.clear();
    }
    const job = store(batch).finally(() => inFlight.delete(job));
    inFlight.add(job);
    batch = [];
    // Bounded memory: never more than `concurrency` batches held at once.
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    layout ??= summary.layout = detectLayout(Object.keys(record));
    const line = previousEndLine + 1;
    previousEndLine = info.lines;
    summary.rows++;
    const mapped = mapRecord(layout, record, line, options.source);
    if (mapped.supplier) seeds.set(mapped.supplier.externalRef, mapped.supplier);
    batch.push({ item: mapped.item, line });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
