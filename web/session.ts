/** The bearer token, kept for this tab only (sessionStorage), and what its claims say. */
const KEY = 'workbench.token';

export interface Claims {
  sub?: string;
  role?: string;
  categories?: string[];
  exp?: number;
}

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

/** The token's claims, read without verifying it (the API verifies); null when it is not a JWT. */
export function claimsOf(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims !== null && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** Roles the workbench is not for, with what to tell their holder. */
const OTHER_ROLES: Record<string, string> = {
  mystery_shopper:
    "This is a mystery shopper's token. The workbench is for category managers and admins; a shopper's audits are at /v1/me/audits.",
  supplier: "This is a supplier's token. The workbench is for category managers and admins; a supplier reads its own record at /v1/me/….",
};

/** Why the workbench turns this role away, or null when it is one the workbench serves. */
export function refusalForRole(role: string | undefined): string | null {
  return role !== undefined && role in OTHER_ROLES ? OTHER_ROLES[role] : null;
}

/** The category a page opens on: the last one chosen, else the token's first, else hotel. */
export function defaultCategory(): string {
  const token = storedToken();
  const categories = token ? claimsOf(token)?.categories : undefined;
  const chosen = sessionStorage.getItem('workbench.category');
  if (chosen && (!categories || categories.includes(chosen))) return chosen;
  return categories?.[0] ?? 'hotel';
}
