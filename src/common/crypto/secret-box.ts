import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets kept at rest encrypted (webhook signing secrets): AES-256-GCM with a random 96-bit IV per
 * value and the 128-bit tag, stored as `v1:<iv>:<tag>:<ciphertext>` (base64url). A value that was
 * tampered with, or sealed under another key, does not open (the tag fails).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes (AES-256)');
    this.key = key;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined)
      throw new Error('SecretBox: not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a stored value is sealed (the others are from before encryption at rest). */
  static isSealed(value: string): boolean {
    return value.startsWith('v1:') && value.split(':').length === 4;
  }
}
