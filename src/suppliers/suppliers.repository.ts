import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
import type { Supplier } from './domain/supplier.js';
import { standingRefusal, type SupplierStatus, type Tier, type TransitionCause, transitionRefusal } from './domain/supplier-lifecycle.js';
import { SupplierEntity } from './supplier.entity.js';
import { namedStandingFromRow, standingFromRow, type StandingRow, supplierFromRow, type SupplierRow } from './supplier.mapper.js';

/** What governance reads and writes of a supplier's standing. */
export interface SupplierStanding {
  status: SupplierStatus;
  tier: Tier | null;
  probationEndsAt: string | null;
  /** A manager's hold: scoring runs dated up to and including this date make no sanction decision. */
  holdUntil: string | null;
  /** The date of the latest accepted audit when it failed (null: it passed, or none): written by audit decisions only. */
  auditFailedOn: string | null;
}

/** The part of a supplier that scoring and sanctions read. */
export interface StandingOfSupplier extends SupplierStanding {
  id: string;
  category: string;
}

/** A supplier's standing with its name, as a simulation lists it. */
export interface NamedStanding extends StandingOfSupplier {
  name: string;
}

/** A change of standing: written only if the supplier still holds `from`. */
export interface StandingChange {
  id: string;
  from: SupplierStanding;
  to: SupplierStanding;
}

export interface NewSupplierRow {
  externalRef: string;
  name: string;
  category: string;
  city: string | null;
  themes: string[];
}

/** Every column of a supplier, dates as `YYYY-MM-DD` (what the entity read gave). */
const SUPPLIER_COLUMNS = `id, seq, external_ref, name, category, city, themes, status, tier,
  to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at, to_char(hold_until, 'YYYY-MM-DD') AS hold_until,
  to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on, to_char(status_as_of, 'YYYY-MM-DD') AS status_as_of, created_at, updated_at`;

const STANDING_COLUMNS = `id, category, status, tier, to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at,
  to_char(hold_until, 'YYYY-MM-DD') AS hold_until, to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on`;

/** Whether two standings agree on every column `changeStanding` writes. */
export function sameStanding(a: SupplierStanding, b: SupplierStanding): boolean {
  return (
    a.status === b.status &&
    a.tier === b.tier &&
    a.probationEndsAt === b.probationEndsAt &&
    a.holdUntil === b.holdUntil &&
    a.auditFailedOn === b.auditFailedOn
  );
}

/** Only the standing of a supplier (or of anything that carries one), for a change's `from` or `to`. */
export function standingOf(s: SupplierStanding): SupplierStanding {
  return { status: s.status, tier: s.tier, probationEndsAt: s.probationEndsAt, holdUntil: s.holdUntil, auditFailedOn: s.auditFailedOn };
}

/**
 * The one writer of `suppliers`. Every change of a supplier's status, tier, probation, hold or
 * audit standing goes through `changeStanding`, which checks the lifecycle (`transitionRefusal`)
 * and is the only UPDATE of those columns in the service.
 */
@Injectable()
export class SuppliersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts an applicant; a repeated externalRef fails with the unique key's error (23505). */
  async insert(row: NewSupplierRow): Promise<Supplier> {
    const manager = this.dataSource.manager;
    const saved = await manager.save(manager.create(SupplierEntity, { ...row, status: 'APPLICANT', tier: null }));
    return (await this.find(saved.id))!;
  }

  /** Registers the suppliers whose externalRef is not known yet, as applicants of one category; returns how many. */
  async insertMissing(category: string, seeds: Array<{ externalRef: string; name: string; city: string | null }>): Promise<number> {
    if (seeds.length === 0) return 0;
    const rows = (await this.dataSource.query(
      `INSERT INTO suppliers (external_ref, name, category, city)
       SELECT ref, name, $4, city FROM unnest($1::text[], $2::text[], $3::text[]) AS s(ref, name, city)
       ON CONFLICT (external_ref) DO NOTHING
       RETURNING id`,
      [seeds.map((s) => s.externalRef), seeds.map((s) => s.name), seeds.map((s) => s.city), category],
    )) as unknown[];
    return rows.length;
  }

  /** One supplier (null when unknown): plain SQL, as every read on a request's path is (no entity hydration). */
  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Supplier | null> {
    const rows = (await manager.query(`SELECT ${SUPPLIER_COLUMNS} FROM suppliers WHERE id = $1`, [id])) as SupplierRow[];
    return rows.length ? supplierFromRow(rows[0]) : null;
  }

  /** Locks the supplier's row in the caller's transaction (null when unknown). */
  async lock(manager: EntityManager, id: string): Promise<Supplier | null> {
    const rows = (await manager.query(`SELECT ${SUPPLIER_COLUMNS} FROM suppliers WHERE id = $1 FOR UPDATE`, [id])) as SupplierRow[];
    return rows.length ? supplierFromRow(rows[0]) : null;
  }

  /** Suppliers with these externalRefs, by externalRef. */
  async idsByRef(refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, external_ref FROM suppliers WHERE external_ref = ANY(${textList(1)})`, [
      sqlTextList(refs),
    ])) as Array<{ id: string; external_ref: string }>;
    return new Map(rows.map((r) => [r.external_ref, r.id]));
  }

  /** Which of these ids are suppliers. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.dataSource.query(`SELECT id FROM suppliers WHERE id = ANY(string_to_array($1, ',')::uuid[])`, [
      sqlList(ids),
    ])) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  /** How many suppliers in these statuses a category (or all) holds. */
  async count(
    statuses: readonly SupplierStatus[],
    category: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM suppliers WHERE status = ANY($1::text[]) AND ($2::text IS NULL OR category = $2)`,
      [statuses, category],
    )) as Array<{ n: number }>;
    return row.n;
  }

  /**
   * The next suppliers after `after` (by seq) in these statuses, of a category or all, read
   * without locks: a scoring run's batch. Returns the batch and its last seq.
   */
  async standingsAfter(
    after: string,
    statuses: readonly SupplierStatus[],
    category: string | null,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ suppliers: StandingOfSupplier[]; last: string } | null> {
    return this.batchAfter(STANDING_COLUMNS, standingFromRow, [after, statuses, category, limit], manager);
  }

  /** `standingsAfter` with each supplier's name, in the same one query: a simulation's batch, which lists suppliers by name. */
  async namedStandingsAfter(
    after: string,
    statuses: readonly SupplierStatus[],
    category: string | null,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ suppliers: NamedStanding[]; last: string } | null> {
    return this.batchAfter(`${STANDING_COLUMNS}, name`, namedStandingFromRow, [after, statuses, category, limit], manager);
  }

  private async batchAfter<Row extends StandingRow, Out>(
    columns: string,
    map: (row: Row) => Out,
    params: [after: string, statuses: readonly SupplierStatus[], category: string | null, limit: number],
    manager: EntityManager,
  ): Promise<{ suppliers: Out[]; last: string } | null> {
    const rows = (await manager.query(
      `SELECT seq, ${columns}
         FROM suppliers
        WHERE seq > $1 AND status = ANY($2::text[]) AND ($3::text IS NULL OR category = $3)
        ORDER BY seq LIMIT $4`,
      params,
    )) as Array<Row & { seq: string }>;
    return rows.length === 0 ? null : { suppliers: rows.map(map), last: rows[rows.length - 1].seq };
  }

  /** Locks these suppliers (in id order, so two lockers never deadlock) and returns their standing. */
  async lockStandings(manager: EntityManager, ids: string[]): Promise<Map<string, StandingOfSupplier>> {
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT ${STANDING_COLUMNS} FROM suppliers WHERE id = ANY(string_to_array($1, ',')::uuid[]) ORDER BY id FOR UPDATE`,
      [sqlList(ids)],
    )) as StandingRow[];
    return new Map(rows.map((r) => [r.id, standingFromRow(r)]));
  }

  /** Category, city and themes of these suppliers (audit planning). */
  async profiles(ids: string[]): Promise<Array<{ id: string; category: string; city: string | null; themes: string[] }>> {
    return (await this.dataSource.query(`SELECT id, category, city, themes FROM suppliers WHERE id = ANY($1::uuid[])`, [ids])) as Array<{
      id: string;
      category: string;
      city: string | null;
      themes: string[];
    }>;
  }

  /**
   * Writes each change of standing if its supplier still holds the standing it was decided on
   * (the UPDATE re-checks that on the latest version of a row a concurrent transaction changed)
   * and returns the ids it did not write. `status_as_of` becomes `asOf` when the status changes,
   * or for every change with `restartStatusDate` (an admission outcome restarts the cooldown even
   * when a rejected supplier is rejected again). The lifecycle is the one authority on status
   * changes, and on who may change a hold or the audit standing (`standingRefusal`): a refused
   * change is a bug in the caller, and fails before anything is written.
   */
  async changeStanding(
    manager: EntityManager,
    cause: TransitionCause,
    asOf: string,
    changes: StandingChange[],
    options: { restartStatusDate?: boolean } = {},
  ): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    for (const { id, from, to } of changes) {
      const refusal =
        (to.status === from.status ? null : transitionRefusal(from.status, to.status, cause)) ?? standingRefusal(from, to, cause);
      if (refusal !== null) throw new Error(`A ${cause} change breaks the supplier lifecycle for ${id}: ${refusal}`);
    }
    const [row] = (await manager.query(
      `WITH x AS (
         SELECT * FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($3, ','), string_to_array($4, ',', ''), string_to_array($5, ',', '')::date[],
                              string_to_array($6, ',', '')::date[], string_to_array($7, ',', '')::date[],
                              string_to_array($8, ','), string_to_array($9, ',', ''), string_to_array($10, ',', '')::date[],
                              string_to_array($11, ',', '')::date[], string_to_array($12, ',', '')::date[])
                AS x(id, was_status, was_tier, was_probation_ends_at, was_hold_until, was_audit_failed_on,
                     status, tier, probation_ends_at, hold_until, audit_failed_on)),
       written AS (
         UPDATE suppliers s
            SET status = x.status, tier = x.tier, probation_ends_at = x.probation_ends_at,
                hold_until = x.hold_until, audit_failed_on = x.audit_failed_on,
                status_as_of = CASE WHEN $13::boolean OR x.status <> s.status THEN $1::date ELSE s.status_as_of END,
                updated_at = now()
           FROM x
          WHERE s.id = x.id AND s.status = x.was_status AND s.tier IS NOT DISTINCT FROM x.was_tier
            AND s.probation_ends_at IS NOT DISTINCT FROM x.was_probation_ends_at
            AND s.hold_until IS NOT DISTINCT FROM x.was_hold_until AND s.audit_failed_on IS NOT DISTINCT FROM x.was_audit_failed_on
         RETURNING s.id)
       SELECT string_agg(x.id::text, ',') AS missed FROM x WHERE x.id NOT IN (SELECT id FROM written)`,
      [
        asOf,
        sqlList(changes.map((c) => c.id)),
        sqlList(changes.map((c) => c.from.status)),
        sqlList(changes.map((c) => c.from.tier)),
        sqlList(changes.map((c) => c.from.probationEndsAt)),
        sqlList(changes.map((c) => c.from.holdUntil)),
        sqlList(changes.map((c) => c.from.auditFailedOn)),
        sqlList(changes.map((c) => c.to.status)),
        sqlList(changes.map((c) => c.to.tier)),
        sqlList(changes.map((c) => c.to.probationEndsAt)),
        sqlList(changes.map((c) => c.to.holdUntil)),
        sqlList(changes.map((c) => c.to.auditFailedOn)),
        options.restartStatusDate === true,
      ],
    )) as Array<{ missed: string | null }>;
    return new Set(row.missed === null ? [] : row.missed.split(','));
  }

  /** `changeStanding` for one supplier the caller has locked: a miss cannot happen and is a bug. */
  async changeLockedStanding(
    manager: EntityManager,
    cause: TransitionCause,
    asOf: string,
    change: StandingChange,
    options: { restartStatusDate?: boolean } = {},
  ): Promise<void> {
    const missed = await this.changeStanding(manager, cause, asOf, [change], options);
    if (missed.size > 0) throw new Error(`Supplier ${change.id} changed while locked`);
  }
}
