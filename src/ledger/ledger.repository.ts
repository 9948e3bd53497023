import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { LedgerKind } from './domain/ledger-entry.js';
import type { LedgerEntryRow, LedgerTotalRow } from './ledger.mapper.js';

/** An entry to append; the id is issued by the caller (uuid v7). */
export interface NewLedgerEntry {
  id: string;
  supplierId: string;
  complaintId: string;
  kind: LedgerKind;
  amountMinor: bigint;
  currency: string;
  compensationId?: string | null;
  chargeId?: string | null;
  reference?: string | null;
  reason?: string | null;
  actor: string;
  occurredAt: Date;
}

/** A charge with what its category is, locked for the settlement or waiver being decided. */
export interface LockedChargeRow extends LedgerEntryRow {
  category: string;
}

const ENTRY_COLUMNS = `e.id, e.seq, e.supplier_id, e.complaint_id, e.kind, e.amount_minor, e.currency, cur.minor_digits,
       e.compensation_id, e.charge_id, e.reference, e.reason, e.actor, e.occurred_at, e.created_at`;

/** The one writer of `ledger_entries` (append-only: the database refuses UPDATE and DELETE) and reader of `currencies`. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every currency the ledger takes, code → minor digits. */
  async currencies(): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(`SELECT code, minor_digits FROM currencies`)) as Array<{
      code: string;
      minor_digits: number;
    }>;
    return new Map(rows.map((r) => [r.code, Number(r.minor_digits)]));
  }

  /**
   * Appends entries in the caller's transaction, in the order given, and returns those written. A
   * charge of a compensation already charged is skipped (the UNIQUE `compensation_id`), so two
   * writers racing to charge one payment charge it once.
   */
  async append(manager: EntityManager, entries: NewLedgerEntry[]): Promise<LedgerEntryRow[]> {
    if (entries.length === 0) return [];
    const column = <T>(pick: (e: NewLedgerEntry) => T) => entries.map(pick);
    return (await manager.query(
      `WITH ins AS (
         INSERT INTO ledger_entries (id, supplier_id, complaint_id, kind, amount_minor, currency, compensation_id, charge_id, reference, reason, actor, occurred_at)
         SELECT x.id, x.supplier_id, x.complaint_id, x.kind, x.amount_minor, x.currency, x.compensation_id, x.charge_id, x.reference, x.reason, x.actor, x.occurred_at
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
                WITH ORDINALITY AS x(id, supplier_id, complaint_id, kind, amount_minor, currency, compensation_id, charge_id, reference, reason, actor, occurred_at, ord)
          ORDER BY x.ord
         ON CONFLICT (compensation_id) DO NOTHING
         RETURNING *)
       SELECT ${ENTRY_COLUMNS} FROM ins e JOIN currencies cur ON cur.code = e.currency ORDER BY e.seq`,
      [
        column((e) => e.id),
        column((e) => e.supplierId),
        column((e) => e.complaintId),
        column((e) => e.kind),
        column((e) => e.amountMinor.toString()),
        column((e) => e.currency),
        column((e) => e.compensationId ?? null),
        column((e) => e.chargeId ?? null),
        column((e) => e.reference ?? null),
        column((e) => e.reason ?? null),
        column((e) => e.actor),
        column((e) => e.occurredAt.toISOString()),
      ],
    )) as LedgerEntryRow[];
  }

  /** The compensation paid on a complaint that no charge names yet, oldest first. */
  async unchargedCompensation(manager: EntityManager, complaintId: string): Promise<LedgerEntryRow[]> {
    return (await manager.query(
      `SELECT ${ENTRY_COLUMNS}
         FROM ledger_entries e JOIN currencies cur ON cur.code = e.currency
        WHERE e.complaint_id = $1 AND e.kind = 'COMPENSATION_PAID'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries c WHERE c.compensation_id = e.id)
        ORDER BY e.seq`,
      [complaintId],
    )) as LedgerEntryRow[];
  }

  /** Every COMPENSATION_PAID entry of the complaints, oldest first. */
  async compensationOf(complaintIds: string[], manager: EntityManager = this.dataSource.manager): Promise<LedgerEntryRow[]> {
    if (complaintIds.length === 0) return [];
    return (await manager.query(
      `SELECT ${ENTRY_COLUMNS}
         FROM ledger_entries e JOIN currencies cur ON cur.code = e.currency
        WHERE e.complaint_id = ANY($1::uuid[]) AND e.kind = 'COMPENSATION_PAID'
        ORDER BY e.seq`,
      [complaintIds],
    )) as LedgerEntryRow[];
  }

  /**
   * Locks a RECOVERY_CHARGED entry until the caller's transaction ends (a row lock: the entry itself
   * never changes), so settlements and the waiver of one charge are decided one at a time against
   * what the others committed. Null when the id names no charge.
   */
  async lockCharge(manager: EntityManager, chargeId: string): Promise<LockedChargeRow | null> {
    const rows = (await manager.query(
      `SELECT ${ENTRY_COLUMNS}, s.category
         FROM ledger_entries e JOIN currencies cur ON cur.code = e.currency JOIN suppliers s ON s.id = e.supplier_id
        WHERE e.id = $1 AND e.kind = 'RECOVERY_CHARGED'
        FOR UPDATE OF e`,
      [chargeId],
    )) as LockedChargeRow[];
    return rows[0] ?? null;
  }

  /** A RECOVERY_CHARGED entry's supplier and date, read without a lock (what an appeal of it needs), or null. */
  async findCharge(chargeId: string): Promise<{ supplier_id: string; occurred_at: Date } | null> {
    const rows = (await this.dataSource.query(
      `SELECT supplier_id, occurred_at FROM ledger_entries WHERE id = $1 AND kind = 'RECOVERY_CHARGED'`,
      [chargeId],
    )) as Array<{ supplier_id: string; occurred_at: Date }>;
    return rows[0] ?? null;
  }

  /** What a charge's settlements sum to and whether it was waived, as committed (read after lockCharge). */
  async chargeProgress(manager: EntityManager, chargeId: string): Promise<{ settled: string; waived: boolean }> {
    const rows = (await manager.query(
      `SELECT coalesce(sum(amount_minor) FILTER (WHERE kind = 'RECOVERY_SETTLED'), 0)::text AS settled,
              bool_or(kind = 'RECOVERY_WAIVED') IS TRUE AS waived
         FROM ledger_entries WHERE charge_id = $1`,
      [chargeId],
    )) as Array<{ settled: string; waived: boolean }>;
    return rows[0];
  }

  /** A supplier's entries, newest first, after the keyset position `before` (a seq). */
  async listForSupplier(supplierId: string, before: string | undefined, limit: number): Promise<LedgerEntryRow[]> {
    return (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS}
         FROM ledger_entries e JOIN currencies cur ON cur.code = e.currency
        WHERE e.supplier_id = $1 AND ($2::bigint IS NULL OR e.seq < $2::bigint)
        ORDER BY e.seq DESC LIMIT $3`,
      [supplierId, before ?? null, limit + 1],
    )) as LedgerEntryRow[];
  }

  /** A supplier's sums per currency and kind, exact (numeric), compensation split by whether it was charged. */
  async totals(supplierId: string): Promise<LedgerTotalRow[]> {
    return (await this.dataSource.query(
      `SELECT e.currency, cur.minor_digits, e.kind,
              (e.kind = 'COMPENSATION_PAID' AND EXISTS (SELECT 1 FROM ledger_entries c WHERE c.compensation_id = e.id)) AS charged,
              sum(e.amount_minor)::text AS minor
         FROM ledger_entries e JOIN currencies cur ON cur.code = e.currency
        WHERE e.supplier_id = $1
        GROUP BY 1, 2, 3, 4`,
      [supplierId],
    )) as LedgerTotalRow[];
  }
}
