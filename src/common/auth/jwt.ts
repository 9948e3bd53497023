import { createSecretKey, type KeyObject } from 'node:crypto';

import jwt from 'jsonwebtoken';

import { type Principal, type Role, ROLES } from './principal.js';

export interface TokenOptions {
  sub: string;
  role: Role;
  categories?: string[];
  shopperId?: string;
  expiresInSeconds?: number;
}

export function signToken(secret: string, options: TokenOptions): string {
  const payload: Record<string, unknown> = { role: options.role };
  if (options.categories) payload.categories = options.categories;
  if (options.shopperId) payload.shopperId = options.shopperId;
  return jwt.sign(payload, secret, {
    algorithm: 'HS256',
    subject: options.sub,
    expiresIn: options.expiresInSeconds ?? 12 * 3600,
  });
}

/**
 * The secret as a key object, made once: given a string, jsonwebtoken first tries to parse it as a
 * PEM public key on every call, and that failed attempt cost more than the rest of verifying.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Verifies signature, algorithm and expiry, then the claims; returns null when anything is off. */
export function verifyToken(secret: string, token: string): Principal | null {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'] });
  } catch {
    return null;
  }
  if (typeof claims === 'string') return null;
  const { sub, role, categories, shopperId } = claims as Record<string, unknown>;
  // The subject becomes the actor on decisions and audits: a name, never control characters.
  if (typeof sub !== 'string' || sub.length === 0 || CONTROL_CHARACTER.test(sub)) return null;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (categories !== undefined && (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string'))) {
    return null;
  }
  if (shopperId !== undefined && typeof shopperId !== 'string') return null;
  if (role === 'mystery_shopper' && typeof shopperId !== 'string') return null;
  return {
    sub,
    role: role as Role,
    categories: categories as string[] | undefined,
    shopperId: shopperId as string | undefined,
  };
}
