import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { resolveJwtSecret } from './common/auth/jwt-secret.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app.config.js';
import { ensureDatabase } from './database/database-url.js';
import type { RunningPostgres } from './database/embedded-postgres.js';
import { migrate } from './database/migrate.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function main(config: AppConfig): Promise<void> {
  const logger = new Logger('Main');
  let embedded: RunningPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.DATA_DIR}/pg`);
    // Loaded only when used: the package installs exit hooks that would race our graceful shutdown.
    const { startEmbeddedPostgres } = await import('./database/embedded-postgres.js');
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, durable: true });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
    databaseUrl = await ensureDatabase(embedded.url, 'supplier_governance');
  }
  await migrate(databaseUrl, (line) => logger.log(line));

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ databaseUrl, jwtSecret: resolveJwtSecret(config) }),
    { bodyParser: false, logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1) },
  );
  configureApp(app);
  await app.listen(config.PORT);
  logger.log(`Listening on http://localhost:${config.PORT} (Swagger UI at /docs)`);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining requests and shutting down`);
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
