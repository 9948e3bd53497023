import { createSecretKey, type KeyObject } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';

/** The longest a token may be valid (PRODUCT.md, "Tokens say who and until when"). */
import { DEFAULT_JWT_MAX_TTL_HOURS } from '../../config/auth-defaults.js';
import { CATEGORY_PATTERN } from '../category-slug.js';
import { UUID_PATTERN } from '../ids/uuid.js';
import { AuthExceptionCode } from './auth.exception.js';
import { type Principal, type Role, ROLES } from './principal.js';

export { DEFAULT_JWT_MAX_TTL_HOURS };
const DEFAULT_TTL_SECONDS = 12 * 3600;

export interface TokenOptions {
  sub: string;
  role: Role;
  categories?: string[];
  shopperId?: string;
  supplierId?: string;
  expiresInSeconds?: number;
}

/** Signs an HS256 token carrying `iat` and `exp` (12 hours unless told). */
export function signToken(secret: string, options: TokenOptions): string {
  const payload: Record<string, unknown> = { role: options.role };
  if (options.categories) payload.categories = options.categories;
  if (options.shopperId) payload.shopperId = options.shopperId;
  if (options.supplierId) payload.supplierId = options.supplierId;
  return jwt.sign(payload, secret, {
    algorithm: 'HS256',
    subject: options.sub,
    expiresIn: options.expiresInSeconds ?? DEFAULT_TTL_SECONDS,
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

export interface VerifyOptions {
  /** The longest lifetime accepted, in hours: `exp − iat`, and `exp − now` (default 720). */
  maxTtlHours?: number;
  /** Where the server's secret was generated, named when a signature does not match. */
  secretFile?: string;
  /** The present, in seconds since 1970 (default: the clock). */
  nowSeconds?: number;
}

export type TokenRefusalCode =
  | AuthExceptionCode.MALFORMED_TOKEN
  | AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH
  | AuthExceptionCode.TOKEN_EXPIRED
  | AuthExceptionCode.TOKEN_NOT_YET_VALID
  | AuthExceptionCode.TOKEN_WITHOUT_EXPIRY
  | AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG
  | AuthExceptionCode.INVALID_TOKEN_CLAIMS;

/** A verified caller, or why the token is refused, in words that say what to do. */
export type TokenVerification = { ok: true; principal: Principal } | { ok: false; code: TokenRefusalCode; detail: string };

const VERIFY = { algorithms: ['HS256'] } satisfies jwt.VerifyOptions;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function refuse(code: TokenRefusalCode, detail: string): TokenVerification {
  return { ok: false, code, detail };
}

/** A token whose signature and claims were verified once: its claims and the principal they name. */
interface Verified {
  claims: jwt.JwtPayload;
  principal: TokenVerification;
}

/**
 * Tokens verified before, by secret: a caller sends the same token with every request, and its
 * signature and claims do not change, so they are checked once (a cached token is one this
 * server's secret signed: no caller can fill the cache with tokens of its own). What depends on
 * the time (exp, nbf, the lifetime) is checked again on every request.
 */
const verifiedTokens = new Map<string, LRUCache<string, Verified>>();
const VERIFIED_TOKENS_KEPT = 10_000;

function verifiedOf(secret: string): LRUCache<string, Verified> {
  let cache = verifiedTokens.get(secret);
  if (!cache) verifiedTokens.set(secret, (cache = new LRUCache<string, Verified>({ max: VERIFIED_TOKENS_KEPT })));
  return cache;
}

/** Verifies signature, algorithm, expiry and lifetime, then the claims of API.md. */
export function verifyToken(secret: string, token: string, options: VerifyOptions = {}): TokenVerification {
  const cache = verifiedOf(secret);
  let verified = cache.get(token);
  if (!verified || !withinClock(verified.claims, options)) {
    const fresh = verifyAfresh(secret, token, options);
    if (!('claims' in fresh)) return fresh;
    cache.set(token, (verified = fresh));
  }
  return lifetimeRefusal(verified.claims, options) ?? verified.principal;
}

/** jsonwebtoken's own clock checks on claims it verified before: expired once now ≥ exp, not yet valid while nbf > now. */
function withinClock(claims: jwt.JwtPayload, options: VerifyOptions): boolean {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  return typeof claims.exp === 'number' && now < claims.exp && !(typeof claims.nbf === 'number' && claims.nbf > now);
}

/** The signature, algorithm and clock checked by jsonwebtoken, and the claims read: what is kept, or why the token is refused. */
function verifyAfresh(secret: string, token: string, options: VerifyOptions): Verified | TokenVerification {
  let claims: unknown;
  try {
    claims = jwt.verify(
      token,
      keyOf(secret),
      options.nowSeconds === undefined ? VERIFY : { ...VERIFY, clockTimestamp: options.nowSeconds },
    );
  } catch (error) {
    return refusalOf(error, token, options);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return refuse(AuthExceptionCode.MALFORMED_TOKEN, 'The bearer token is malformed: its payload is not a JSON object of claims');
  }
  return { claims: claims as jwt.JwtPayload, principal: principalOf(claims as Record<string, unknown>) };
}

function refusalOf(error: unknown, token: string, options: VerifyOptions): TokenVerification {
  if (error instanceof jwt.TokenExpiredError) {
    return refuse(
      AuthExceptionCode.TOKEN_EXPIRED,
      `The bearer token expired at ${isoOf(error.expiredAt)}; get a new one (locally: npm run token -- --role <role>)`,
    );
  }
  if (error instanceof jwt.NotBeforeError) {
    return refuse(AuthExceptionCode.TOKEN_NOT_YET_VALID, `The bearer token is not valid before ${isoOf(error.date)} (nbf)`);
  }
  const message = error instanceof jwt.JsonWebTokenError ? error.message : '';
  if (message === 'invalid signature') {
    return refuse(
      AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH,
      options.secretFile
        ? `The bearer token was signed with another secret than this server's. Without JWT_SECRET, outside production, ` +
            `the server's secret is generated in ${options.secretFile}: sign with that one (npm run token does, ` +
            `with the same DATA_DIR), or give the server and the issuer the same JWT_SECRET`
        : `The bearer token was signed with another secret than this server's JWT_SECRET: sign it with the same JWT_SECRET`,
    );
  }
  if (message === 'invalid exp value' || message === 'invalid nbf value') {
    const claim = message.split(' ')[1];
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, `The bearer token's ${claim} must be a number of seconds since 1970`);
  }
  if (message === 'invalid algorithm' || message === 'jwt signature is required') {
    return refuse(
      AuthExceptionCode.MALFORMED_TOKEN,
      `The bearer token is signed with alg ${quoted(algorithmOf(token) ?? null)}; this service accepts HS256 only`,
    );
  }
  return refuse(
    AuthExceptionCode.MALFORMED_TOKEN,
    'The bearer token is malformed: a JWT is three base64url parts (header.payload.signature) whose header and payload are JSON',
  );
}

/** The `alg` a token's header names (read only to explain a refusal). */
function algorithmOf(token: string): unknown {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
  } catch {
    return undefined;
  }
}

function lifetimeRefusal(claims: jwt.JwtPayload, options: VerifyOptions): TokenVerification | undefined {
  const maxHours = options.maxTtlHours ?? DEFAULT_JWT_MAX_TTL_HOURS;
  const { exp, iat } = claims;
  if (exp === undefined) {
    return refuse(
      AuthExceptionCode.TOKEN_WITHOUT_EXPIRY,
      `The bearer token has no exp: tokens must expire, at most ${maxHours} hours after they are issued (JWT_MAX_TTL_HOURS)`,
    );
  }
  if (iat !== undefined && typeof iat !== 'number') {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, "The bearer token's iat must be a number of seconds since 1970");
  }
  const now = options.nowSeconds ?? Date.now() / 1000;
  // Counted from its issue and from now: a token dated "in the future" is not valid for longer.
  const fromNow = iat === undefined || iat > now;
  const lifetime = fromNow ? exp - now : exp - iat;
  if (lifetime > maxHours * 3600) {
    return refuse(
      AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG,
      `The bearer token is valid for ${hours(lifetime)} hours${fromNow ? ' from now' : ''} ` +
        `(until ${isoOf(new Date(exp * 1000))}); this server accepts at most ${maxHours} hours ` +
        `(JWT_MAX_TTL_HOURS): get a token that expires sooner`,
    );
  }
  return undefined;
}

function hours(seconds: number): string {
  return String(Math.round((seconds / 3600) * 10) / 10);
}

/** A claim's instant for a message; a date beyond what Date holds is said as such, not thrown. */
function isoOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'a date out of range' : date.toISOString();
}

/** A claim's value for a message, cut short: a token can carry kilobytes of it. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function principalOf(claims: Record<string, unknown>): TokenVerification {
  const { sub, role, categories, shopperId, supplierId } = claims;
  // The subject becomes the actor on decisions and audits: a name, never control characters.
  if (typeof sub !== 'string' || sub.length === 0) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, 'The bearer token has no sub: it must say who is calling (a non-empty string)');
  }
  if (CONTROL_CHARACTER.test(sub)) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, "The bearer token's sub holds a control character; it must be a plain name");
  }
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    return refuse(
      AuthExceptionCode.INVALID_TOKEN_CLAIMS,
      `The bearer token's role ${role === undefined ? 'is missing' : `${quoted(role)} is unknown`}; ` + `roles are ${ROLES.join(', ')}`,
    );
  }
  if (categories !== undefined) {
    if (!Array.isArray(categories)) {
      return refuse(
        AuthExceptionCode.INVALID_TOKEN_CLAIMS,
        `The bearer token's categories must be a list of category slugs (${CATEGORY_PATTERN.source}), such as ["hotel"]`,
      );
    }
    const bad = (categories as unknown[]).findIndex((c) => typeof c !== 'string' || !CATEGORY_PATTERN.test(c));
    if (bad >= 0) {
      return refuse(
        AuthExceptionCode.INVALID_TOKEN_CLAIMS,
        `The bearer token's categories entry ${quoted(categories[bad])} is not a category slug (${CATEGORY_PATTERN.source})`,
      );
    }
  }
  if (shopperId !== undefined && (typeof shopperId !== 'string' || shopperId.length === 0)) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, "The bearer token's shopperId must be a non-empty string");
  }
  if (role === 'mystery_shopper' && shopperId === undefined) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, 'A mystery_shopper token needs shopperId: the shopper it acts for');
  }
  if (supplierId !== undefined && (typeof supplierId !== 'string' || !UUID_PATTERN.test(supplierId))) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, "The bearer token's supplierId must be a supplier's id (a UUID)");
  }
  if (role === 'supplier' && supplierId === undefined) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, 'A supplier token needs supplierId: the supplier it speaks for');
  }
  if (role !== 'supplier' && supplierId !== undefined) {
    return refuse(AuthExceptionCode.INVALID_TOKEN_CLAIMS, `Only a supplier token carries supplierId; this one's role is ${role}`);
  }
  return {
    ok: true,
    principal: {
      sub,
      role: role as Role,
      categories: categories as string[] | undefined,
      shopperId: shopperId as string | undefined,
      ...(supplierId === undefined ? {} : { supplierId: (supplierId as string).toLowerCase() }),
    },
  };
}
