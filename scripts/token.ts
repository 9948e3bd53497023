/**
 * Prints a bearer token for local use, signed with the same secret the server uses
 * (JWT_SECRET, or the one generated in the data directory).
 *   npm run token -- --role admin
 *   npm run token -- --role category_manager --categories hotel,tour
 *   npm run token -- --role mystery_shopper --shopper <shopperId>
 */
import { parseArgs } from 'node:util';

import { signToken } from '../src/common/auth/jwt.js';
import { resolveJwtSecret } from '../src/common/auth/jwt-secret.js';
import { type Role, ROLES } from '../src/common/auth/principal.js';
import { ConfigError, loadConfig } from '../src/config/app.config.js';

function fail(message: string): never {
  console.error(message);
  console.error('usage: npm run token -- --role <' + ROLES.join('|') + '> [--sub who] [--categories a,b] [--shopper id] [--hours 12]');
  process.exit(2);
}

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      categories: { type: 'string' },
      shopper: { type: 'string' },
      hours: { type: 'string' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'mystery_shopper' && !values.shopper) fail('--shopper <id> is required for a mystery_shopper token');
  const hours = values.hours === undefined ? 12 : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0) fail('--hours must be a positive number');
  const config = loadConfig();
  const token = signToken(resolveJwtSecret(config), {
    sub: values.sub ?? `local-${role}`,
    role,
    categories: values.categories
      ? values.categories
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : undefined,
    shopperId: values.shopper,
    expiresInSeconds: Math.round(hours * 3600),
  });
  process.stdout.write(token + '\n');
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
}
