export const ROLES = ['admin', 'category_manager', 'mystery_shopper', 'integration', 'supplier'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the bearer token says. */
export interface Principal {
  sub: string;
  role: Role;
  /** For a category manager: the categories they manage; undefined means all of them. */
  categories?: readonly string[];
  shopperId?: string;
  /** For a supplier: the supplier it is; it sees its own data only. */
  supplierId?: string;
}

/** True when the principal may act on the given category (admins and unscoped managers may). */
export function canAccessCategory(principal: Principal, category: string): boolean {
  if (principal.role !== 'category_manager' || principal.categories === undefined) return true;
  return principal.categories.includes(category);
}

/** The categories a listing must be limited to, or undefined for no limit. */
export function categoryScope(principal: Principal): readonly string[] | undefined {
  return principal.role === 'category_manager' ? principal.categories : undefined;
}
