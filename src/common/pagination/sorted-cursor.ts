import { invalidCursor } from './page.js';

/** A keyset position in a list sorted by a key other than its sequence: the sort's name, the key's value, the row's seq. */
export interface SortedPosition {
  sort: string;
  key: string | number;
  seq: string;
}

/** Opaque to clients, like `encodeCursor`'s: `o:` and a JSON triple, in base64url. */
export function encodeSortedCursor(position: SortedPosition): string {
  return Buffer.from(`o:${JSON.stringify([position.sort, position.key, position.seq])}`, 'utf8').toString('base64url');
}

/**
 * The position a sorted cursor names, accepted only in the exact form `encodeSortedCursor` writes,
 * for the sort the request asks for (a cursor of another sort names no row of this one) and with
 * a key of the type that sort uses.
 */
export function decodeSortedCursor(cursor: string | undefined, sort: string, keyType: 'number' | 'string'): SortedPosition | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('o:')) throw invalidCursor();
  let triple: unknown;
  try {
    triple = JSON.parse(text.slice(2));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(triple) || triple.length !== 3) throw invalidCursor();
  const [name, key, seq] = triple as unknown[];
  if (name !== sort || typeof key !== keyType || (typeof key === 'number' && !Number.isFinite(key))) throw invalidCursor();
  if (typeof seq !== 'string' || !/^(0|[1-9]\d{0,18})$/.test(seq) || BigInt(seq) > 9223372036854775807n) throw invalidCursor();
  const position = { sort, key: key as string | number, seq };
  if (encodeSortedCursor(position) !== cursor) throw invalidCursor();
  return position;
}
