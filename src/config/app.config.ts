import 'reflect-metadata';

import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

import { DEFAULT_JWT_MAX_TTL_HOURS } from './auth-defaults.js';
import { isValidCron } from './cron.js';
import { DEFAULT_FAILED_AUTH_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE } from './rate-limit-defaults.js';

/** Raised when the environment cannot describe a working service; names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable}: ${message}`);
  }
}

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;

/** The process environment as the service reads it, validated once at boot. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  JWT_SECRET?: string;

  // Listed last to first: the first failing constraint is the one reported.
  @Transform(toInteger)
  @Max(87600, { message: 'must be at most 87600 hours (10 years)' })
  @Min(1, { message: 'must be at least 1 hour' })
  @IsInt({ message: 'must be a whole number of hours' })
  JWT_MAX_TTL_HOURS = DEFAULT_JWT_MAX_TTL_HOURS;

  @IsString()
  DATA_DIR = '.data';

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer port number' })
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  JOBS_ENABLED = true;

  @IsString()
  SCORING_CRON = '0 30 0 * * *';

  @IsString()
  AUDIT_EXPIRY_CRON = '0 0 * * * *';

  /** How often overdue appeals are looked for and announced (appeal.overdue, once each). */
  @IsString()
  APPEAL_SLA_CRON = '0 */5 * * * *';
  /** The complaint SLA sweep: one event per overdue deadline. */
  @IsString()
  COMPLAINT_SLA_CRON = '0 */5 * * * *';

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(10000)
  SCORING_BATCH_SIZE = 2000;

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(16)
  SCORING_WORKERS = 4;

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100)
  @Max(600000)
  WEBHOOK_POLL_MS = 1000;

  /** Webhook URLs may be plain http (otherwise https only). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_INSECURE = false;

  /** Webhook hosts may resolve to loopback, private, link-local or metadata addresses. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_PRIVATE = false;

  /** The key secrets are sealed with at rest: 32 bytes as 64 hex digits or base64; required in production. */
  @IsOptional()
  @IsString()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, { message: 'must be 32 bytes written as 64 hex digits or base64' })
  SECRETS_KEY?: string;
  /** The background tagger of the voice of the customer (false: this instance tags nothing; another must). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  TAGGER_ENABLED = true;

  /** How long an idle tagger waits before it looks at the queue again. */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10)
  @Max(600000)
  TAGGER_INTERVAL_MS = 1000;

  /** Reviews per tagger batch (one transaction each). */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(10000)
  TAGGER_BATCH_SIZE = 2000;

  /** Tagger batches in flight at once in this process (one connection each). */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(16)
  TAGGER_WORKERS = 2;

  /** Threads the tagger's pure tagging runs on, beside the main thread; 0 tags on the main thread. */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(16)
  TAGGER_THREADS = 1;

  /** Request budgets on (README, "Limits and headers"); false counts nothing. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  RATE_LIMIT_ENABLED = true;

  /** Requests per minute per principal (JWT subject and role); a batch of 1000 items is one request. */
  @Transform(toInteger)
  @Max(1000000, { message: 'must be at most 1000000' })
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be a whole number of requests' })
  RATE_LIMIT_PER_MINUTE = DEFAULT_RATE_LIMIT_PER_MINUTE;

  /** Requests with a missing or refused bearer token (401s) per minute per client address. */
  @Transform(toInteger)
  @Max(1000000, { message: 'must be at most 1000000' })
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be a whole number of requests' })
  RATE_LIMIT_FAILED_AUTH_PER_MINUTE = DEFAULT_FAILED_AUTH_PER_MINUTE;

  /** Proxies in front of the service whose X-Forwarded-For is believed for the client address (0: none). */
  @Transform(toInteger)
  @Max(10, { message: 'must be at most 10' })
  @Min(0, { message: 'must be at least 0' })
  @IsInt({ message: 'must be a whole number of proxies' })
  TRUST_PROXY_HOPS = 0;

  /** A RabbitMQ broker every outbox event is also published to (unset: none). Its password is never logged. */
  @IsOptional()
  @Matches(/^amqps?:\/\/\S+$/, { message: 'must be an amqp:// or amqps:// URL' })
  EVENTS_AMQP_URL?: string;

  /** The durable topic exchange events are published to (routing key: the event type). */
  @Matches(/^(?!amq\.)[\w.:-]{1,255}$/, { message: 'must be 1 to 255 letters, digits, ".", "_", ":" or "-", not starting with "amq."' })
  EVENTS_AMQP_EXCHANGE = 'supplier-governance.events';

  @Transform(toInteger)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100)
  @Max(600000)
  EVENTS_AMQP_POLL_MS = 1000;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json`: one JSON object a line (for collectors); `pretty`: readable lines for a person at a terminal. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open like /health. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces (it is sent as a bearer token)' })
  METRICS_TOKEN?: string;
}

export type AppConfig = Readonly<EnvironmentVariables>;

/** Parses and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = [
    ...new Set([
      ...Object.keys(new EnvironmentVariables()),
      'DATABASE_URL',
      'JWT_SECRET',
      'SECRETS_KEY',
      'METRICS_TOKEN',
      'EVENTS_AMQP_URL',
    ]),
  ];
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    // A value of the wrong kind is reported as such, before any range it also misses ("abc" is not
    // "greater than 65535"): class-validator lists a property's constraints in no useful order.
    const constraints = first.constraints ?? {};
    const kind = ['isInt', 'isBoolean', 'isIn', 'isString', 'matches'].find((name) => name in constraints);
    const message = (kind ? constraints[kind] : Object.values(constraints)[0]) ?? 'is invalid';
    throw new ConfigError(first.property, message.replace(new RegExp(`^${first.property}\\s*`), ''));
  }
  if (config.DATABASE_URL) {
    try {
      const url = new URL(config.DATABASE_URL);
      if (!url.hostname && !url.searchParams.get('host')) throw new Error('no host');
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL');
    }
  }
  if (config.EVENTS_AMQP_URL) {
    // Only the variable is named, never the value: the URL carries the broker's password.
    try {
      if (!new URL(config.EVENTS_AMQP_URL).hostname) throw new Error('no host');
    } catch {
      throw new ConfigError('EVENTS_AMQP_URL', 'is not a valid amqp:// or amqps:// URL with a host');
    }
  }
  for (const key of ['SCORING_CRON', 'AUDIT_EXPIRY_CRON', 'APPEAL_SLA_CRON', 'COMPLAINT_SLA_CRON'] as const) {
    if (!isValidCron(config[key])) {
      throw new ConfigError(key, `"${config[key]}" is not a six-field cron expression (sec min hour day month weekday)`);
    }
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && !config.SECRETS_KEY) {
    throw new ConfigError('SECRETS_KEY', 'is required when NODE_ENV=production');
  }
  return Object.freeze(config);
}
