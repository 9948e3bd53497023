/**
 * A list of plain values (uuids, numbers, codes: never text that may hold a comma) as one
 * comma-separated parameter, read in SQL as `string_to_array($n, ',', '')::type[]` (an empty item
 * is NULL). pg escapes an array parameter element by element in JavaScript, which cost a scoring
 * run more than the database's work on the same rows.
 */
export function sqlList(values: ReadonlyArray<string | number | null>): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && v.includes(',')) throw new Error(`sqlList: "${v}" holds a comma`);
    out += (i === 0 ? '' : ',') + (v === null ? '' : String(v));
  }
  return out;
}
