/**
 * Arbitraries for values a schema allows, steered by the fixtures of the fuzzed app (ids that
 * exist, categories with a policy) so that valid requests reach past the 404s.
 */
import fc from 'fast-check';

import { resolve, type Schema, type Spec } from './spec.js';

/** What the fuzzed app holds: ids by collection (`suppliers`, `audits`, …) and categories with a policy. */
export interface World {
  ids: Record<string, string[]>;
  categories: string[];
  cursors: string[];
}

const CHECKLIST_KEYS = ['as_described', 'safety', 'service', 'cleanliness'];
const DAY = 86_400_000;

function today(): number {
  return Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
}

export const isoDate = (fromDaysAgo: number, toDaysAhead: number): fc.Arbitrary<string> =>
  fc.integer({ min: -fromDaysAgo, max: toDaysAhead }).map((d) => new Date(today() + d * DAY).toISOString().slice(0, 10));

export const isoInstant = (fromDaysAgo: number, toDaysAhead: number): fc.Arbitrary<string> =>
  fc.integer({ min: -fromDaysAgo * DAY, max: toDaysAhead * DAY }).map((ms) => new Date(Date.now() + ms).toISOString());

/** Ids of the collection a field names (`supplierId`, `conflictSupplierIds` → suppliers), else any UUID. */
function idFor(name: string, world: World): fc.Arbitrary<string> {
  const collection = /shopper/i.test(name) ? 'shoppers' : /supplier/i.test(name) ? 'suppliers' : undefined;
  const known = collection ? (world.ids[collection] ?? []) : [];
  return known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
}

function stringFor(s: Schema, name: string, world: World): fc.Arbitrary<string> {
  if (s.format === 'uuid') return idFor(name, world);
  if (s.format === 'date' || name === 'asOf') return isoDate(400, 1);
  if (/At$/.test(name)) return name === 'dueAt' ? isoInstant(1, 30) : isoInstant(30, 0);
  if (name === 'category' || name === 'categories') return fc.constantFrom(...world.categories, 'tour');
  if (name === 'url' || name === 'evidenceUrls') return fc.constantFrom('https://example.com/hook', 'http://localhost:1/h');
  if (name === 'key') return fc.constantFrom(...CHECKLIST_KEYS);
  if (name === 'source') return fc.constantFrom('platform', 'partner-a');
  const min = Math.max(s.minLength ?? 1, name === 'secret' ? 16 : name === 'reason' ? 3 : 1);
  const max = Math.max(min, Math.min(s.maxLength ?? 24, 24));
  return fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }).map((t) => (/\S/.test(t) ? t : `x${t}`.slice(0, max)));
}

function numberFor(s: Schema, name: string): fc.Arbitrary<number> {
  const min = s.minimum ?? (name === 'rating' ? 1 : 0);
  const max = s.maximum ?? (name === 'rating' ? 5 : 100);
  const integer = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  if (s.type === 'integer' || max - min >= 5) return integer;
  return fc.oneof(integer, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** A value the schema allows (as the spec says it; the code may still refuse it for reasons the spec does not state). */
export function validValue(spec: Spec, schema: Schema | undefined, world: World, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(spec, schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      return stringFor(s, name, world);
    case 'number':
    case 'integer':
      return numberFor(s, name);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 3, 3));
      const items = validValue(spec, s.items, world, name, depth + 1);
      return name === 'checklist' || name === 'auditChecklist'
        ? fc.uniqueArray(items, { minLength: Math.max(1, minLength), maxLength, selector: (i) => (i as { key?: unknown }).key })
        : fc.array(items, { minLength, maxLength });
    }
    case undefined:
    default:
      break;
  }
  if (!s.properties || depth > 6) return fc.constant({});
  // Required fields always; each optional one in one request of three, so that a valid request
  // with many optional fields still has a fair chance of passing the rules the spec does not state.
  const required = new Set(s.required ?? []);
  const entries = Object.entries(s.properties).map(([key, property]) => {
    const value = validValue(spec, property, world, key, depth + 1);
    return required.has(key)
      ? value.map((v) => [key, v] as const)
      : fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value.map((v) => [key, v] as const) });
  });
  return fc.tuple(...entries).map((pairs) => {
    const v: Record<string, unknown> = {};
    for (const pair of pairs) if (pair) v[pair[0]] = pair[1];
    // A review names its supplier one way only.
    if ('supplierId' in v && 'supplierRef' in v) delete v.supplierRef;
    return v;
  });
}
