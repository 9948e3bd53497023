/**
 * Optimistic concurrency for policy edits (RFC 9110 §13.1.1, If-Match): an editor names the
 * version it read, and the edit is refused when another has been published since, rather than
 * silently replacing it. A policy's entity tag is its version number, quoted: `"7"`.
 */
export type VersionPrecondition = { any: true } | { any: false; tags: string[] };

/** The entity tag of a policy version, as ETag answers it and If-Match names it. */
export function policyETag(version: number): string {
  return `"${version}"`;
}

const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e]*"$/;

/**
 * An If-Match header: `*`, or a comma-separated list of entity tags (a weak tag `W/"7"` is valid
 * but never matches: If-Match compares strongly). Null when there is none; a reason when it is not
 * one (which the caller answers 400).
 */
export function parseIfMatch(header: string | undefined): { precondition: VersionPrecondition | null } | { invalid: string } {
  if (header === undefined) return { precondition: null };
  const value = header.trim();
  if (value === '*') return { precondition: { any: true } };
  const tags = value.split(',').map((t) => t.trim());
  if (value === '' || tags.some((t) => !ENTITY_TAG.test(t))) {
    return { invalid: 'must be * or quoted versions such as "7" (several separated by commas)' };
  }
  return { precondition: { any: false, tags } };
}

/** Why an edit with this precondition may not be made when the latest version is `latest` (null: none yet), or null when it may. */
export function preconditionRefusal(precondition: VersionPrecondition | null, latest: number | null): string | null {
  if (precondition === null) return null;
  if (precondition.any) return latest === null ? 'If-Match: * needs a published version, and there is none yet' : null;
  if (latest !== null && precondition.tags.includes(policyETag(latest))) return null;
  const named = precondition.tags.join(', ');
  return latest === null
    ? `If-Match names ${named}, but no version is published yet`
    : `The latest version is ${policyETag(latest)}, not ${named}: another edit was published since; read it and make the change again`;
}
