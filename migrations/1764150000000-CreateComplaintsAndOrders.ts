import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints and order volumes, the second quality signal (PRODUCT.md, "Complaints and advance
 * compensation"), and the policy settings that govern them.
 *
 * - `policies` gains the complaint deadlines (`complaint_response_hours` 24,
 *   `complaint_resolution_hours` 72) and the complaint rate's window, floor and bar
 *   (`complaint_window_days` 90, `min_orders` 100, `complaint_rate_threshold` 0.01); existing
 *   versions take the defaults, as a policy created with no fields would.
 * - `complaints`: one row per complaint, idempotent on `(source, external_id)`, with its deadlines
 *   fixed at intake from the category's policy (`policy_version` says which). Its steps are
 *   columns, not rows: a complaint is answered once, resolved or withdrawn once. Owned by the
 *   `complaints` module.
 * - `order_volumes`: a supplier's order count per UTC day, the complaint rate's denominator; the
 *   last count sent for a day stands. Owned by the `orders` module.
 *
 * The complaint rate reads supplier-fault complaints of a batch of suppliers by opening time
 * (`complaints_supplier_fault_idx`, partial: only the complaints that count) and order days by
 * supplier and day (the primary key).
 */
export class CreateComplaintsAndOrders1764150000000 implements MigrationInterface {
  name = 'CreateComplaintsAndOrders1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE policies
        ADD COLUMN complaint_response_hours   integer          NOT NULL DEFAULT 24,
        ADD COLUMN complaint_resolution_hours integer          NOT NULL DEFAULT 72,
        ADD COLUMN complaint_window_days      integer          NOT NULL DEFAULT 90,
        ADD COLUMN min_orders                 integer          NOT NULL DEFAULT 100,
        ADD COLUMN complaint_rate_threshold   double precision NOT NULL DEFAULT 0.01`);

    await q.query(`
      CREATE TABLE complaints (
        id                 uuid        PRIMARY KEY,
        seq                bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        source             text        NOT NULL,
        external_id        text        NOT NULL,
        supplier_id        uuid        NOT NULL REFERENCES suppliers (id),
        order_ref          text        NOT NULL,
        opened_at          timestamptz NOT NULL,
        complaint_category text        NOT NULL CHECK (complaint_category IN ('NOT_AS_DESCRIBED','SERVICE_NOT_PROVIDED','CLEANLINESS','STAFF_CONDUCT','SAFETY','OVERBOOKED','SUPPLIER_CHANGE','BILLING','FORCE_MAJEURE','PLATFORM_ERROR','CUSTOMER_CHANGE','OTHER')),
        severity           text        NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        description        text        NOT NULL,
        claimed_minor      bigint      CHECK (claimed_minor > 0),
        claimed_currency   text,
        status             text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','RESPONDED','RESOLVED','WITHDRAWN')),
        policy_version     integer     NOT NULL,
        respond_by         timestamptz NOT NULL,
        resolve_by         timestamptz NOT NULL,
        responded_at       timestamptz,
        responded_by       text,
        response_message   text,
        resolved_at        timestamptz,
        resolved_by        text,
        fault              text        CHECK (fault IN ('SUPPLIER','PLATFORM','CUSTOMER','NONE')),
        resolution         text,
        withdrawn_at       timestamptz,
        withdrawn_by       text,
        withdrawal_reason  text,
        created_by         text        NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, external_id),
        CHECK ((claimed_minor IS NULL) = (claimed_currency IS NULL)),
        CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND fault IS NOT NULL)),
        CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)),
        CHECK (status = 'OPEN' OR status = 'WITHDRAWN' OR responded_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX complaints_supplier_idx ON complaints (supplier_id, opened_at)`);
    await q.query(
      `CREATE INDEX complaints_supplier_fault_idx ON complaints (supplier_id, opened_at) INCLUDE (resolved_at) WHERE fault = 'SUPPLIER'`,
    );
    await q.query(`CREATE INDEX complaints_unanswered_idx ON complaints (respond_by) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX complaints_unresolved_idx ON complaints (resolve_by) WHERE status IN ('OPEN', 'RESPONDED')`);

    await q.query(`
      CREATE TABLE order_volumes (
        supplier_id uuid        NOT NULL REFERENCES suppliers (id),
        day         date        NOT NULL,
        orders      integer     NOT NULL CHECK (orders >= 0),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (supplier_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_volumes`);
    await q.query(`DROP TABLE complaints`);
    await q.query(`
      ALTER TABLE policies
        DROP COLUMN complaint_rate_threshold,
        DROP COLUMN min_orders,
        DROP COLUMN complaint_window_days,
        DROP COLUMN complaint_resolution_hours,
        DROP COLUMN complaint_response_hours`);
  }
}
