import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the SLA job raised each overdue event of a complaint (`complaint.response_overdue`,
 * `complaint.resolution_overdue`), so each deadline raises one event, and so the job reads only
 * the complaints still owed one: the partial indexes hold the complaints whose deadline has not
 * raised its event and was not met (not yet answered, or answered late), never the history of
 * those answered in time, withdrawn or already raised.
 */
export class MarkComplaintOverdueEvents1764157200000 implements MigrationInterface {
  name = 'MarkComplaintOverdueEvents1764157200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN response_overdue_raised_at   timestamptz,
        ADD COLUMN resolution_overdue_raised_at timestamptz`);
    await q.query(`
      CREATE INDEX complaints_response_overdue_due_idx ON complaints (respond_by)
       WHERE response_overdue_raised_at IS NULL AND status <> 'WITHDRAWN' AND (responded_at IS NULL OR responded_at >= respond_by)`);
    await q.query(`
      CREATE INDEX complaints_resolution_overdue_due_idx ON complaints (resolve_by)
       WHERE resolution_overdue_raised_at IS NULL AND status <> 'WITHDRAWN' AND (resolved_at IS NULL OR resolved_at >= resolve_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaints_resolution_overdue_due_idx`);
    await q.query(`DROP INDEX complaints_response_overdue_due_idx`);
    await q.query(`ALTER TABLE complaints DROP COLUMN resolution_overdue_raised_at, DROP COLUMN response_overdue_raised_at`);
  }
}
