import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A secret generated once outside production and kept in the data directory (mode 0600), so the
 * processes of one machine (the server, `npm run token`) agree. 32 random bytes, base64url.
 */
export function readOrCreateLocalSecret(dataDir: string, fileName: string): string {
  const dir = resolve(dataDir);
  const file = join(dir, fileName);
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
