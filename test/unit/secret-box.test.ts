import { describe, expect, it } from 'vitest';

import { SecretBox } from '../../src/common/crypto/secret-box.js';
import { parseSecretsKey } from '../../src/common/crypto/secrets-key.js';

describe('secrets sealed at rest (AES-256-GCM)', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));

  it('opens what it sealed; each sealing differs; the plaintext is not in the sealed value', () => {
    const secret = 'receiver-secret-0123456789';
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(SecretBox.isSealed(a)).toBe(true);
    expect(box.open(a)).toBe(secret);
    expect(box.open(b)).toBe(secret);
  });

  it('refuses a tampered value and another key', () => {
    const sealed = box.seal('s3cret-s3cret-s3cret');
    const [v, iv, tag, data] = sealed.split(':');
    const flipped = data[0] === 'A' ? 'B' + data.slice(1) : 'A' + data.slice(1);
    expect(() => box.open([v, iv, tag, flipped].join(':'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    expect(() => box.open('plain')).toThrow(/not a sealed value/);
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('reads SECRETS_KEY as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    expect(parseSecretsKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretsKey(Buffer.alloc(32, 5).toString('base64'))).toEqual(Buffer.alloc(32, 5));
    expect(parseSecretsKey(Buffer.alloc(32, 250).toString('base64url'))).toEqual(Buffer.alloc(32, 250));
    expect(parseSecretsKey('too-short')).toBeNull();
    expect(parseSecretsKey('ab'.repeat(31))).toBeNull();
  });
});
