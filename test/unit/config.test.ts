import { describe, expect, it } from 'vitest';

import { redactAmqpUrl, redactSecret } from '../../src/config/amqp.options.js';
import { ConfigError, loadConfig } from '../../src/config/app.config.js';
import { isValidCron } from '../../src/config/cron.js';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      JOBS_ENABLED: true,
      SCORING_CRON: '0 30 0 * * *',
      AUDIT_EXPIRY_CRON: '0 0 * * * *',
      APPEAL_SLA_CRON: '0 */5 * * * *',
      COMPLAINT_SLA_CRON: '0 */5 * * * *',
      DATA_DIR: '.data',
      JWT_MAX_TTL_HOURS: 720,
      TAGGER_ENABLED: true,
      TAGGER_INTERVAL_MS: 1000,
      TAGGER_BATCH_SIZE: 2000,
      TAGGER_WORKERS: 2,
      TAGGER_THREADS: 1,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ JOBS_ENABLED: 'maybe' }, 'JOBS_ENABLED'],
    [{ SCORING_CRON: '0 30 0 * *' }, 'SCORING_CRON'],
    [{ AUDIT_EXPIRY_CRON: '99 * * * * *' }, 'AUDIT_EXPIRY_CRON'],
    [{ APPEAL_SLA_CRON: 'every five minutes' }, 'APPEAL_SLA_CRON'],
    [{ COMPLAINT_SLA_CRON: 'every five minutes' }, 'COMPLAINT_SLA_CRON'],
    [{ COMPLAINT_SLA_CRON: '*/5 * * * *' }, 'COMPLAINT_SLA_CRON'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-0123' }, 'SECRETS_KEY'],
    [{ SECRETS_KEY: 'not-32-bytes' }, 'SECRETS_KEY'],
    [{ SECRETS_KEY: 'ab'.repeat(31) }, 'SECRETS_KEY'],
    [{ WEBHOOK_ALLOW_INSECURE: 'sometimes' }, 'WEBHOOK_ALLOW_INSECURE'],
    [{ WEBHOOK_ALLOW_PRIVATE: '2' }, 'WEBHOOK_ALLOW_PRIVATE'],
    [{ JWT_MAX_TTL_HOURS: '0' }, 'JWT_MAX_TTL_HOURS'],
    [{ TAGGER_ENABLED: 'sometimes' }, 'TAGGER_ENABLED'],
    [{ TAGGER_INTERVAL_MS: '5' }, 'TAGGER_INTERVAL_MS'],
    [{ TAGGER_INTERVAL_MS: '1s' }, 'TAGGER_INTERVAL_MS'],
    [{ TAGGER_BATCH_SIZE: '0' }, 'TAGGER_BATCH_SIZE'],
    [{ TAGGER_BATCH_SIZE: '20000' }, 'TAGGER_BATCH_SIZE'],
    [{ TAGGER_WORKERS: '0' }, 'TAGGER_WORKERS'],
    [{ TAGGER_THREADS: '-1' }, 'TAGGER_THREADS'],
    [{ TAGGER_THREADS: 'two' }, 'TAGGER_THREADS'],
  ])('refuses %j naming %s', (env, variable) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it.each([
    ['0', 'must be at least 1 hour'],
    ['1.5', 'must be a whole number of hours'],
    ['-5', 'must be a whole number of hours'],
    ['a month', 'must be a whole number of hours'],
    ['87601', 'must be at most 87600 hours'],
  ])('refuses JWT_MAX_TTL_HOURS=%j saying it %s', (value, message) => {
    expect(errorOf({ JWT_MAX_TTL_HOURS: value }).message).toContain(`JWT_MAX_TTL_HOURS: ${message}`);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be an integer port number'],
    [{ PORT: '70000' }, 'PORT: must not be greater than 65535'],
    [{ SCORING_WORKERS: 'many' }, 'SCORING_WORKERS: must be an integer'],
    [{ WEBHOOK_POLL_MS: '1s' }, 'WEBHOOK_POLL_MS: must be an integer number of milliseconds'],
  ])('says a value of the wrong kind is of the wrong kind, before its range: %j', (env, message) => {
    expect(errorOf(env).message).toContain(message);
  });

  it('parses numbers and booleans', () => {
    const c = loadConfig({
      PORT: '8080',
      JOBS_ENABLED: 'false',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      JWT_MAX_TTL_HOURS: '24',
      TAGGER_ENABLED: 'no',
      TAGGER_INTERVAL_MS: '250',
    });
    expect(c.TAGGER_ENABLED).toBe(false);
    expect(c.TAGGER_INTERVAL_MS).toBe(250);
    expect(c.PORT).toBe(8080);
    expect(c.JWT_MAX_TTL_HOURS).toBe(24);
    expect(c.JOBS_ENABLED).toBe(false);
    expect(c.DATABASE_URL).toBe('postgres://u:p@db:5432/app');
  });

  it('budgets requests by default: 3000 a minute per principal, 30 refused tokens a minute per address, no proxy trusted', () => {
    expect(loadConfig({})).toMatchObject({
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_PER_MINUTE: 3000,
      RATE_LIMIT_FAILED_AUTH_PER_MINUTE: 30,
      TRUST_PROXY_HOPS: 0,
    });
    expect(
      loadConfig({
        RATE_LIMIT_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: '120',
        RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '5',
        TRUST_PROXY_HOPS: '1',
      }),
    ).toMatchObject({ RATE_LIMIT_ENABLED: false, RATE_LIMIT_PER_MINUTE: 120, RATE_LIMIT_FAILED_AUTH_PER_MINUTE: 5, TRUST_PROXY_HOPS: 1 });
  });

  it.each([
    [{ RATE_LIMIT_ENABLED: 'sometimes' }, 'RATE_LIMIT_ENABLED: must be true or false'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE: must be at least 1'],
    [{ RATE_LIMIT_PER_MINUTE: '-5' }, 'RATE_LIMIT_PER_MINUTE: must be a whole number of requests'],
    [{ RATE_LIMIT_PER_MINUTE: '1200/min' }, 'RATE_LIMIT_PER_MINUTE: must be a whole number of requests'],
    [{ RATE_LIMIT_PER_MINUTE: '2.5' }, 'RATE_LIMIT_PER_MINUTE: must be a whole number of requests'],
    [{ RATE_LIMIT_PER_MINUTE: '1000001' }, 'RATE_LIMIT_PER_MINUTE: must be at most 1000000'],
    [{ RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '0' }, 'RATE_LIMIT_FAILED_AUTH_PER_MINUTE: must be at least 1'],
    [{ RATE_LIMIT_FAILED_AUTH_PER_MINUTE: 'thirty' }, 'RATE_LIMIT_FAILED_AUTH_PER_MINUTE: must be a whole number of requests'],
    [{ TRUST_PROXY_HOPS: '11' }, 'TRUST_PROXY_HOPS: must be at most 10'],
    [{ TRUST_PROXY_HOPS: 'true' }, 'TRUST_PROXY_HOPS: must be a whole number of proxies'],
  ])('refuses %j saying %s', (env, message) => {
    expect(errorOf(env).message).toBe(`Invalid configuration: ${message}`);
  });

  it('LOG_FORMAT is json by default, or pretty; LOG_LEVEL keeps its values', () => {
    expect(loadConfig({}).LOG_FORMAT).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' })).toMatchObject({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
    for (const value of ['JSON', 'text', 'ecs']) expect(errorOf({ LOG_FORMAT: value }).variable).toBe('LOG_FORMAT');
    expect(errorOf({ LOG_LEVEL: 'info' }).variable).toBe('LOG_LEVEL');
  });

  it('METRICS_TOKEN is unset by default (GET /metrics public), else at least 16 printable characters without spaces', () => {
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'scrape-0123456789abcdef' }).METRICS_TOKEN).toBe('scrape-0123456789abcdef');
    expect(errorOf({ METRICS_TOKEN: 'short' }).message).toContain('METRICS_TOKEN: must be at least 16 characters');
    expect(errorOf({ METRICS_TOKEN: 'has a space 0123456789' }).message).toContain('METRICS_TOKEN: must be printable ASCII without spaces');
    expect(errorOf({ METRICS_TOKEN: 'tab\tinside-0123456789' }).variable).toBe('METRICS_TOKEN');
  });

  it('accepts six-field cron expressions only', () => {
    expect(isValidCron('*/5 * * * * *')).toBe(true);
    expect(isValidCron('0 30 0 * * 1-5')).toBe(true);
    expect(isValidCron('0 0,30 * * * *')).toBe(true);
    expect(isValidCron('* * * * *')).toBe(false);
    expect(isValidCron('0 60 * * * *')).toBe(false);
    expect(isValidCron('0 0 0 32 * *')).toBe(false);
    expect(isValidCron('0 0 0 * * 8')).toBe(false);
    expect(isValidCron('0 */0 * * * *')).toBe(false);
  });

  describe('the AMQP broker (EVENTS_AMQP_*)', () => {
    it('is off by default, with a default exchange and poll', () => {
      const c = loadConfig({});
      expect(c.EVENTS_AMQP_URL).toBeUndefined();
      expect(c).toMatchObject({ EVENTS_AMQP_EXCHANGE: 'supplier-governance.events', EVENTS_AMQP_POLL_MS: 1000 });
    });

    it('takes amqp:// and amqps:// URLs, a vhost and query options included', () => {
      for (const url of ['amqp://guest:guest@127.0.0.1:5672', 'amqps://svc:s3cr%40t@mq.example.com:5671/prod?heartbeat=30', 'amqp://mq']) {
        expect(loadConfig({ EVENTS_AMQP_URL: url }).EVENTS_AMQP_URL).toBe(url);
      }
      expect(loadConfig({ EVENTS_AMQP_EXCHANGE: 'billing:events_v2', EVENTS_AMQP_POLL_MS: '250' })).toMatchObject({
        EVENTS_AMQP_EXCHANGE: 'billing:events_v2',
        EVENTS_AMQP_POLL_MS: 250,
      });
    });

    it.each([
      ['http://guest:hunter2-secret@mq:5672', 'must be an amqp:// or amqps:// URL'],
      ['redis://guest:hunter2-secret@mq:6379', 'must be an amqp:// or amqps:// URL'],
      ['mq.example.com:5672', 'must be an amqp:// or amqps:// URL'],
      ['amqp://guest:hunter2-secret@:5672', 'is not a valid amqp:// or amqps:// URL with a host'],
      ['amqp://guest:hunter2-secret@mq:99999', 'is not a valid amqp:// or amqps:// URL with a host'],
    ])('refuses EVENTS_AMQP_URL=%j at boot without showing its password', (url, message) => {
      const error = errorOf({ EVENTS_AMQP_URL: url });
      expect(error.variable).toBe('EVENTS_AMQP_URL');
      expect(error.message).toContain(`EVENTS_AMQP_URL: ${message}`);
      expect(error.message).not.toContain('hunter2');
    });

    it.each([['amq.topic'], [''.padEnd(256, 'x')], ['events with spaces'], ['événements']])('refuses EVENTS_AMQP_EXCHANGE=%j', (name) => {
      expect(errorOf({ EVENTS_AMQP_EXCHANGE: name }).variable).toBe('EVENTS_AMQP_EXCHANGE');
    });

    it.each([['99'], ['600001'], ['1s']])('refuses EVENTS_AMQP_POLL_MS=%j', (value) => {
      expect(errorOf({ EVENTS_AMQP_POLL_MS: value }).variable).toBe('EVENTS_AMQP_POLL_MS');
    });

    it('shows a URL with its password replaced, and scrubs the password from messages', () => {
      expect(redactAmqpUrl('amqps://svc:s3cr%40t@mq.example.com:5671/prod')).toBe('amqps://svc:***@mq.example.com:5671/prod');
      expect(redactAmqpUrl('amqp://mq')).toBe('amqp://mq');
      expect(redactAmqpUrl('not a url with hunter2')).not.toContain('hunter2');
      const url = 'amqp://svc:s3cr%40t@mq';
      expect(redactSecret('login as svc with s3cr@t (s3cr%40t) refused', url)).toBe('login as svc with *** (***) refused');
      expect(redactSecret('connect ECONNREFUSED 127.0.0.1:5672', 'amqp://mq')).toBe('connect ECONNREFUSED 127.0.0.1:5672');
    });
  });
});
