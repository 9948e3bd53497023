import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { AppConfig } from '../../config/app.config.js';

const SECRET_FILE = 'jwt-secret';

type SecretConfig = Pick<AppConfig, 'JWT_SECRET' | 'DATA_DIR' | 'NODE_ENV'>;

/** The file the secret is generated in, or undefined when JWT_SECRET is the secret. */
export function localJwtSecretFile(config: SecretConfig): string | undefined {
  if (config.JWT_SECRET || config.NODE_ENV === 'production') return undefined;
  return join(resolve(config.DATA_DIR), SECRET_FILE);
}

/**
 * The secret tokens are signed with. Outside production, without JWT_SECRET, one is generated once
 * and kept in the data directory so the server and `npm run token` agree. Production never gets
 * here without JWT_SECRET (config validation refuses to boot).
 */
export function resolveJwtSecret(config: SecretConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('JWT_SECRET is required in production');
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return readFileSync(file, 'utf8').trim();
    }
  }
}
