import type { AppConfig } from '../../config/app.config.js';
import { readOrCreateLocalSecret } from './local-secret.js';

const KEY_FILE = 'secrets-key';

/** SECRETS_KEY as 32 bytes: 64 hex digits, or base64/base64url of 32 bytes; null when it is neither. */
export function parseSecretsKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const bytes = Buffer.from(v.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), 'base64url');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/**
 * The key secrets are sealed with at rest (AES-256-GCM). SECRETS_KEY when set (required in
 * production: config validation refuses to boot without it); otherwise one generated once in the
 * data directory, like the JWT secret.
 */
export function resolveSecretsKey(config: Pick<AppConfig, 'SECRETS_KEY' | 'DATA_DIR' | 'NODE_ENV'>): Buffer {
  if (config.SECRETS_KEY) {
    const key = parseSecretsKey(config.SECRETS_KEY);
    if (key === null) throw new Error('SECRETS_KEY must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  if (config.NODE_ENV === 'production') throw new Error('SECRETS_KEY is required in production');
  return parseSecretsKey(readOrCreateLocalSecret(config.DATA_DIR, KEY_FILE))!;
}
