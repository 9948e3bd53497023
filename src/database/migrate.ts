import { DataSource } from 'typeorm';

import { MIGRATIONS } from '../../migrations/index.js';
import { LockKey, withLock } from './advisory-lock.js';

/**
 * Applies pending migrations. Several instances may start at once: each waits for the advisory
 * lock, and the ones after the first find nothing left to do.
 */
export async function migrate(databaseUrl: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  return withLock(databaseUrl, LockKey.Migrations, async () => {
    const dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: false,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`Applied migration ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  });
}
