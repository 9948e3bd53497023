import type { FieldError } from './problem.js';

/**
 * Base of every typed error the service raises on purpose. Each module extends it with its own
 * code enum; `problem-mapping.ts` turns each code into an HTTP status in one exhaustive switch.
 */
export abstract class AppException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
