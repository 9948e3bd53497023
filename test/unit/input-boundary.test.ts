import { describe, expect, it } from 'vitest';

import { CommonException } from '../../src/common/errors/common.exception.js';
import { nullVerdict } from '../../src/common/http/input-contract.guard.js';
import { checkMediaType, contentCoding } from '../../src/common/http/json-body.middleware.js';
import { inspectJson, MAX_DEPTH } from '../../src/common/http/json-inspection.js';
import { queryStringDefects } from '../../src/common/http/query-string.middleware.js';
import { decodeCursor, encodeCursor } from '../../src/common/pagination/page.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof CommonException ? error.code : 'not a CommonException';
  }
  return undefined;
}

describe('media type and content coding', () => {
  it('accepts application/json with an optional charset=utf-8 only', () => {
    for (const ok of ['application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8";']) {
      expect(
        codeOf(() => checkMediaType(ok)),
        ok,
      ).toBeUndefined();
    }
    for (const bad of [
      undefined,
      '',
      'text/json',
      'application/problem+json',
      'application/json; charset=iso-8859-1',
      'application/json; v=1',
      'application/json; x',
    ]) {
      expect(
        codeOf(() => checkMediaType(bad)),
        String(bad),
      ).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('decodes gzip (x-gzip its old name), passes identity, refuses the rest', () => {
    expect(contentCoding(undefined)).toBe('identity');
    expect(contentCoding('identity')).toBe('identity');
    expect(contentCoding('GZIP')).toBe('gzip');
    expect(contentCoding('x-gzip')).toBe('gzip');
    expect(contentCoding('identity, gzip')).toBe('gzip');
    for (const bad of ['br', 'deflate', 'compress', 'gzip, br', 'gzip, gzip']) {
      expect(
        codeOf(() => contentCoding(bad)),
        bad,
      ).toBe('UNSUPPORTED_CONTENT_ENCODING');
    }
  });
});

describe('inspectJson', () => {
  const deep = (levels: number): unknown => (levels === 1 ? {} : { a: deep(levels - 1) });

  it(`allows ${MAX_DEPTH} levels and refuses one more`, () => {
    expect(inspectJson(deep(MAX_DEPTH), false)).toEqual([]);
    expect(codeOf(() => inspectJson(deep(MAX_DEPTH + 1), false))).toBe('BODY_TOO_DEEP');
  });

  it('returns the path of every null', () => {
    expect(inspectJson({ a: null, b: [1, null, { c: null }] }, false)).toEqual([['a'], ['b', 1], ['b', 2, 'c']]);
  });

  it('names strings and field names with NUL or an unpaired surrogate; a pair is fine', () => {
    expect(inspectJson({ ok: 'emoji 😀' }, true)).toEqual([]);
    try {
      inspectJson({ reviews: [{ externalId: 'x' }, { externalId: 'bad\ud800' }], 'k\u0000': 'v', t: 'a\u0000' }, true);
      expect.unreachable();
    } catch (error) {
      expect((error as CommonException).fields?.map((f) => f.field)).toEqual(['reviews[1].externalId', 'k\u0000', 't']);
    }
  });

  it('lists at most 100 fields and says how many there are', () => {
    const body = { items: Array.from({ length: 150 }, () => '\ud800') };
    try {
      inspectJson(body, true);
      expect.unreachable();
    } catch (error) {
      expect((error as CommonException).fields).toHaveLength(100);
      expect((error as CommonException).message).toMatch(/^The request has 150 invalid fields/);
    }
  });
});

describe('the contract decides where null may go', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        Item: { type: 'object', properties: { note: { type: 'string', nullable: true }, key: { type: 'string' } }, required: ['key'] },
        Body: {
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, name: { type: 'string' } },
        },
      },
    },
  };
  const root = { $ref: '#/components/schemas/Body' };
  it('reads nullable, required and items through $ref', () => {
    expect(nullVerdict(document, root, ['items', 0, 'note'])).toBe('allowed');
    expect(nullVerdict(document, root, ['items', 0, 'key'])).toBe('refused');
    expect(nullVerdict(document, root, ['name'])).toBe('refused-optional');
    expect(nullVerdict(document, root, ['items', 0])).toBe('refused');
    expect(nullVerdict(document, root, ['unknown'])).toBe('unknown');
  });
});

describe('query strings', () => {
  it('refuses repeated names, NUL and broken escapes; a plus is a space', () => {
    expect(queryStringDefects('a=1&b=x+y&c=%C3%A9')).toEqual([]);
    expect(queryStringDefects('a=1&a=2').map((e) => e.message)).toEqual(['must be given at most once']);
    expect(queryStringDefects('a=%00').map((e) => e.field)).toEqual(['a']);
    expect(queryStringDefects('a=%ZZ&%E0=1').map((e) => e.field)).toEqual(['a', '%E0']);
  });
});

describe('cursors', () => {
  it('accepts exactly what encodeCursor writes, in the bigint range', () => {
    expect(decodeCursor(encodeCursor(42))).toBe('42');
    expect(decodeCursor(encodeCursor('9223372036854775807'))).toBe('9223372036854775807');
    for (const bad of [encodeCursor('9223372036854775808'), encodeCursor('042'), `${encodeCursor(42)}=`, `${encodeCursor(42)}*`, 'k:42']) {
      expect(
        codeOf(() => decodeCursor(bad)),
        bad,
      ).toBe('INVALID_CURSOR');
    }
  });
});
