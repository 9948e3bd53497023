import { join, resolve } from 'node:path';

import type { AppConfig } from '../../config/app.config.js';
import { readOrCreateLocalSecret } from '../crypto/local-secret.js';

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
  return readOrCreateLocalSecret(config.DATA_DIR, SECRET_FILE);
}
