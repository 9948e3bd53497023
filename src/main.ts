import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { localJwtSecretFile, resolveJwtSecret } from './common/auth/jwt-secret.js';
import { resolveSecretsKey } from './common/crypto/secrets-key.js';
import { ServiceExpressAdapter } from './common/http/service-express.adapter.js';
import { createAppLogger } from './common/logging/logger.js';
import { PinoNestLogger } from './common/logging/nest-logger.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app.config.js';
import { connectDatabase } from './database/connect.js';
import { Readiness } from './health/readiness.js';

async function main(config: AppConfig): Promise<void> {
  // JSON lines (LOG_FORMAT=pretty: readable ones) for Nest's own lines and one per request.
  const appLogger = createAppLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const nestLogger = new PinoNestLogger(appLogger);
  Logger.overrideLogger(nestLogger);
  const logger = new Logger('Main');
  const { url: databaseUrl, embedded } = await connectDatabase(config, (line) => logger.log(line));

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl,
      jwtSecret: resolveJwtSecret(config),
      jwtMaxTtlHours: config.JWT_MAX_TTL_HOURS,
      jwtSecretFile: localJwtSecretFile(config),
      jobs: {
        enabled: config.JOBS_ENABLED,
        scoringCron: config.SCORING_CRON,
        auditExpiryCron: config.AUDIT_EXPIRY_CRON,
        appealSlaCron: config.APPEAL_SLA_CRON,
        complaintSlaCron: config.COMPLAINT_SLA_CRON,
        webhookPollMs: config.WEBHOOK_POLL_MS,
        scoringBatchSize: config.SCORING_BATCH_SIZE,
        scoringWorkers: config.SCORING_WORKERS,
      },
      webhooks: {
        allowInsecure: config.WEBHOOK_ALLOW_INSECURE,
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
        secretsKey: resolveSecretsKey(config),
      },
      tagger: {
        enabled: config.TAGGER_ENABLED,
        intervalMs: config.TAGGER_INTERVAL_MS,
        batchSize: config.TAGGER_BATCH_SIZE,
        workers: config.TAGGER_WORKERS,
        threads: config.TAGGER_THREADS,
      },
      limits: {
        enabled: config.RATE_LIMIT_ENABLED,
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        failedAuthPerMinute: config.RATE_LIMIT_FAILED_AUTH_PER_MINUTE,
        trustProxyHops: config.TRUST_PROXY_HOPS,
      },
      metrics: { token: config.METRICS_TOKEN },
      amqp: { url: config.EVENTS_AMQP_URL ?? null, exchange: config.EVENTS_AMQP_EXCHANGE, pollMs: config.EVENTS_AMQP_POLL_MS },
    }),
    new ServiceExpressAdapter(),
    { bodyParser: false, logger: nestLogger },
  );
  configureApp(app, { logger: appLogger });
  await app.listen(config.PORT);
  logger.log(`Listening on http://localhost:${config.PORT} (Swagger UI at /docs)`);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining requests and shutting down`);
    app.get(Readiness).stop(); // /health/ready answers 503 from now on
    try {
      await app.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal));
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
main(config).catch((error: unknown) => {
  console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
