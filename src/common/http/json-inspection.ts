import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import type { FieldError } from '../errors/problem.js';
import { validationFailed } from './validation.js';

/** Bodies nest at most this deep (the body object itself is level 1). */
export const MAX_DEPTH = 32;
/** A problem lists at most this many fields; its detail gives the total. */
export const MAX_REPORTED_FIELDS = 100;

/** A step into a JSON value: a property name or an array index. */
export type PathSegment = string | number;

/** `reviews[3].externalId`: the form field paths take in every problem. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

const NUL = '\u0000';
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must not contain an unpaired UTF-16 surrogate (a \\ud800-\\udfff escape without its pair)';

/** String.prototype.isWellFormed (ES2024, in Node 20) is not in the ES2023 lib this project compiles against. */
interface WellFormed {
  isWellFormed(): boolean;
}

/** What is wrong with a string or field name, or null when nothing is. */
function stringDefect(text: string): string | null {
  if (text.includes(NUL)) return NUL_MESSAGE;
  return (text as unknown as WellFormed).isWellFormed() ? null : SURROGATE_MESSAGE;
}

/**
 * A field named like a member of every object (`toString`, `constructor`, `__proto__`...) is no
 * field of any DTO, yet class-transformer does not copy it onto the instance, so the validation
 * whitelist never sees it: without this check `{"toString": null}` published a policy.
 */
const OBJECT_MEMBER_MESSAGE = 'is not a known field';
function isObjectMember(key: string): boolean {
  return key in Object.prototype;
}

class Inspection {
  readonly nulls: PathSegment[][] = [];
  readonly defects: FieldError[] = [];
  private defectCount = 0;
  private readonly path: PathSegment[] = [];

  constructor(private readonly checkStrings: boolean) {}

  visit(value: unknown, depth: number): void {
    if (value === null) {
      this.nulls.push([...this.path]);
      return;
    }
    if (typeof value === 'string') {
      if (this.checkStrings) this.checkString(value, false);
      return;
    }
    if (typeof value !== 'object') return;
    if (depth > MAX_DEPTH) {
      const field = formatPath(this.path);
      throw new CommonException(CommonExceptionCode.BODY_TOO_DEEP, `The request body nests deeper than ${MAX_DEPTH} levels (at ${field})`, [
        { field, message: `is nested deeper than ${MAX_DEPTH} levels` },
      ]);
    }
    const path = this.path;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        this.visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    // JSON.parse makes plain objects: for-in sees exactly their own keys, "__proto__" included.
    for (const key in value) {
      path.push(key);
      if (isObjectMember(key)) this.addDefect(OBJECT_MEMBER_MESSAGE);
      if (this.checkStrings) this.checkString(key, true);
      this.visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  }

  private checkString(text: string, isName: boolean): void {
    const defect = stringDefect(text);
    if (defect === null) return;
    this.addDefect(isName ? `is a field name that ${defect}` : defect);
  }

  private addDefect(message: string): void {
    this.defectCount++;
    if (this.defects.length < MAX_REPORTED_FIELDS) this.defects.push({ field: formatPath(this.path), message });
  }

  get totalDefects(): number {
    return this.defectCount;
  }
}

/**
 * True when nothing in the value is null or nested too deep: the usual body, told in a walk that
 * keeps no path (a fifth of the cost of one that does, a twentieth of JSON.parse's).
 */
function isPlain(value: unknown, depth: number, checkStrings: boolean): boolean {
  if (typeof value !== 'object') return !(checkStrings && typeof value === 'string' && stringDefect(value) !== null);
  if (value === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if ((typeof item === 'object' || checkStrings) && !isPlain(item, depth + 1, checkStrings)) return false;
    }
    return true;
  }
  for (const key in value) {
    if (isObjectMember(key) || (checkStrings && stringDefect(key) !== null)) return false;
    const item = (value as Record<string, unknown>)[key];
    if ((typeof item === 'object' || checkStrings) && !isPlain(item, depth + 1, checkStrings)) return false;
  }
  return true;
}

/**
 * Checks a parsed body in walks that stop at the depth limit (so no later recursive step,
 * class-transformer's included, meets a deeper value): no string or field name holds NUL or an
 * unpaired surrogate; returns the path of every null, for the contract to judge. Paths are
 * traced only when there is something to name. `checkStrings` false skips the string checks, for
 * a body whose text cannot hold such a string.
 */
export function inspectJson(value: unknown, checkStrings: boolean): PathSegment[][] {
  if (isPlain(value, 1, checkStrings)) return [];
  const inspection = new Inspection(checkStrings);
  inspection.visit(value, 1);
  if (inspection.totalDefects > 0) throw fieldsFailed(inspection.defects, inspection.totalDefects);
  return inspection.nulls;
}

/** A validation problem for `total` bad fields, listing at most MAX_REPORTED_FIELDS of them. */
export function fieldsFailed(fields: FieldError[], total = fields.length): CommonException {
  if (total <= MAX_REPORTED_FIELDS && fields.length === total) return validationFailed(fields);
  const shown = fields.slice(0, MAX_REPORTED_FIELDS);
  return new CommonException(
    CommonExceptionCode.VALIDATION_FAILED,
    `The request has ${total} invalid fields; the first ${shown.length} are listed`,
    shown,
  );
}
