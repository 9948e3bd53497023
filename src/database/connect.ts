import type { AppConfig } from '../config/app.config.js';
import { ensureDatabase } from './database-url.js';
import type { RunningPostgres } from './embedded-postgres.js';
import { migrate } from './migrate.js';

export interface Database {
  url: string;
  /** The embedded server this process started, if any (stop it on the way out). */
  embedded?: RunningPostgres;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL kept in DATA_DIR (started, or reused
 * when another process of ours already runs it). Migrations are applied either way.
 */
export async function connectDatabase(config: AppConfig, log: (line: string) => void): Promise<Database> {
  let url = config.DATABASE_URL;
  let embedded: RunningPostgres | undefined;
  if (!url) {
    log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.DATA_DIR}/pg`);
    // Loaded only when used: the package installs exit hooks that would race a graceful shutdown.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, durable: true });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
    url = await ensureDatabase(embedded.url, 'supplier_governance');
  }
  await migrate(url, log);
  return { url, embedded };
}
