import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import type { FieldError } from '../errors/problem.js';
import { UUID_PATTERN } from '../ids/uuid.js';
import { IdParam } from './id.param.js';
import { rememberValidationRules } from './validation-rules-cache.js';

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/**
 * Flattens class-validator's tree into `{field, message}` pairs with dotted/indexed paths. A field
 * that is wrong as a whole (a list where an object belongs, say) is named alone: what
 * class-validator found inside it names paths the contract does not have (`target[0].kind`).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const text =
        constraint === 'whitelistValidation'
          ? 'is not a known field'
          : message.startsWith(error.property + ' ')
            ? message.slice(error.property.length + 1)
            : message;
      out.push({ field, message: text });
    }
    if (error.children?.length && !error.constraints) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationFailed(fields: FieldError[]): CommonException {
  const detail =
    fields.length === 1
      ? `${fields[0].field} ${fields[0].message}`
      : `The request has ${fields.length} invalid fields: ${[...new Set(fields.map((f) => f.field))].join(', ')}`;
  return new CommonException(CommonExceptionCode.VALIDATION_FAILED, detail, fields);
}

/**
 * The global pipe: class-validator and class-transformer for every DTO, with one shortcut. The
 * `:id` path parameter, read by most routes, is checked here directly, with the same rule and
 * words as its DTO's decorators (a unit test holds the two equal): running both libraries for one
 * string was a tenth of a simple read's time (issue 20, reads).
 */
export class BoundaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === IdParam && isOnlyId(value)) {
      if (typeof value.id !== 'string' || !UUID_PATTERN.test(value.id))
        throw validationFailed([{ field: 'id', message: 'must be a UUID' }]);
      return Object.assign(new IdParam(), { id: value.id });
    }
    return super.transform(value, metadata);
  }
}

function isOnlyId(value: unknown): value is { id: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id';
}

export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new BoundaryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
