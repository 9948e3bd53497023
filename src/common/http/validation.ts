import { type ValidationError, ValidationPipe } from '@nestjs/common';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import type { FieldError } from '../errors/problem.js';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
