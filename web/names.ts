import { get } from './api';
import type { Supplier } from './types';

/** Suppliers already read, by id, so lists that carry only ids can show names. */
const cache = new Map<string, Promise<Supplier | null>>();

export function rememberSuppliers(suppliers: Supplier[]): void {
  for (const s of suppliers) cache.set(s.id, Promise.resolve(s));
}

export function supplierById(id: string): Promise<Supplier | null> {
  let found = cache.get(id);
  if (!found) {
    found = get<Supplier>(`/v1/suppliers/${id}`).catch(() => null);
    cache.set(id, found);
  }
  return found;
}

/** Names for the ids given (a list's own `name` or `supplierName` wins when the API sends one). */
export async function namesFor(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => supplierById(id)));
  return new Map(unique.map((id, i) => [id, found[i]?.name ?? id.slice(0, 8)]));
}
