import { Readable } from 'node:stream';

import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Request } from 'express';

export const CSV_MEDIA_TYPE = 'text/csv';

/** Rows fetched per keyset page while a CSV export streams: memory holds one page at a time. */
export const CSV_PAGE_SIZE = 1000;

/** Whether the client asked for CSV (`Accept: text/csv` preferred to JSON); JSON otherwise, as before. */
export function wantsCsv(request: Request): boolean {
  return request.accepts(['application/json', CSV_MEDIA_TYPE]) === CSV_MEDIA_TYPE;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** One column per field of a response item, named as in the JSON (objects and lists as JSON text). */
export function fieldColumns<T>(fields: ReadonlyArray<keyof T & string>): Array<CsvColumn<T>> {
  return fields.map((field) => ({ header: field, value: (row: T) => row[field] }));
}

/** A cell as text: empty for null, JSON for objects and lists, ISO-8601 for instants. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}

/**
 * Pages of a keyset walk, one after another: `page(cursor)` answers one page and the cursor to the
 * next (null at the end), and the next is fetched only when the consumer wants more rows.
 */
export async function* keysetPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await page(cursor);
    if (items.length > 0) yield items;
    if (nextCursor === null) return;
    cursor = nextCursor;
  }
}

/** The CSV text of each page in turn, the header row first: one page of text in memory at a time. */
async function* csvText<T>(pages: AsyncIterable<T[]>, columns: ReadonlyArray<CsvColumn<T>>): AsyncGenerator<string> {
  const options = { record_delimiter: 'windows' as const };
  yield stringify([columns.map((c) => c.header)], options);
  for await (const rows of pages)
    yield stringify(
      rows.map((row) => columns.map((c) => cell(c.value(row)))),
      options,
    );
}

/**
 * A CSV download (RFC 4180 quoting by csv-stringify, a header row, CRLF line ends) streamed from
 * pages that are read only as the client takes the bytes: backpressure reaches the database, so a
 * whole list of any length costs about one page of memory.
 */
export function csvFile<T>(name: string, columns: ReadonlyArray<CsvColumn<T>>, pages: AsyncIterable<T[]>): StreamableFile {
  return new StreamableFile(Readable.from(csvText(pages, columns), { objectMode: false }), {
    type: `${CSV_MEDIA_TYPE}; charset=utf-8`,
    disposition: `attachment; filename="${name}.csv"`,
  });
}

/**
 * The 200 of a list that also answers CSV: the JSON page as `type`, and `text/csv` (a header row,
 * then every row of the list) with an example of its first lines.
 */
export function ApiJsonOrCsvResponse(type: Type, csvExample: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: `JSON by default; with \`Accept: ${CSV_MEDIA_TYPE}\` the whole list (from \`cursor\` when given; \`limit\` does not apply) as one CSV download, streamed`,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        [CSV_MEDIA_TYPE]: { schema: { type: 'string', example: csvExample } },
      },
    }),
  );
}
