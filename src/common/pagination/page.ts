import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { QueryInteger } from '../http/validators.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: DEFAULT_LIMIT })
  @IsOptional()
  @QueryInteger(1, MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'azoxMjM0' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset positions are bigint sequence numbers: a cursor beyond one names no row. */
const INT64_MAX = 9223372036854775807n;

/** Cursors are opaque to clients: a keyset position (a sequence number) in base64url. */
export function encodeCursor(position: string | number | bigint): string {
  return Buffer.from(`k:${String(position)}`, 'utf8').toString('base64url');
}

export function invalidCursor(): CommonException {
  return new CommonException(CommonExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
    { field: 'cursor', message: 'is not a cursor this API issued: pass nextCursor as it came, or omit it for the first page' },
  ]);
}

/**
 * The position a cursor names. A cursor is accepted only in the exact form `encodeCursor`
 * writes (base64url decoding alone skips stray characters), naming a position in range.
 */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const m = /^k:(0|[1-9]\d{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || BigInt(m[1]) > INT64_MAX || encodeCursor(m[1]) !== cursor) throw invalidCursor();
  return m[1];
}

/** Given rows fetched with limit + 1, the page and the cursor to the next one. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => string | number,
  map: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(positionOf(pageRows[pageRows.length - 1])) : null,
  };
}
