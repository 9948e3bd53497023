import type { FieldError } from './problem.js';

/**
 * Base of every typed error the service raises on purpose. Each module extends it with its own
 * code enum and answers `status` from an exhaustive switch in its own folder, so the global filter
 * asks the exception and `common/` knows no feature module.
 */
export abstract class AppException<Code extends string = string> extends Error {
  /** The HTTP status this error is answered with. */
  abstract get status(): number;

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
