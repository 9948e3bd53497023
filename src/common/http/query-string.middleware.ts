import type { NextFunction, Request, Response } from 'express';

import type { FieldError } from '../errors/problem.js';
import { fieldsFailed } from './json-inspection.js';

/** A percent-encoded query component, or undefined when it is not valid percent-encoded UTF-8. */
function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** What is wrong with the raw query string, field by field. */
export function queryStringDefects(rawQuery: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const name = decodeComponent(rawName);
    if (name === undefined) {
      errors.push({ field: rawName, message: 'is not a valid percent-encoded UTF-8 parameter name' });
      continue;
    }
    const value = decodeComponent(eq === -1 ? '' : part.slice(eq + 1));
    if (name.includes('\u0000'))
      errors.push({ field: name, message: 'is a parameter name that must not contain the NUL character (U+0000)' });
    else if (value === undefined) errors.push({ field: name, message: 'is not valid percent-encoded UTF-8' });
    else if (value.includes('\u0000')) errors.push({ field: name, message: 'must not contain the NUL character (U+0000)' });
    if (seen.has(name)) errors.push({ field: name, message: 'must be given at most once' });
    seen.add(name);
  }
  return errors;
}

/**
 * Query strings as strict as bodies: Express's parser silently keeps a malformed `%` escape as
 * text, turns a repeated name into a list and NUL into a character; each is refused here, before
 * any route reads the query. Which names a route knows is the route's business (the validation
 * pipe for a query DTO, `InputContractGuard` for a route without one).
 */
export function strictQueryString(request: Request, _response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) {
    next();
    return;
  }
  const errors = queryStringDefects(url.slice(start + 1));
  next(errors.length > 0 ? fieldsFailed(errors) : undefined);
}
