/**
 * Prints a bearer token for local use, signed with the same secret the server uses
 * (JWT_SECRET, or the one generated in the data directory). `npm run token -- --help` for usage.
 */
import { parseArgs } from 'node:util';

import { DEFAULT_JWT_MAX_TTL_HOURS, signToken } from '../src/common/auth/jwt.js';
import { resolveJwtSecret } from '../src/common/auth/jwt-secret.js';
import { type Role, ROLES } from '../src/common/auth/principal.js';
import { CATEGORY_PATTERN } from '../src/common/category-slug.js';
import { type AppConfig, loadConfig } from '../src/config/app.config.js';

const DEFAULT_HOURS = 12;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function usage(maxHours: number): string {
  return [
    'usage: npm run token -- --role <role> [options]',
    '',
    "Prints a bearer token signed with the server's secret: JWT_SECRET, or outside production without it",
    'the secret generated once in <DATA_DIR>/jwt-secret.',
    '',
    `  --role <role>        required: ${ROLES.join(', ')}`,
    '  --sub <who>          who the token speaks for (default: local-<role>)',
    '  --categories <a,b>   the categories a category_manager manages, as slugs',
    `                       (${CATEGORY_PATTERN.source}); default: all of them`,
    '  --shopper <id>       the shopper a mystery_shopper token acts for (required for that role)',
    '  --supplier <id>      the supplier a supplier token speaks for (required for that role)',
    `  --hours <n>          lifetime in hours (default ${DEFAULT_HOURS}, at most ${maxHours}: JWT_MAX_TTL_HOURS)`,
    '  -h, --help           this help',
    '',
    'examples:',
    '  npm run token -- --role admin',
    '  npm run token -- --role category_manager --categories hotel,tour',
    '  npm run token -- --role mystery_shopper --shopper <shopperId>',
    '  npm run token -- --role supplier --supplier <supplierId>',
  ].join('\n');
}

function fail(message: string, maxHours: number): never {
  console.error(message);
  console.error('');
  console.error(usage(maxHours));
  process.exit(2);
}

const OPTIONS = {
  role: { type: 'string' },
  sub: { type: 'string' },
  categories: { type: 'string' },
  shopper: { type: 'string' },
  supplier: { type: 'string' },
  hours: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
try {
  values = parseArgs({ options: OPTIONS }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), DEFAULT_JWT_MAX_TTL_HOURS);
}
let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const maxHours = config.JWT_MAX_TTL_HOURS;
if (values.help) {
  process.stdout.write(usage(maxHours) + '\n');
  process.exit(0);
}

const role = values.role as Role | undefined;
if (!role || !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`, maxHours);
if (role === 'mystery_shopper' && !values.shopper) fail('--shopper <id> is required for a mystery_shopper token', maxHours);
if (role === 'supplier' && !values.supplier) fail('--supplier <id> is required for a supplier token', maxHours);
if (values.supplier !== undefined && role !== 'supplier') fail('--supplier is for a supplier token (--role supplier)', maxHours);
if (values.supplier !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.supplier)) {
  fail(`--supplier: ${JSON.stringify(values.supplier)} is not a supplier id (a UUID)`, maxHours);
}
const sub = values.sub ?? `local-${role}`;
if (sub.length === 0 || CONTROL_CHARACTER.test(sub)) fail('--sub must be a non-empty name without control characters', maxHours);

const hours = values.hours === undefined ? DEFAULT_HOURS : Number(values.hours);
if (!Number.isFinite(hours) || hours <= 0) fail('--hours must be a positive number', maxHours);
if (hours > maxHours) fail(`--hours ${values.hours} is longer than the server accepts: at most ${maxHours} (JWT_MAX_TTL_HOURS)`, maxHours);
const seconds = Math.round(hours * 3600);
if (seconds < 1) fail('--hours must be at least one second (0.0003)', maxHours);

let categories: string[] | undefined;
if (values.categories !== undefined) {
  categories = values.categories
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (categories.length === 0) fail('--categories needs at least one category; leave it out for all of them', maxHours);
  const bad = categories.find((c) => !CATEGORY_PATTERN.test(c));
  if (bad !== undefined) {
    fail(`--categories: ${JSON.stringify(bad)} is not a category slug (${CATEGORY_PATTERN.source})`, maxHours);
  }
}

try {
  const token = signToken(resolveJwtSecret(config), {
    sub,
    role,
    categories,
    shopperId: values.shopper,
    supplierId: values.supplier,
    expiresInSeconds: seconds,
  });
  process.stdout.write(token + '\n');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), maxHours);
}
