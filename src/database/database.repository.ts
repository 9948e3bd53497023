import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What the foundation itself keeps in the database: the claims of scheduled ticks (`job_ticks`,
 * so one instance of several runs each tick) and the reachability probe.
 */
@Injectable()
export class DatabaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The names of the migrations this code knows that the database has not applied (schema_migrations). */
  async pendingMigrations(names: readonly string[]): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT n.name FROM unnest($1::text[]) AS n(name) WHERE NOT EXISTS (SELECT 1 FROM schema_migrations m WHERE m.name = n.name)`,
      [names],
    )) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  /** Claims a job's tick for this instance; false when another instance claimed it first. */
  async claimTick(job: string, tick: Date, instance: string): Promise<boolean> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO job_ticks (job, tick, instance) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tick`,
      [job, tick.toISOString(), instance],
    )) as unknown[];
    return claimed.length > 0;
  }

  /** Records the scoring run a claimed tick started. */
  async recordTickRun(job: string, tick: Date, runId: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_ticks SET run_id = $3 WHERE job = $1 AND tick = $2`, [job, tick.toISOString(), runId]);
  }
}
