/**
 * The committed OpenAPI document as the fuzzer reads it: operations, their parameters and body
 * schema, and a checker for the subset of JSON Schema the document uses. The checker adds what
 * the conventions say of every input (closed objects, no NUL or unpaired surrogate, depth at most
 * 32): "the schema forbids" means the document or those conventions do.
 */
import { readFileSync } from 'node:fs';

import { DEEP_PLACEHOLDER } from './mutations.js';

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  parameters: Parameter[];
  body?: Schema;
  roles: string[] | undefined;
}

export interface Spec {
  components: { schemas: Record<string, Schema> };
  operations: Operation[];
}

/** The committed spec; pass the path when running from dist/ (scripts/fuzz.ts). */
export function loadSpec(file: string | URL = new URL('../../../openapi/openapi.json', import.meta.url)): Spec {
  const document = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, Schema> };
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      operations.push({
        id: op.operationId as string,
        method: method as Operation['method'],
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: body?.content?.['application/json']?.schema,
        roles: op['x-roles'] as string[] | undefined,
      });
    }
  }
  return { components: document.components, operations };
}

export function resolve(spec: Spec, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let hops = 0; hops < 16; hops++) {
    if (s.$ref) s = spec.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    else if (s.allOf?.length === 1 && !s.properties) s = s.allOf[0];
    else break;
  }
  return s;
}

export const MAX_DEPTH = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function badString(value: string): boolean {
  return value.includes('\u0000') || !(value as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function isObjectSchema(s: Schema): boolean {
  return s.type === 'object' || s.properties !== undefined;
}

/** The first way `value` breaks `schema`, as `path: why`, or null when it conforms. */
export function violation(spec: Spec, schema: Schema | undefined, value: unknown, path = '', depth = 1): string | null {
  const s = resolve(spec, schema);
  if (value === null) return s.nullable ? null : `${path}: null`;
  if (typeof value === 'object' && depth > MAX_DEPTH) return `${path}: deeper than ${MAX_DEPTH}`;
  if (typeof value === 'string' && badString(value)) return `${path}: NUL or unpaired surrogate`;
  if (s.enum && !s.enum.includes(value)) return `${path}: not in enum`;
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return `${path}: not a string`;
      if (s.minLength !== undefined && value.length < s.minLength) return `${path}: shorter than ${s.minLength}`;
      if (s.maxLength !== undefined && value.length > s.maxLength) return `${path}: longer than ${s.maxLength}`;
      if (s.format === 'uuid' && !UUID.test(value)) return `${path}: not a uuid`;
      if (s.format === 'date' && !isRealDate(value)) return `${path}: not a date`;
      if (s.pattern && !new RegExp(s.pattern).test(value)) return `${path}: does not match ${s.pattern}`;
      return null;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path}: not a number`;
      if (s.type === 'integer' && !Number.isInteger(value)) return `${path}: not an integer`;
      if (s.minimum !== undefined && value < s.minimum) return `${path}: below ${s.minimum}`;
      if (s.maximum !== undefined && value > s.maximum) return `${path}: above ${s.maximum}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${path}: not a boolean`;
    case 'array': {
      if (!Array.isArray(value)) return `${path}: not an array`;
      if (s.minItems !== undefined && value.length < s.minItems) return `${path}: fewer than ${s.minItems} items`;
      if (s.maxItems !== undefined && value.length > s.maxItems) return `${path}: more than ${s.maxItems} items`;
      for (let i = 0; i < value.length; i++) {
        const v = violation(spec, s.items, value[i], `${path}[${i}]`, depth + 1);
        if (v) return v;
      }
      return null;
    }
    case undefined:
    default:
      break;
  }
  if (!isObjectSchema(s)) return deepViolation(value, path, depth);
  if (typeof value !== 'object' || Array.isArray(value)) return `${path}: not an object`;
  const record = value as Record<string, unknown>;
  for (const name of s.required ?? []) if (!Object.hasOwn(record, name)) return `${path ? `${path}.` : ''}${name}: missing`;
  for (const [key, item] of Object.entries(record)) {
    const child = path ? `${path}.${key}` : key;
    if (badString(key)) return `${child}: NUL or unpaired surrogate in a field name`;
    const property = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    if (!property && s.additionalProperties !== true) return `${child}: unknown field`;
    const v = violation(spec, property, item, child, depth + 1);
    if (v) return v;
  }
  return null;
}

/** A value under a schema that says nothing of it still obeys the conventions. */
function deepViolation(value: unknown, path: string, depth: number): string | null {
  if (value === null) return `${path}: null`;
  if (typeof value === 'string') return badString(value) ? `${path}: NUL or unpaired surrogate` : null;
  if (typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return `${path}: deeper than ${MAX_DEPTH}`;
  for (const [key, item] of Object.entries(value)) {
    const v = deepViolation(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (v) return v;
  }
  return null;
}

/** Every field path the schema describes, indices written `[]`: `reviews[].externalId`. */
export function schemaPaths(spec: Spec, schema: Schema | undefined, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  const s = resolve(spec, schema);
  if (depth > 8) return out;
  if (s.type === 'array') {
    out.add(`${prefix}[]`);
    return schemaPaths(spec, s.items, `${prefix}[]`, out, depth + 1);
  }
  for (const [key, property] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    schemaPaths(spec, property, path, out, depth + 1);
  }
  return out;
}

/** Every path in a JSON value, indices written `[]`; a stand-in for deep nesting counts as that many levels of arrays. */
export function valuePaths(value: unknown, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  if (value === DEEP_PLACEHOLDER) {
    for (let i = 0, path = prefix; i < 40; i++) out.add((path = `${path}[]`));
    return out;
  }
  if (typeof value !== 'object' || value === null || depth > 40) return out;
  for (const [key, item] of Object.entries(value)) {
    const path = Array.isArray(value) ? `${prefix}[]` : normalisePath(prefix ? `${prefix}.${key}` : key);
    out.add(path);
    valuePaths(item, path, out, depth + 1);
  }
  return out;
}

export const normalisePath = (field: string): string => field.replace(/\[\d+\]/g, '[]');
