import { createReadStream, statSync } from 'node:fs';

import { parse } from 'csv-parse';

import type { FieldError } from '../../common/errors/problem.js';
import type { ComplaintIntakeService } from '../complaint-intake.service.js';
import { checkComplaintHeader, complaintFromRecord } from './csv-complaint-mapping.js';

export interface ComplaintImportOptions {
  file: string;
  source?: string;
  /** Complaints per batch, at most MAX_COMPLAINT_BATCH. */
  batchSize: number;
  actor: string;
  onProgress?: (progress: { bytes: number; totalBytes: number; rows: number }) => void;
}

export interface ComplaintImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: Array<{ line: number; externalId: string | null; errors: FieldError[] }>;
}

/**
 * Streams a CSV file through the same validation and storage as POST /v1/complaints/batch, one
 * batch at a time (memory bounded by the batch size), each rejected row reported with its line.
 */
export async function importComplaints(intake: ComplaintIntakeService, options: ComplaintImportOptions): Promise<ComplaintImportSummary> {
  const totalBytes = statSync(options.file).size;
  const input = createReadStream(options.file);
  let bytes = 0;
  input.on('data', (chunk) => (bytes += chunk.length));
  const parser = input.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  const summary: ComplaintImportSummary = { rows: 0, accepted: 0, duplicates: 0, rejected: [] };
  let batch: Array<{ item: Record<string, unknown>; line: number }> = [];
  let checked = false;
  let previousEndLine = 1; // the header

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const result = await intake.ingest(
      batch.map((b) => b.item),
      options.actor,
    );
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    for (const r of result.rejected) summary.rejected.push({ line: batch[r.index].line, externalId: r.externalId, errors: r.errors });
    batch = [];
    options.onProgress?.({ bytes, totalBytes, rows: summary.rows });
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checked) {
      checkComplaintHeader(Object.keys(record));
      checked = true;
    }
    const line = previousEndLine + 1;
    previousEndLine = info.lines;
    summary.rows++;
    batch.push({ item: complaintFromRecord(record, options.source), line });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
