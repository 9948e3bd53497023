/** What a redacted value reads in the logs. */
export const REDACTED = '[redacted]';

/** Field names whose values are never logged, at any depth: credentials, signatures, cookies. */
const SECRET_FIELD = /authorization|cookie|token|secret|password|passphrase|api[-_]?key|signature|credential/i;
/** A bearer credential inside a string ("Bearer abc…"). */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** A JWT anywhere in a string: three base64url parts, the first a JSON object's (`eyJ`). */
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
/** Credentials in a URL (`https://user:password@host`). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;

const MAX_DEPTH = 8;

/** A string with any bearer credential, JWT or URL password in it replaced. */
export function scrubText(text: string): string {
  return text.replace(BEARER, `$1 ${REDACTED}`).replace(JWT, REDACTED).replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/**
 * A copy of a log record's fields that carries no secret: a field named like a credential is
 * replaced whatever it holds, and strings are scrubbed of tokens (scrubText). Errors and other
 * class instances are kept as they are for their serializers (whose output is scrubbed too).
 */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_FIELD.test(key) ? REDACTED : scrubSecrets(v, depth + 1);
  return out;
}
