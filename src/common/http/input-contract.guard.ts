import { type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

import type { FieldError } from '../errors/problem.js';
import type { InspectedRequest } from './json-body.middleware.js';
import { fieldsFailed, formatPath, type PathSegment } from './json-inspection.js';

/** What a route handler reads of a request, from its parameter decorators. */
interface HandlerInputs {
  body: boolean;
  /** The query parameter names it knows: a query DTO's properties, or the names it reads one by one. */
  query: ReadonlySet<string>;
}

interface RouteArgument {
  index: number;
  data?: unknown;
}

/** The properties class-validator knows of a DTO (inherited and picked ones included): what its whitelist lets through. */
function propertiesOf(dto: unknown): string[] {
  if (typeof dto !== 'function' || dto === Object) return [];
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .map((m) => m.propertyName);
}

function inputsOf(controller: { prototype: object }, method: string): HandlerInputs {
  // Nest keeps a handler's parameter decorators on the controller class, keyed `${type}:${index}`.
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  let body = false;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    if (type === Number(RouteParamtypes.BODY)) body = true;
    if (type === Number(RouteParamtypes.QUERY)) {
      // A whole query DTO is checked here by its names: its validation whitelist never sees a
      // name such as __proto__, which class-transformer does not copy onto the instance.
      if (typeof argument.data === 'string') names.add(argument.data);
      else for (const name of propertiesOf(types[argument.index])) names.add(name);
    }
  }
  return { body, query: names };
}

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

type NullVerdict = 'allowed' | 'refused-optional' | 'refused' | 'unknown';

/** Follows `$ref` and the single-`allOf` wrapper Swagger writes around a described `$ref`. */
function resolve(document: OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  for (let hops = 0; schema && hops < 16; hops++) {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      schema = document.components?.schemas?.[name] as Schema | undefined;
    } else if (schema.allOf?.length === 1 && !schema.properties) {
      schema = schema.allOf[0];
    } else return schema;
  }
  return schema;
}

/** Whether the contract lets the value at `path` be null; `unknown` where it does not describe the path. */
export function nullVerdict(document: OpenAPIObject, root: Schema | undefined, path: readonly PathSegment[]): NullVerdict {
  let schema = resolve(document, root);
  let optional = false;
  for (const segment of path) {
    if (!schema) return 'unknown';
    if (typeof segment === 'number') {
      schema = resolve(document, schema.items);
      optional = false;
    } else if (schema.properties && Object.hasOwn(schema.properties, segment)) {
      optional = !(schema.required ?? []).includes(segment);
      schema = resolve(document, schema.properties[segment]);
    } else if (typeof schema.additionalProperties === 'object') {
      schema = resolve(document, schema.additionalProperties);
      optional = true;
    } else return 'unknown';
  }
  if (!schema) return 'unknown';
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
  return nullable ? 'allowed' : optional ? 'refused-optional' : 'refused';
}

/** The JSON schema of each operation's request body, by operationId. */
function bodySchemas(document: OpenAPIObject): Map<string, Schema | undefined> {
  const schemas = new Map<string, Schema | undefined>();
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, unknown>)) {
      const op = operation as { operationId?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } };
      if (op?.operationId) schemas.set(op.operationId, op.requestBody?.content?.['application/json']?.schema);
    }
  }
  return schemas;
}

/**
 * The route's side of the input boundary, for every route present and future:
 * - a query parameter the route does not read (by its query DTO or by name) is refused;
 * - a route that reads no body refuses a body with fields;
 * - a null is refused ("omit it instead") wherever the contract (the OpenAPI document built from
 *   the DTOs' `@ApiProperty`) does not say `nullable: true`. The document is built the first time
 *   a body holds a null; an operation it does not describe allows no null.
 * A global guard registered after the access guard (`configureApp`): it runs after
 * authentication and before the pipes, so nothing downstream sees such input. A guard rather than
 * an interceptor because Nest builds an rxjs pipeline for every request of a route with an
 * interceptor, and this was the only one (bench/README.md, issue 20).
 */
export class InputContractGuard implements CanActivate {
  private readonly inputs = new WeakMap<object, HandlerInputs>();
  private schemas?: Map<string, Schema | undefined>;
  private document?: OpenAPIObject;

  constructor(
    private readonly documentOf: () => OpenAPIObject,
    private readonly operationIdOf: (controllerName: string, methodName: string) => string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<InspectedRequest>();
    const controller = context.getClass();
    const handler = context.getHandler();
    let inputs = this.inputs.get(handler);
    if (!inputs) this.inputs.set(handler, (inputs = inputsOf(controller, handler.name)));

    const errors: FieldError[] = [];
    for (const name of Object.keys(request.query ?? {})) {
      if (!inputs.query.has(name)) errors.push({ field: name, message: 'is not a known query parameter' });
    }
    const body: unknown = request.body;
    if (!inputs.body && body !== undefined) {
      for (const name of Object.keys(body as object))
        errors.push({ field: name, message: 'is not a known field (this endpoint takes no body)' });
    } else if (request.bodyNulls?.length) {
      errors.push(...this.refusedNulls(this.operationIdOf(controller.name, handler.name), request.bodyNulls));
    }
    if (errors.length > 0) throw fieldsFailed(errors);
    return true;
  }

  private refusedNulls(operationId: string, nulls: PathSegment[][]): FieldError[] {
    this.document ??= this.documentOf();
    this.schemas ??= bodySchemas(this.document);
    const root = this.schemas.get(operationId);
    const errors: FieldError[] = [];
    for (const path of nulls) {
      const verdict = root ? nullVerdict(this.document, root, path) : 'refused';
      if (verdict === 'refused-optional') errors.push({ field: formatPath(path), message: 'must not be null: omit it instead' });
      else if (verdict === 'refused') errors.push({ field: formatPath(path), message: 'must not be null' });
    }
    return errors;
  }
}
