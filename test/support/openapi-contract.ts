import { readFileSync } from 'node:fs';

import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: its module.exports is the plugin, which TypeScript types as `.default`.
const addFormats = ajvFormats as unknown as typeof ajvFormats.default;

/**
 * The committed spec as a contract every response of the e2e suite is held to: each operation's
 * documented statuses, content types and body schemas (OpenAPI 3.0, converted to JSON Schema),
 * and for problems the `type`s its examples name.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

interface MediaType {
  schema?: JsonObject;
  examples?: Record<string, { value: JsonObject }>;
}

interface ResponseObject {
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId: string;
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonObject> };
}

export const SPEC_URL = new URL('../../openapi/openapi.json', import.meta.url);

export function readSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(SPEC_URL, 'utf8')) as OpenApiDocument;
}

const ROOT_ID = 'openapi.json';
const SUB_SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const ANNOTATIONS = ['example', 'examples', 'xml', 'externalDocs', 'deprecated', 'discriminator'];

/**
 * OpenAPI 3.0 schema → JSON Schema: `nullable` becomes a null type (or a null branch), examples
 * and other annotations go, refs point into the spec, and objects with declared properties admit
 * no other property (a field the spec does not declare is a field it does not tell of).
 */
export function toJsonSchema(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.includes(key) || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\/components\/schemas\//, `${ROOT_ID}#/definitions/`);
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as JsonObject).map(([name, s]) => [name, toJsonSchema(s as JsonObject)]));
    } else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJsonSchema(value as JsonObject);
    } else if (SUB_SCHEMA_LISTS.includes(key)) out[key] = (value as JsonObject[]).map(toJsonSchema);
    else out[key] = value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string' && !out.allOf && !out.$ref) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

interface CompiledOperation {
  id: string;
  pattern: RegExp;
  method: string;
  responses: Record<string, { media: Map<string, { validate?: ValidateFunction; problemTypes?: Set<string> }> }>;
}

export class OpenApiContract {
  private readonly operations: CompiledOperation[] = [];

  constructor(spec: OpenApiDocument = readSpec()) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addSchema(
      {
        $id: ROOT_ID,
        definitions: Object.fromEntries(Object.entries(spec.components.schemas).map(([name, s]) => [name, toJsonSchema(s)])),
      },
      ROOT_ID,
    );
    for (const [path, methods] of Object.entries(spec.paths)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        const responses: CompiledOperation['responses'] = {};
        for (const [status, response] of Object.entries(operation.responses)) {
          const media = new Map<string, { validate?: ValidateFunction; problemTypes?: Set<string> }>();
          for (const [type, content] of Object.entries(response.content ?? {})) {
            const examples = Object.values(content.examples ?? {});
            media.set(type, {
              validate: content.schema ? ajv.compile(toJsonSchema(content.schema)) : undefined,
              problemTypes: type === 'application/problem+json' ? new Set(examples.map((e) => String(e.value.type))) : undefined,
            });
          }
          responses[status] = { media };
        }
        this.operations.push({ id: operation.operationId, pattern, method: method.toUpperCase(), responses });
      }
    }
  }

  /** The operation a request went to, or undefined for routes outside the spec (/docs, unknown paths). */
  private operationOf(method: string, path: string): CompiledOperation | undefined {
    // A literal segment wins over a template (`/v1/audits/coverage` and `/v1/complaints/sla` over
    // `/v1/audits/{id}` and `/v1/complaints/{id}`): fewest templated segments first.
    const templated = (o: CompiledOperation) => o.pattern.source.split('[^/]+').length;
    const candidates = this.operations.filter((o) => o.method === method && o.pattern.test(path));
    return candidates.sort((a, b) => templated(a) - templated(b) || b.pattern.source.length - a.pattern.source.length)[0];
  }

  /** What is wrong with a response against the spec: an empty list when it is as documented. */
  violations(observed: ObservedResponse): string[] {
    const operation = this.operationOf(observed.method, observed.path);
    if (!operation) return [];
    const response = operation.responses[String(observed.status)] ?? operation.responses.default;
    const documented = Object.keys(operation.responses).join(', ');
    if (!response) return [`${operation.id}: status ${observed.status} is not documented (documented: ${documented})`];
    const mediaType = observed.contentType?.split(';')[0].trim().toLowerCase();
    if (response.media.size === 0) {
      return observed.body.length > 0 ? [`${operation.id}: ${observed.status} is documented without a body, got ${mediaType}`] : [];
    }
    const media = mediaType ? response.media.get(mediaType) : undefined;
    if (!media) {
      return [
        `${operation.id}: ${observed.status} answered ${mediaType ?? 'no content type'}; documented: ${[...response.media.keys()].join(', ')}`,
      ];
    }
    // A CSV export is documented as text; the tests that ask for one parse it back (csv-parse).
    if (mediaType === 'text/csv') return [];
    let body: unknown;
    if (!/^application\/(?:[\w.-]+\+)?json$/.test(mediaType!)) {
      // A text answer (GET /metrics): the schema of the documented media type judges the text itself.
      body = observed.body.toString('utf8');
    } else {
      try {
        body = JSON.parse(observed.body.toString('utf8'));
      } catch {
        return [`${operation.id}: ${observed.status} ${mediaType} body is not JSON`];
      }
    }
    const problems: string[] = [];
    if (media.validate && !media.validate(body)) {
      for (const e of media.validate.errors ?? []) {
        const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
        problems.push(`${operation.id}: ${observed.status} body${e.instancePath || ''} ${e.message ?? e.keyword}${extra}`);
      }
    }
    const type = (body as { type?: unknown } | null)?.type;
    if (media.problemTypes && typeof type === 'string' && !media.problemTypes.has(type)) {
      problems.push(
        `${operation.id}: ${observed.status} problem type ${type} is in none of its examples (${[...media.problemTypes].join(', ')})`,
      );
    }
    return problems;
  }
}
