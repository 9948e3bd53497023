import { createHmac } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';

import { AuthExceptionCode } from '../../src/common/auth/auth.exception.js';
import { signToken, type TokenVerification, type VerifyOptions, verifyToken } from '../../src/common/auth/jwt.js';

const SECRET = 'unit-test-secret-0123456789';
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

/** An HS256 token carrying exactly these claims: jsonwebtoken's sign adds or drops iat and checks types. */
function raw(claims: Record<string, unknown>, secret = SECRET): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

/** Claims that pass, expiring in an hour, to vary one at a time. */
function valid(claims: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 'ann', role: 'admin', iat: now(), exp: now() + HOUR, ...claims };
}

function refusal(token: string, options?: VerifyOptions): { code: string; detail: string } {
  const result: TokenVerification = verifyToken(SECRET, token, options);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.principal)}`);
  return { code: result.code, detail: result.detail };
}

describe('bearer tokens', () => {
  it('round-trips the claims of API.md, and every signed token carries iat and exp', () => {
    const token = signToken(SECRET, { sub: 'ann', role: 'category_manager', categories: ['hotel', 'city-tour_2'] });
    expect(verifyToken(SECRET, token)).toEqual({
      ok: true,
      principal: { sub: 'ann', role: 'category_manager', categories: ['hotel', 'city-tour_2'], shopperId: undefined },
    });
    const claims = jwt.decode(token) as jwt.JwtPayload;
    expect(claims.iat).toBeCloseTo(now(), -1);
    expect(claims.exp! - claims.iat!).toBe(12 * HOUR);
  });

  it('refuses a token signed with another secret, saying so and never printing either secret', () => {
    const token = signToken('another-secret-0123456789', { sub: 'a', role: 'admin' });
    const plain = refusal(token);
    expect(plain.code).toBe(AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH);
    expect(plain.detail).toContain('signed with another secret');
    expect(plain.detail).toContain('JWT_SECRET');
    const local = refusal(token, { secretFile: '/srv/app/.data/jwt-secret' });
    expect(local.detail).toContain('/srv/app/.data/jwt-secret');
    for (const detail of [plain.detail, local.detail]) {
      expect(detail).not.toContain(SECRET);
      expect(detail).not.toContain('another-secret-0123456789');
    }
  });

  it('refuses an expired token, naming when it expired', () => {
    const exp = now() - 90;
    const { code, detail } = refusal(raw(valid({ iat: exp - HOUR, exp })));
    expect(code).toBe(AuthExceptionCode.TOKEN_EXPIRED);
    expect(detail).toContain(`expired at ${new Date(exp * 1000).toISOString()}`);
  });

  it('refuses a token that is not valid yet, naming from when', () => {
    const nbf = now() + 600;
    const { code, detail } = refusal(raw(valid({ nbf })));
    expect(code).toBe(AuthExceptionCode.TOKEN_NOT_YET_VALID);
    expect(detail).toContain(new Date(nbf * 1000).toISOString());
  });

  it('refuses a token without exp', () => {
    const { code, detail } = refusal(raw({ sub: 'a', role: 'admin', iat: now() }));
    expect(code).toBe(AuthExceptionCode.TOKEN_WITHOUT_EXPIRY);
    expect(detail).toContain('no exp');
    expect(detail).toContain('720 hours');
  });

  it('refuses an exp that is not a number', () => {
    const { code, detail } = refusal(raw(valid({ exp: '2030-01-01' })));
    expect(code).toBe(AuthExceptionCode.INVALID_TOKEN_CLAIMS);
    expect(detail).toContain('exp must be a number');
  });

  it('accepts exactly the longest lifetime and refuses a second more (exp − iat)', () => {
    const iat = now();
    expect(verifyToken(SECRET, raw(valid({ iat, exp: iat + 720 * HOUR }))).ok).toBe(true);
    const { code, detail } = refusal(raw(valid({ iat, exp: iat + 720 * HOUR + 1 })));
    expect(code).toBe(AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG);
    expect(detail).toContain('at most 720 hours');
    expect(detail).toContain('JWT_MAX_TTL_HOURS');
  });

  it('counts a lifetime from iat even when most of it has passed', () => {
    const { code, detail } = refusal(raw(valid({ iat: now() - 800 * HOUR, exp: now() + HOUR })));
    expect(code).toBe(AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG);
    expect(detail).toContain('valid for 801 hours');
  });

  it('without iat, or with an iat in the future, counts the lifetime from now', () => {
    const t = 1_900_000_000;
    const withoutIat = raw({ sub: 'a', role: 'admin', exp: t + 721 * HOUR });
    expect(refusal(withoutIat, { nowSeconds: t })).toMatchObject({
      code: AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG,
      detail: expect.stringContaining('valid for 721 hours from now') as string,
    });
    expect(verifyToken(SECRET, withoutIat, { nowSeconds: t + 2 * HOUR }).ok).toBe(true);
    const futureIat = raw({ sub: 'a', role: 'admin', iat: t + 100 * HOUR, exp: t + 800 * HOUR });
    expect(refusal(futureIat, { nowSeconds: t }).code).toBe(AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG);
  });

  it('follows the configured longest lifetime', () => {
    const token = raw(valid({ exp: now() + 3 * HOUR }));
    expect(verifyToken(SECRET, token, { maxTtlHours: 3 }).ok).toBe(true);
    expect(refusal(token, { maxTtlHours: 2 }).detail).toContain('at most 2 hours');
  });

  it('refuses an iat that is not a number', () => {
    expect(refusal(raw(valid({ iat: 'yesterday' })))).toMatchObject({
      code: AuthExceptionCode.INVALID_TOKEN_CLAIMS,
      detail: expect.stringContaining('iat must be a number') as string,
    });
  });

  it.each([
    ['garbage', 'nonsense'],
    ['three parts that are not base64url JSON', 'not.a.token'],
    ['a payload that is not JSON', `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.bm90IGpzb24.c2ln`],
    ['an empty string', ''],
  ])('refuses %s as malformed', (_, token) => {
    const { code, detail } = refusal(token);
    expect(code).toBe(AuthExceptionCode.MALFORMED_TOKEN);
    expect(detail).toContain('malformed');
  });

  it('refuses a payload that is JSON but not an object of claims', () => {
    const token = jwt.sign('"just a string"', SECRET, { algorithm: 'HS256' });
    expect(refusal(token)).toMatchObject({
      code: AuthExceptionCode.MALFORMED_TOKEN,
      detail: expect.stringContaining('JSON object') as string,
    });
  });

  it('refuses alg none and other algorithms, naming the algorithm', () => {
    const none = jwt.sign(valid(), '', { algorithm: 'none' });
    expect(refusal(none)).toEqual({ code: AuthExceptionCode.MALFORMED_TOKEN, detail: expect.stringContaining('alg "none"') as string });
    const hs512 = jwt.sign(valid(), SECRET, { algorithm: 'HS512' });
    expect(refusal(hs512).detail).toContain('alg "HS512"; this service accepts HS256 only');
  });

  it('refuses an unknown or missing role, naming the roles there are', () => {
    const unknown = refusal(raw(valid({ role: 'root' })));
    expect(unknown.code).toBe(AuthExceptionCode.INVALID_TOKEN_CLAIMS);
    expect(unknown.detail).toContain('"root" is unknown');
    expect(unknown.detail).toContain('admin, category_manager, mystery_shopper, integration');
    expect(refusal(raw(valid({ role: undefined }))).detail).toContain('role is missing');
  });

  it.each([['Hotel'], ['../x'], [''], ['9lives'], ['a'.repeat(65)], ['hotel tour']])(
    'refuses the categories entry %j, which is not a category slug',
    (entry) => {
      const { code, detail } = refusal(raw(valid({ role: 'category_manager', categories: ['hotel', entry] })));
      expect(code).toBe(AuthExceptionCode.INVALID_TOKEN_CLAIMS);
      expect(detail).toContain('not a category slug');
      expect(detail).toContain(JSON.stringify(entry).slice(0, 20));
    },
  );

  it('refuses categories that are not a list of strings', () => {
    expect(refusal(raw(valid({ role: 'category_manager', categories: 'hotel' }))).detail).toContain('must be a list of category slugs');
    expect(refusal(raw(valid({ role: 'category_manager', categories: [1] }))).detail).toContain('entry 1 is not a category slug');
  });

  it('accepts the longest category slug and an empty list', () => {
    const longest = 'a' + 'b'.repeat(63);
    expect(verifyToken(SECRET, raw(valid({ role: 'category_manager', categories: [longest] }))).ok).toBe(true);
    expect(verifyToken(SECRET, raw(valid({ role: 'category_manager', categories: [] }))).ok).toBe(true);
  });

  it('refuses a mystery_shopper without shopperId, and an empty shopperId', () => {
    expect(refusal(raw(valid({ role: 'mystery_shopper' })))).toEqual({
      code: AuthExceptionCode.INVALID_TOKEN_CLAIMS,
      detail: expect.stringContaining('mystery_shopper token needs shopperId') as string,
    });
    expect(refusal(raw(valid({ role: 'mystery_shopper', shopperId: '' }))).detail).toContain('shopperId must be a non-empty string');
    expect(verifyToken(SECRET, raw(valid({ role: 'mystery_shopper', shopperId: 'sh-1' }))).ok).toBe(true);
  });

  it('refuses a missing or empty subject', () => {
    expect(refusal(raw(valid({ sub: undefined }))).detail).toContain('no sub');
    expect(refusal(raw(valid({ sub: '' }))).detail).toContain('no sub');
  });

  it('refuses a subject holding control characters (it is recorded as the actor of decisions)', () => {
    for (const sub of ['ann\u001e', 'a\u001fb', 'line\nbreak', 'nul\u0000']) {
      expect(refusal(raw(valid({ sub }))).detail, JSON.stringify(sub)).toContain('control character');
    }
    const accepted = verifyToken(SECRET, raw(valid({ sub: 'Ann Müller, ops' })));
    expect(accepted.ok && accepted.principal.sub).toBe('Ann Müller, ops');
  });

  it('quotes a long bad claim only in part', () => {
    const { detail } = refusal(raw(valid({ role: 'x'.repeat(5000) })));
    expect(detail.length).toBeLessThan(300);
  });

  it('says an impossible date is out of range instead of failing', () => {
    expect(refusal(raw(valid({ exp: -1e300 })))).toEqual({
      code: AuthExceptionCode.TOKEN_EXPIRED,
      detail: expect.stringContaining('out of range') as string,
    });
    expect(refusal(raw(valid({ exp: 1e300 }))).code).toBe(AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG);
  });

  describe('verified once, its clock checked on every use', () => {
    it("a token accepted before expires on time: refused from exp on, with jsonwebtoken's own words", () => {
      const iat = now();
      const token = raw(valid({ iat, exp: iat + 60 }));
      expect(verifyToken(SECRET, token, { nowSeconds: iat }).ok).toBe(true);
      expect(verifyToken(SECRET, token, { nowSeconds: iat + 59 }).ok).toBe(true);
      expect(refusal(token, { nowSeconds: iat + 60 }).code).toBe(AuthExceptionCode.TOKEN_EXPIRED);
      expect(refusal(token, { nowSeconds: iat + 3600 }).detail).toContain(`expired at ${new Date((iat + 60) * 1000).toISOString()}`);
    });

    it('a token with nbf is refused before it again, though accepted once after it', () => {
      const nbf = now() + 600;
      const token = raw(valid({ nbf, exp: nbf + HOUR }));
      expect(verifyToken(SECRET, token, { nowSeconds: nbf }).ok).toBe(true);
      expect(refusal(token, { nowSeconds: nbf - 1 }).code).toBe(AuthExceptionCode.TOKEN_NOT_YET_VALID);
    });

    it('the lifetime rule is judged from the present of each use', () => {
      const exp = now() + 10 * HOUR;
      const token = raw({ sub: 'ann', role: 'admin', exp });
      expect(verifyToken(SECRET, token, { maxTtlHours: 24 }).ok).toBe(true);
      expect(refusal(token, { maxTtlHours: 5 }).code).toBe(AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG);
    });

    it('a refused claim stays refused, and a token accepted under one secret is not under another', () => {
      const bad = raw(valid({ role: 'pilot' }));
      for (let i = 0; i < 3; i++) expect(refusal(bad).code).toBe(AuthExceptionCode.INVALID_TOKEN_CLAIMS);
      const token = signToken(SECRET, { sub: 'ann', role: 'admin' });
      expect(verifyToken(SECRET, token).ok).toBe(true);
      const other = verifyToken('another-secret-0123456789', token);
      expect(other.ok).toBe(false);
      expect(other.ok ? '' : other.code).toBe(AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH);
    });

    it('a token altered by one character is verified afresh and refused', () => {
      const token = signToken(SECRET, { sub: 'ann', role: 'admin' });
      expect(verifyToken(SECRET, token).ok).toBe(true);
      const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
      expect(refusal(flipped).code).toBe(AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH);
    });
  });
});
