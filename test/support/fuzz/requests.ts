/**
 * A fuzz request for one operation: valid parameters and body from the schema, then a few
 * mutations, and a verdict on whether the contract allows what was sent.
 */
import fc from 'fast-check';

import { DEEP_PLACEHOLDER, DEEP_TEXT, jsonMutation, mutateJson, NASTY_STRINGS, type Transport, transport } from './mutations.js';
import { badString, isRealDate, type Operation, type Parameter, resolve, type Spec, violation } from './spec.js';
import { isoDate, validValue, type World } from './values.js';

export const TOKEN_KINDS = [
  'admin',
  'category_manager',
  'scoped_manager',
  'mystery_shopper',
  'integration',
  'supplier',
  'none',
  'garbage',
  'expired',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
/** The role a token kind carries, when it is a valid token. */
export const ROLE_OF: Partial<Record<TokenKind, string>> = {
  admin: 'admin',
  category_manager: 'category_manager',
  scoped_manager: 'category_manager',
  mystery_shopper: 'mystery_shopper',
  integration: 'integration',
  supplier: 'supplier',
};

export interface FuzzRequest {
  operation: string;
  method: Operation['method'];
  /** The path as sent, parameters percent-encoded. */
  url: string;
  pathParams: Record<string, string>;
  /** Query pairs as sent (percent-encoded). */
  query: Array<[string, string]>;
  headers: Record<string, string>;
  token: TokenKind;
  /** The JSON value of the body, when the body is one. */
  body?: unknown;
  bodyBytes?: Buffer;
  transport?: string;
  /** Why the contract forbids this request, or null when it allows it. */
  forbidden: string | null;
}

const PLAIN_INTEGER = /^(0|-?[1-9]\d*)$/;
/** Marks a path value sent as it is, not percent-encoded (a broken escape). */
const RAW = '\u0001raw:';

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Why a parameter value as text breaks its schema, or null. */
export function parameterViolation(spec: Spec, parameter: Parameter, text: string): string | null {
  const s = resolve(spec, parameter.schema);
  if (badString(text)) return `${parameter.name}: NUL`;
  if (s.type === 'integer' || s.type === 'number') {
    if (!PLAIN_INTEGER.test(text)) return `${parameter.name}: not a plain integer`;
    return violation(spec, s, Number(text), parameter.name);
  }
  if (s.type === 'boolean') return text === 'true' || text === 'false' ? null : `${parameter.name}: not a boolean`;
  if (s.format === 'date' && !isRealDate(text)) return `${parameter.name}: not a date`;
  return violation(spec, s, text, parameter.name);
}

const BAD_QUERY_VALUES = ['0x10', '%2B5', '%205', '1e3', '5.0', '-1', '0', '99999999999999999999', '', '%00', '%E0%A4', 'x'.repeat(3000)];
const BAD_DATES = ['2017-02-30', '2020-1-1', '9999-12-31', '1999-12-31', 'today', '2026-11-25T00:00:00Z'];
const b64 = (t: string): string => Buffer.from(t).toString('base64url');
const BAD_CURSORS = [
  'nope',
  b64('k:9999999999999999999'),
  b64('k:99999999999999999999'),
  b64('k:-1'),
  b64('k:1') + '%21',
  b64('r:2020-02-30T00:00:00.000Z|01a2332e-4989-70f9-88b2-55efa8d7b99c'),
  b64(`r:2020-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
];

type QueryMutation = { kind: 'unknown' | 'repeat' | 'bad-value' | 'bad-date' | 'bad-cursor' | 'broken-name'; pick: number; value: string };

const queryMutation: fc.Arbitrary<QueryMutation> = fc.record({
  kind: fc.constantFrom('unknown', 'repeat', 'bad-value', 'bad-date', 'bad-cursor', 'broken-name'),
  pick: fc.nat(),
  value: fc.constantFrom(...BAD_QUERY_VALUES),
});

function mutateQuery(query: Array<[string, string]>, op: Operation, m: QueryMutation): Array<[string, string]> {
  const names = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const name = names.length > 0 ? names[m.pick % names.length] : 'q';
  const out = query.filter(([n]) => m.kind === 'repeat' || n !== name);
  switch (m.kind) {
    case 'unknown':
      return [...query, [['expand', 'colour', 'sort', '__proto__', 'limit[]'][m.pick % 5], '1']];
    case 'repeat':
      return [...out, [name, '1'], [name, '2']];
    case 'bad-value':
      return [...out, [name, m.value]];
    case 'bad-date':
      return [...out, [name, BAD_DATES[m.pick % BAD_DATES.length]]];
    case 'bad-cursor':
      return [...out, [names.includes('cursor') ? 'cursor' : name, BAD_CURSORS[m.pick % BAD_CURSORS.length]]];
    case 'broken-name':
      return [...out, ['%E0%A4', '1']];
  }
}

function pathValue(spec: Spec, op: Operation, parameter: Parameter, world: World): fc.Arbitrary<string> {
  if (parameter.name === 'category') {
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...world.categories, 'tour') },
      { weight: 1, arbitrary: fc.constantFrom('HOTEL', 'x'.repeat(80), '1abc', 'hötel') },
    );
  }
  const collection = op.path.split('/{')[0].split('/').pop() ?? '';
  const known = world.ids[collection] ?? [];
  const odd = fc.constantFrom(
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(300),
    '\u0000',
    '😀',
    `${RAW}%E0%A4`,
    `${RAW}%zz`,
  );
  const valid = known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, fc.uuid()) : fc.uuid();
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 1, arbitrary: odd },
    { weight: 1, arbitrary: valid.map((id) => id.toUpperCase()) },
  );
}

function queryValue(spec: Spec, parameter: Parameter, world: World): fc.Arbitrary<string> {
  if (parameter.name === 'cursor') return world.cursors.length > 0 ? fc.constantFrom(...world.cursors) : fc.constant(b64('k:1'));
  if (parameter.name === 'asOf') return isoDate(400, 0);
  return validValue(spec, parameter.schema, world, parameter.name).map((v) => encodeURIComponent(String(v)));
}

/** Whether the body's absence is allowed: only when its schema requires no field. */
function bodyOptional(spec: Spec, op: Operation): boolean {
  return (resolve(spec, op.body).required ?? []).length === 0;
}

export function fuzzRequest(spec: Spec, op: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => pathValue(spec, op, p, world)));
  const queryArb = fc.tuple(...queryParams.map((p) => fc.option(queryValue(spec, p, world), { freq: 2 })));
  // Mostly a body where the operation takes one, mostly none where it does not.
  const bodyArb: fc.Arbitrary<unknown> = op.body
    ? fc.option(validValue(spec, op.body, world), { freq: 8 })
    : fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant({ x: 1 }) });
  const mutations = fc.record({
    json: fc.array(jsonMutation, { maxLength: 2 }),
    query: fc.array(queryMutation, { maxLength: queryParams.length > 0 ? 2 : 1 }),
    transport,
  });
  return fc
    .record({
      path: pathArb,
      query: queryArb,
      body: bodyArb,
      mutations: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: mutations }),
      token: fc.constantFrom(...TOKEN_KINDS),
    })
    .map(({ path, query, body, mutations: m, token }) => build(spec, op, { path, query, body, mutations: m, token }));
}

interface Parts {
  path: string[];
  query: Array<string | null>;
  body: unknown;
  mutations: { json: Parameters<typeof mutateJson>[1]; query: QueryMutation[]; transport: Transport } | null;
  token: TokenKind;
}

function build(spec: Spec, op: Operation, parts: Parts): FuzzRequest {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const params: Record<string, string> = {};
  let brokenPath = false;
  let url = op.path;
  pathParams.forEach((p, i) => {
    const value = parts.path[i];
    const sent = value.startsWith(RAW) ? value.slice(RAW.length) : encodeURIComponent(value);
    params[p.name] = decode(sent) ?? sent;
    if (decode(sent) === undefined) brokenPath = true;
    url = url.replace(`{${p.name}}`, sent);
  });
  let query: Array<[string, string]> = [];
  queryParams.forEach((p, i) => {
    if (parts.query[i] !== null) query.push([p.name, parts.query[i]!]);
  });
  let body: unknown = parts.body === null ? undefined : parts.body;
  const m = parts.mutations;
  if (m) {
    if (body !== undefined && m.json.length > 0) body = mutateJson(body, m.json);
    for (const q of m.query) query = mutateQuery(query, op, q);
  }
  const chosen = m?.transport;
  const headers: Record<string, string> = {};
  let bodyBytes: Buffer | undefined;
  let text: string | undefined;
  if (body !== undefined) {
    text = JSON.stringify(body).replace(`"${DEEP_PLACEHOLDER}"`, DEEP_TEXT);
    Object.assign(headers, (chosen ?? { headers: { 'Content-Type': 'application/json' } }).headers);
    bodyBytes = chosen ? chosen.encode(text) : Buffer.from(text, 'utf8');
  }
  const request: FuzzRequest = {
    operation: op.id,
    method: op.method,
    url: query.length > 0 ? `${url}?${query.map(([n, v]) => `${n}=${v}`).join('&')}` : url,
    pathParams: params,
    query,
    headers,
    token: parts.token,
    body,
    bodyBytes,
    transport: body !== undefined ? chosen?.name : undefined,
    forbidden: null,
  };
  request.forbidden = brokenPath ? 'path not percent-encoded UTF-8' : forbiddenBecause(spec, op, request, chosen);
  if (!request.forbidden && text?.includes(DEEP_TEXT)) request.forbidden = 'body nested 10,000 levels';
  return request;
}

/** Why the contract forbids the request (transport, token, path, query, body), or null. */
function forbiddenBecause(spec: Spec, op: Operation, request: FuzzRequest, chosen: Transport | undefined): string | null {
  if (request.body !== undefined && chosen && !chosen.valid) return `transport ${chosen.name}`;
  if (op.roles) {
    const role = ROLE_OF[request.token];
    if (!role) return `token ${request.token}`;
    if (!op.roles.includes(role)) return `role ${role}`;
  }
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const v = parameterViolation(spec, p, request.pathParams[p.name]);
    if (v) return `path ${v}`;
  }
  const seen = new Set<string>();
  for (const [raw, rawValue] of request.query) {
    const name = decode(raw);
    const value = decode(rawValue);
    if (name === undefined || value === undefined) return `query ${raw}: not percent-encoded UTF-8`;
    if (seen.has(name)) return `query ${name}: repeated`;
    seen.add(name);
    const p = op.parameters.find((x) => x.in === 'query' && x.name === name);
    if (!p) return `query ${name}: unknown`;
    const v = parameterViolation(spec, p, value);
    if (v) return `query ${v}`;
  }
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.required)) if (!seen.has(p.name)) return `query ${p.name}: missing`;
  if (!op.body) {
    const b = request.body;
    return b === undefined || (typeof b === 'object' && b !== null && !Array.isArray(b) && Object.keys(b).length === 0)
      ? null
      : 'a body where none is taken';
  }
  if (request.body === undefined) return bodyOptional(spec, op) ? null : 'no body';
  const v = violation(spec, op.body, request.body);
  return v ? `body ${v}` : null;
}

export { NASTY_STRINGS };
