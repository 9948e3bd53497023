/**
 * What every answer to a fuzz request must satisfy:
 * - never a 5xx;
 * - an error is application/problem+json `{type, title, status, detail}` with the response's status;
 * - a 400 or 422 names fields (`errors[]`), each a path in the request or the schema, except the
 *   problems about the body as a whole (not JSON, not UTF-8, not gzip, not an object), which have
 *   no field to name; 401, 403, 404, 409, 413 and 415 need no field;
 * - no 2xx to a request the contract forbids. A review batch answers 200 with its bad items in
 *   `rejected` (the contract: bad items are rejected one by one), so there every item the schema
 *   forbids must be listed there, and only the rest of the body must conform.
 */
import type { FuzzRequest } from './requests.js';
import { normalisePath, type Operation, resolve, type Schema, schemaPaths, type Spec, valuePaths, violation } from './spec.js';

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Problems about the body as a whole (not JSON, not UTF-8, not gzip, not an object) and about a
 * request path that is not percent-encoded UTF-8 (`http-400`, from the router, before any route
 * matched to name its parameter): no field to name.
 */
const WHOLE_BODY_TYPES = new Set(
  ['entity-parse-failed', 'body-not-utf8', 'corrupt-content-encoding', 'malformed-body'].map((t) => `urn:supplier-governance:problem:${t}`),
);

/** Operations that report bad items of a list one by one in a 2xx: operationId → the list's field. */
export const ITEM_BY_ITEM: Record<string, string> = {
  Reviews_batch: 'reviews',
  OrderVolumes_store: 'volumes',
  Complaints_batch: 'complaints',
};

interface Problem {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: Array<{ field?: unknown; message?: unknown }>;
}

const bodyFields = new WeakMap<Operation, Set<string>>();

function knownFields(spec: Spec, op: Operation, request: FuzzRequest): Set<string> {
  const known = new Set<string>(Object.keys(request.pathParams));
  for (const [name] of request.query) {
    known.add(name);
    try {
      known.add(decodeURIComponent(name.replace(/\+/g, ' ')));
    } catch {
      /* kept as sent */
    }
  }
  for (const p of op.parameters) known.add(p.name);
  for (const path of valuePaths(request.body)) known.add(path);
  let described = bodyFields.get(op);
  if (!described) bodyFields.set(op, (described = schemaPaths(spec, op.body)));
  for (const path of described) known.add(path);
  return known;
}

/** The first broken promise of the answer, or null when it keeps them all. */
export function judge(spec: Spec, op: Operation, request: FuzzRequest, response: FuzzResponse): string | null {
  const { status } = response;
  if (status >= 500) return `${status} from user input: ${response.text.slice(0, 300)}`;
  if (status >= 400) {
    const type = String(response.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) return `${status} is not problem+json (${type})`;
    let problem: Problem;
    try {
      problem = JSON.parse(response.text) as Problem;
    } catch {
      return `${status} body is not JSON`;
    }
    for (const key of ['type', 'title', 'detail'] as const) if (typeof problem[key] !== 'string') return `problem without ${key}`;
    if (problem.status !== status) return `problem.status ${String(problem.status)} but HTTP ${status}`;
    const undecodablePath =
      problem.type === 'urn:supplier-governance:problem:http-400' && /^Failed to decode param/.test(String(problem.detail));
    if ((status === 400 || status === 422) && !WHOLE_BODY_TYPES.has(problem.type as string) && !undecodablePath) {
      if (!Array.isArray(problem.errors) || problem.errors.length === 0)
        return `${status} ${String(problem.type)} names no field: ${String(problem.detail)}`;
      const known = knownFields(spec, op, request);
      for (const e of problem.errors) {
        if (typeof e.field !== 'string' || typeof e.message !== 'string') return `${status} error without field or message`;
        if (!known.has(normalisePath(e.field)))
          return `${status} names "${e.field}", in neither the request nor the schema (${String(problem.detail)})`;
      }
    }
    return null;
  }
  if (status >= 200 && status < 300) return judgeSuccess(spec, op, request, response);
  return null;
}

function judgeSuccess(spec: Spec, op: Operation, request: FuzzRequest, response: FuzzResponse): string | null {
  const list = ITEM_BY_ITEM[op.id];
  if (!request.forbidden) return null;
  if (!list || !request.forbidden.startsWith(`body ${list}[`))
    return `${response.status} to a request the contract forbids (${request.forbidden})`;
  // Item by item: the body less its items must conform, and each item the schema forbids be rejected.
  const body = request.body as Record<string, unknown>;
  const items = body[list] as unknown[];
  const listSchema = resolve(spec, resolve(spec, op.body).properties?.[list]);
  const rest = violation(spec, op.body, { ...body, [list]: [] });
  if (rest) return `${response.status} to a batch the contract forbids (${rest})`;
  const rejected = new Map<number, Array<{ field: string }>>();
  try {
    for (const r of (JSON.parse(response.text) as { rejected: Array<{ index: number; errors: Array<{ field: string }> }> }).rejected) {
      rejected.set(r.index, r.errors);
    }
  } catch {
    return 'a batch answer without rejected[]';
  }
  const itemSchema: Schema | undefined = listSchema.items;
  const itemFields = schemaPaths(spec, itemSchema);
  for (let i = 0; i < items.length; i++) {
    const v = violation(spec, itemSchema, items[i], `${list}[${i}]`, 3);
    if (v && !rejected.has(i)) return `item ${i} stored though the schema forbids it (${v})`;
    for (const e of rejected.get(i) ?? []) {
      if (e.field !== '' && !itemFields.has(normalisePath(e.field)) && !valuePaths(items[i]).has(normalisePath(e.field))) {
        return `rejected item ${i} names "${e.field}", in neither the item nor the schema`;
      }
    }
  }
  return null;
}
