/**
 * Ways to break a request: its JSON (types, nulls, nesting, control characters, huge values,
 * unknown fields), its transport (media type, content coding, bytes), its query (unknown names,
 * bad integers, cursors and dates) and its path parameters.
 */
import { gzipSync } from 'node:zlib';

import fc from 'fast-check';

type Json = unknown;

/** Stands for a value nested this deep, spliced into the text after JSON.stringify (which would overflow making it). */
export const DEEP_PLACEHOLDER = '__nested_10000_levels__';
export const DEEP_TEXT = '['.repeat(10_000) + ']'.repeat(10_000);

const nest = (levels: number): Json => {
  if (levels > 1000) return DEEP_PLACEHOLDER;
  let v: Json = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { n: v };
  return v;
};

export const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\u0001\u001f',
  '\u007f',
  '\ufffd',
  '\ufeff',
  '\u202e',
  '',
  ' ',
  '   ',
  'x'.repeat(300),
  'x'.repeat(10_000),
  '😀',
  "'; DROP TABLE suppliers; --",
  '%00',
  '\\u0000',
  'null',
  '2017-02-30',
  '9999-12-31',
  '0000-00-00',
  '2026-13-01T00:00:00Z',
  '1e3',
  '0x10',
  'HOTEL',
  'hotel\n',
];

export const ODD_VALUES: Json[] = [
  0,
  -1,
  1.5,
  -0,
  1e308,
  -1e308,
  1e-320,
  2 ** 63,
  -(2 ** 63),
  2 ** 53 + 2,
  true,
  false,
  '',
  '1',
  [],
  {},
  [1],
  { a: 1 },
  [null],
];

/** One change to a JSON value; `pick` chooses the place among the value's paths. */
export type JsonMutation =
  | { kind: 'null'; pick: number }
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'string'; pick: number; text: string; insert: boolean }
  | { kind: 'deep'; pick: number; levels: number }
  | { kind: 'unknown'; pick: number; key: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'huge-array'; pick: number; length: number };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('null' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.constantFrom(...ODD_VALUES) }),
  fc.record({ kind: fc.constant('string' as const), pick: fc.nat(), text: fc.constantFrom(...NASTY_STRINGS), insert: fc.boolean() }),
  fc.record({ kind: fc.constant('deep' as const), pick: fc.nat(), levels: fc.constantFrom(30, 31, 32, 33, 40, 500, 10_000) }),
  fc.record({
    kind: fc.constant('unknown' as const),
    pick: fc.nat(),
    key: fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', '', 'a.b', 'id', 'status', 'x[0]'),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('huge-array' as const), pick: fc.nat(), length: fc.constantFrom(501, 5001, 20_000) }),
);

type Place = { parent: Record<string, Json> | Json[] | null; key: string | number };

/** Every place in the value where a mutation can land; the root only when there is no other (a body that is not an object is a transport of its own). */
function places(value: Json, out: Place[] = [], depth = 0): Place[] {
  if (typeof value !== 'object' || value === null || depth > 12 || out.length > 5000) return out;
  for (const key of Object.keys(value)) {
    const k = Array.isArray(value) ? Number(key) : key;
    out.push({ parent: value as Record<string, Json>, key: k });
    places((value as Record<string, Json>)[key], out, depth + 1);
  }
  return out;
}

function set(root: { value: Json }, place: Place, next: Json | undefined): void {
  if (!place.parent) {
    root.value = next;
    return;
  }
  const parent = place.parent as Record<string | number, Json>;
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(place.key as number, 1);
    else delete parent[place.key];
  } else if (place.key === '__proto__') {
    Object.defineProperty(parent, '__proto__', { value: next, enumerable: true, writable: true, configurable: true });
  } else parent[place.key] = next;
}

/** Applies the mutations in order to a deep copy of the value. */
export function mutateJson(value: Json, mutations: JsonMutation[]): Json {
  const root = { value: structuredClone(value) };
  for (const m of mutations) {
    const found = places(root.value);
    const all = found.length > 0 ? found : [{ parent: null, key: '' }];
    const place = all[m.pick % all.length];
    const current = place.parent ? (place.parent as Record<string | number, Json>)[place.key] : root.value;
    switch (m.kind) {
      case 'null':
        set(root, place, null);
        break;
      case 'replace':
        set(root, place, structuredClone(m.value));
        break;
      case 'string':
        set(root, place, m.insert && typeof current === 'string' ? current.slice(0, 1) + m.text + current.slice(1) : m.text);
        break;
      case 'deep':
        set(root, place, nest(m.levels));
        break;
      case 'unknown': {
        const target = typeof current === 'object' && current !== null && !Array.isArray(current) ? current : root.value;
        if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
          set(root, { parent: target as Record<string, Json>, key: m.key }, 'surprise');
        }
        break;
      }
      case 'remove':
        if (place.parent) set(root, place, undefined);
        break;
      case 'huge-array':
        // Scalars only: lists of shared objects would make the next mutation's walk (and the body) explode.
        set(
          root,
          place,
          Array.from({ length: m.length }, (_, i) => (typeof current === 'string' ? current.slice(0, 8) : i)),
        );
        break;
    }
  }
  return root.value;
}

/** How the body travels. `valid` says whether the contract accepts it as a JSON body. */
export interface Transport {
  name: string;
  valid: boolean;
  headers: Record<string, string>;
  encode(text: string): Buffer;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const json = { 'Content-Type': 'application/json' };

export const TRANSPORTS: Transport[] = [
  { name: 'json', valid: true, headers: json, encode: utf8 },
  { name: 'json charset', valid: true, headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' }, encode: utf8 },
  { name: 'gzip', valid: true, headers: { ...json, 'Content-Encoding': 'gzip' }, encode: (t) => gzipSync(t) },
  { name: 'x-gzip', valid: true, headers: { ...json, 'Content-Encoding': 'x-gzip' }, encode: (t) => gzipSync(t) },
  { name: 'identity', valid: true, headers: { ...json, 'Content-Encoding': 'identity' }, encode: utf8 },
  { name: 'bom', valid: true, headers: json, encode: (t) => utf8(`\ufeff${t}`) },
  { name: 'no content type', valid: false, headers: {}, encode: utf8 },
  { name: 'text/plain', valid: false, headers: { 'Content-Type': 'text/plain' }, encode: utf8 },
  { name: 'form', valid: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, encode: utf8 },
  { name: 'merge-patch', valid: false, headers: { 'Content-Type': 'application/merge-patch+json' }, encode: utf8 },
  {
    name: 'latin1',
    valid: false,
    headers: { 'Content-Type': 'application/json; charset=iso-8859-1' },
    encode: (t) => Buffer.from(t, 'latin1'),
  },
  { name: 'multipart', valid: false, headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, encode: utf8 },
  { name: 'br', valid: false, headers: { ...json, 'Content-Encoding': 'br' }, encode: utf8 },
  { name: 'deflate', valid: false, headers: { ...json, 'Content-Encoding': 'deflate' }, encode: utf8 },
  { name: 'gzip twice', valid: false, headers: { ...json, 'Content-Encoding': 'gzip, gzip' }, encode: (t) => gzipSync(gzipSync(t)) },
  { name: 'gzip label, plain body', valid: false, headers: { ...json, 'Content-Encoding': 'gzip' }, encode: utf8 },
  {
    name: 'truncated gzip',
    valid: false,
    headers: { ...json, 'Content-Encoding': 'gzip' },
    encode: (t) => gzipSync(t).subarray(0, Math.max(1, gzipSync(t).length - 5)),
  },
  {
    name: 'invalid utf-8',
    valid: false,
    headers: json,
    encode: (t) => Buffer.concat([utf8(t.slice(0, -1)), Buffer.from([0xff, 0xc3]), utf8(t.slice(-1))]),
  },
  { name: 'truncated text', valid: false, headers: json, encode: (t) => utf8(t.slice(0, Math.max(1, t.length - 2))) },
  { name: 'trailing garbage', valid: false, headers: json, encode: (t) => utf8(`${t}x`) },
  { name: 'not an object', valid: false, headers: json, encode: (t) => utf8(`[${t}]`) },
];

/** The transport of most requests is plain JSON; one in three tries another. */
export const transport: fc.Arbitrary<Transport> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(TRANSPORTS[0]) },
  { weight: 3, arbitrary: fc.constantFrom(...TRANSPORTS.slice(1)) },
);
