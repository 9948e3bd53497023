/**
 * A list of plain values (uuids, numbers, codes: never text that may hold a comma) as one
 * comma-separated parameter, read in SQL as `string_to_array($n, ',', '')::type[]` (an empty item
 * is NULL). pg escapes an array parameter element by element in JavaScript, which cost a scoring
 * run more than the database's work on the same rows.
 */
export function sqlList(values: ReadonlyArray<string | number | null>): string {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && v.includes(',')) throw new Error(`sqlList: "${v}" holds a comma`);
  }
  // One flat string (join writes null as an empty item): appending item by item made a rope of
  // thousands of pieces that pg then flattened, a fifth of what a scoring run allocates.
  return values.join(',');
}

/** Separates the items of a `sqlTextList`: a control character that no sentence holds and JSON.stringify always escapes. */
const TEXT_LIST_SEPARATOR = '\x1e';
/** Stands for NULL in a `sqlTextList` (so an empty string stays an empty string). */
const TEXT_LIST_NULL = '\x1f';

/**
 * A list of any text (sentences, JSON) as one parameter, read in SQL by `textList(n)`. Much
 * cheaper than an array parameter or a JSON document of records, which PostgreSQL parses at some
 * 45 µs a record: a scoring run writes tens of thousands of decisions at once.
 */
export function sqlTextList(values: ReadonlyArray<string | null>): string {
  if (values.length === 0) return '';
  const items = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && (v.includes(TEXT_LIST_SEPARATOR) || v.includes(TEXT_LIST_NULL)))
      throw new Error(`sqlTextList: "${v}" holds a list control character`);
    items[i] = v === null ? TEXT_LIST_NULL : v;
  }
  // Every item starts with the separator (the SQL drops the empty first one), so a list of one
  // empty string is not read as an empty list. Joined at once, as sqlList.
  return TEXT_LIST_SEPARATOR + items.join(TEXT_LIST_SEPARATOR);
}

/** The SQL reading parameter `$n` made by `sqlTextList` as a text[]. */
export function textList(n: number): string {
  return `(string_to_array($${n}, chr(30), chr(31)))[2:]`;
}

/**
 * The SQL reading parameter `$n` made by `sqlList` as a uuid[] the planner cannot look into: a
 * scalar subquery, computed once at execution. Given the ids themselves, PostgreSQL estimates
 * `= ANY(...)` element by element against the column's statistics, which for a scoring batch of
 * 2,000 ids cost 8 ms of planning on the review read and 14–19 ms on the complaint read, against
 * 30–40 ms of execution (bench/README.md); the plan it picks without them is the same index scan.
 * For reads of a batch of ids by an index that leads with the id.
 */
export function opaqueIdList(n: number): string {
  return `CAST((SELECT string_to_array($${n}, ',')::uuid[]) AS uuid[])`;
}
