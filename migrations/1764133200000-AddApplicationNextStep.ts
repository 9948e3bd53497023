import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An application tells the supplier what reaches admission (PRODUCT.md, "The next step aims at
 * the bar that matters"), also when it waits for evidence and so makes no decision to carry it.
 * Applications made before this column have none (null).
 */
export class AddApplicationNextStep1764133200000 implements MigrationInterface {
  name = 'AddApplicationNextStep1764133200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admission_applications ADD COLUMN next_step text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admission_applications DROP COLUMN next_step`);
  }
}
