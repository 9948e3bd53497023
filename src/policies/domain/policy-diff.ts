import { POLICY_FIELDS, type PolicySettings } from './policy.js';

/** One setting that differs between two versions: its value in the older (`from`) and the newer (`to`). */
export interface PolicyChange {
  field: keyof PolicySettings;
  from: unknown;
  to: unknown;
}

/** Two versions compared: each change goes from its value in `from` (null: PRODUCT.md's defaults) to its value in `to`. */
export interface PolicyDiff {
  from: number | null;
  to: number;
  changes: PolicyChange[];
}

/**
 * Equality of JSON values: arrays element by element in order, objects key by key in any order
 * (a checklist read back from jsonb has its keys reordered, and is still the same checklist).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * The settings that differ from `from` to `to`, field by field in the policy's field order. A
 * list field (windows, the audit checklist) is one field: it is compared, and reported, whole,
 * as PATCH replaces it whole.
 */
export function policyChanges(from: PolicySettings, to: PolicySettings): PolicyChange[] {
  return POLICY_FIELDS.filter((field) => !sameValue(from[field], to[field])).map((field) => ({ field, from: from[field], to: to[field] }));
}
