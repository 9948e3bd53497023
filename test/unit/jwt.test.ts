import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';

import { signToken, verifyToken } from '../../src/common/auth/jwt.js';

const SECRET = 'unit-test-secret-0123456789';

describe('bearer tokens', () => {
  it('round-trips the claims of API.md', () => {
    const token = signToken(SECRET, { sub: 'ann', role: 'category_manager', categories: ['hotel'] });
    expect(verifyToken(SECRET, token)).toEqual({ sub: 'ann', role: 'category_manager', categories: ['hotel'], shopperId: undefined });
  });

  it('refuses another secret, an expired token and alg none', () => {
    expect(verifyToken('another-secret-0123456789', signToken(SECRET, { sub: 'a', role: 'admin' }))).toBeNull();
    const expired = jwt.sign({ role: 'admin', sub: 'a', exp: Math.floor(Date.now() / 1000) - 10 }, SECRET);
    expect(verifyToken(SECRET, expired)).toBeNull();
    const none = jwt.sign({ role: 'admin', sub: 'a' }, '', { algorithm: 'none' });
    expect(verifyToken(SECRET, none)).toBeNull();
    expect(verifyToken(SECRET, 'not.a.token')).toBeNull();
  });

  it('refuses unknown roles, a shopper without shopperId and malformed categories', () => {
    expect(verifyToken(SECRET, jwt.sign({ role: 'root', sub: 'a' }, SECRET))).toBeNull();
    expect(verifyToken(SECRET, jwt.sign({ role: 'mystery_shopper', sub: 'a' }, SECRET))).toBeNull();
    expect(verifyToken(SECRET, jwt.sign({ role: 'category_manager', sub: 'a', categories: 'hotel' }, SECRET))).toBeNull();
    expect(verifyToken(SECRET, jwt.sign({ role: 'admin' }, SECRET))).toBeNull();
  });

  it('refuses a subject holding control characters (it is recorded as the actor of decisions)', () => {
    for (const sub of ['ann\u001e', 'a\u001fb', 'line\nbreak', 'nul\u0000']) {
      expect(verifyToken(SECRET, jwt.sign({ role: 'admin', sub }, SECRET)), JSON.stringify(sub)).toBeNull();
    }
    expect(verifyToken(SECRET, jwt.sign({ role: 'admin', sub: 'Ann Müller, ops' }, SECRET))?.sub).toBe('Ann Müller, ops');
  });
});
