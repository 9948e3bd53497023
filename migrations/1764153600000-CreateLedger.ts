import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ISO 4217 currencies the ledger takes, `CODE:minor digits`. Copied from ISO 4217 list one as
 * the `currency-codes` package 2.2.0 ships it (published 2024-06-25) by
 * `node scripts/iso4217-currencies.mjs`, less the codes without a minor unit (metals, units of
 * account, XTS, XXX). Fixed here: a migration never changes once applied, so a later revision of
 * the standard is a new migration (test/unit/currencies.test.ts compares this list with the package).
 */
export const ISO_4217_CURRENCIES = (
  'AED:2 AFN:2 ALL:2 AMD:2 ANG:2 AOA:2 ARS:2 AUD:2 AWG:2 AZN:2 BAM:2 BBD:2 BDT:2 BGN:2 BHD:3 BIF:0 BMD:2 BND:2 BOB:2 BOV:2 ' +
  'BRL:2 BSD:2 BTN:2 BWP:2 BYN:2 BZD:2 CAD:2 CDF:2 CHE:2 CHF:2 CHW:2 CLF:4 CLP:0 CNY:2 COP:2 COU:2 CRC:2 CUC:2 CUP:2 CVE:2 ' +
  'CZK:2 DJF:0 DKK:2 DOP:2 DZD:2 EGP:2 ERN:2 ETB:2 EUR:2 FJD:2 FKP:2 GBP:2 GEL:2 GHS:2 GIP:2 GMD:2 GNF:0 GTQ:2 GYD:2 HKD:2 ' +
  'HNL:2 HTG:2 HUF:2 IDR:2 ILS:2 INR:2 IQD:3 IRR:2 ISK:0 JMD:2 JOD:3 JPY:0 KES:2 KGS:2 KHR:2 KMF:0 KPW:2 KRW:0 KWD:3 KYD:2 ' +
  'KZT:2 LAK:2 LBP:2 LKR:2 LRD:2 LSL:2 LYD:3 MAD:2 MDL:2 MGA:2 MKD:2 MMK:2 MNT:2 MOP:2 MRU:2 MUR:2 MVR:2 MWK:2 MXN:2 MXV:2 ' +
  'MYR:2 MZN:2 NAD:2 NGN:2 NIO:2 NOK:2 NPR:2 NZD:2 OMR:3 PAB:2 PEN:2 PGK:2 PHP:2 PKR:2 PLN:2 PYG:0 QAR:2 RON:2 RSD:2 RUB:2 ' +
  'RWF:0 SAR:2 SBD:2 SCR:2 SDG:2 SEK:2 SGD:2 SHP:2 SLE:2 SOS:2 SRD:2 SSP:2 STN:2 SVC:2 SYP:2 SZL:2 THB:2 TJS:2 TMT:2 TND:3 ' +
  'TOP:2 TRY:2 TTD:2 TWD:2 TZS:2 UAH:2 UGX:0 USD:2 USN:2 UYI:0 UYU:2 UYW:4 UZS:2 VED:2 VES:2 VND:0 VUV:0 WST:2 XAF:0 XCD:2 ' +
  'XOF:0 XPF:0 YER:2 ZAR:2 ZMW:2 ZWG:2'
).split(' ');

/**
 * The advance-compensation ledger (PRODUCT.md, "Complaints and advance compensation"), owned by
 * the `ledger` module.
 *
 * - `currencies`: the ISO 4217 codes and their minor digits (2 for CNY, 0 for JPY, 3 for KWD).
 * - `ledger_entries`: one row per money movement, in minor units: the platform's compensation to
 *   the customer (`COMPENSATION_PAID`), its charge to the supplier at fault (`RECOVERY_CHARGED`,
 *   naming the compensation: UNIQUE, so each is charged once), and what happens to a charge
 *   (`RECOVERY_SETTLED`, `RECOVERY_WAIVED`, naming it; one waiver per charge). Append-only: a
 *   trigger refuses UPDATE and DELETE, as for decisions (TRUNCATE, the database owner's reset
 *   of whole tables, stays possible, as for decisions). A charge's outstanding amount is
 *   computed from its settlements and waiver, which lock the charge row while they check it.
 */
export class CreateLedger1764153600000 implements MigrationInterface {
  name = 'CreateLedger1764153600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE currencies (
        code         text     PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        minor_digits smallint NOT NULL CHECK (minor_digits BETWEEN 0 AND 4)
      )`);
    await q.query(
      `INSERT INTO currencies (code, minor_digits)
       SELECT split_part(c, ':', 1), split_part(c, ':', 2)::smallint FROM unnest($1::text[]) AS c`,
      [ISO_4217_CURRENCIES],
    );

    await q.query(`
      CREATE TABLE ledger_entries (
        id              uuid        PRIMARY KEY,
        seq             bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        supplier_id     uuid        NOT NULL REFERENCES suppliers (id),
        complaint_id    uuid        NOT NULL REFERENCES complaints (id),
        kind            text        NOT NULL CHECK (kind IN ('COMPENSATION_PAID','RECOVERY_CHARGED','RECOVERY_SETTLED','RECOVERY_WAIVED')),
        amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
        currency        text        NOT NULL REFERENCES currencies (code),
        compensation_id uuid        UNIQUE REFERENCES ledger_entries (id),
        charge_id       uuid        REFERENCES ledger_entries (id),
        reference       text,
        reason          text,
        actor           text        NOT NULL,
        occurred_at     timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'RECOVERY_CHARGED') = (compensation_id IS NOT NULL)),
        CHECK ((kind IN ('RECOVERY_SETTLED','RECOVERY_WAIVED')) = (charge_id IS NOT NULL)),
        CHECK (kind <> 'RECOVERY_WAIVED' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ledger_entries_supplier_idx ON ledger_entries (supplier_id, seq)`);
    await q.query(`CREATE INDEX ledger_entries_complaint_idx ON ledger_entries (complaint_id)`);
    await q.query(`CREATE INDEX ledger_entries_charge_idx ON ledger_entries (charge_id) WHERE charge_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX ledger_entries_one_waiver ON ledger_entries (charge_id) WHERE kind = 'RECOVERY_WAIVED'`);
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % of entry % refused', TG_OP, OLD.id USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entries_append_only()`);
    await q.query(`DROP TABLE currencies`);
  }
}
