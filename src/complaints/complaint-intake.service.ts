import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import type { FieldError } from '../common/errors/problem.js';
import { validationFailed } from '../common/http/validation.js';
import { uuidV7 } from '../common/ids/uuid-v7.js';
import { Currencies } from '../ledger/currencies.js';
import { LedgerException } from '../ledger/ledger.exception.js';
import { PoliciesService } from '../policies/policies.service.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { complaintFromRow } from './complaint.mapper.js';
import { complaintKey, type ComplaintRow, ComplaintsRepository, type NewComplaint } from './complaints.repository.js';
import type { Complaint } from './domain/complaint.js';
import { type CurrencyDigits, MAX_COMPLAINT_BATCH, validateComplaintItem, type ValidComplaintItem } from './domain/complaint-item.js';
import { deadlinesOf } from './domain/deadlines.js';

export interface RejectedComplaint {
  index: number;
  externalId: string | null;
  errors: FieldError[];
}

export interface ComplaintBatchResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedComplaint[];
}

type Indexed = ValidComplaintItem & { index: number };
type Resolved = Indexed & { supplierId: string; category: string };
type Outcome = { kind: 'created' | 'duplicate'; row: ComplaintRow } | { kind: 'changed'; fields: string[] };

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** The fields in which a repeat differs from the stored complaint (empty: a duplicate). */
export function changedFields(row: ComplaintRow, item: Resolved): string[] {
  const changed: string[] = [];
  if (row.supplier_id !== item.supplierId) changed.push(item.supplierRef !== undefined ? 'supplierRef' : 'supplierId');
  if (row.order_ref !== item.orderRef) changed.push('orderRef');
  if (row.opened_at.getTime() !== item.openedAt.getTime()) changed.push('openedAt');
  if (row.complaint_category !== item.complaintCategory) changed.push('complaintCategory');
  if (row.severity !== item.severity) changed.push('severity');
  if (row.description !== item.description) changed.push('description');
  const claimed = item.claimedMinor === null ? null : item.claimedMinor.toString();
  if (row.claimed_minor !== claimed || row.claimed_currency !== item.claimedCurrency) changed.push('claimedAmount');
  return changed;
}

/**
 * Complaints in, one by one (POST /v1/complaints) or in batches (the batch endpoint and the CSV
 * importer), idempotent on (source, externalId): a repeat with the same content is a duplicate; a
 * repeat with other content is refused (409 alone, a rejection in a batch) naming the fields, as
 * a complaint has a lifecycle that an intake must not rewrite. Deadlines come from the supplier's
 * category's policy at intake.
 */
@Injectable()
export class ComplaintIntakeService {
  private readonly logger = new Logger(ComplaintIntakeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ComplaintsRepository,
    private readonly suppliers: SuppliersRepository,
    private readonly policies: PoliciesService,
    private readonly currencies: Currencies,
  ) {}

  /** The minor digits of the currencies the items claim in, as the ledger knows them. */
  private async digitsOf(rawItems: unknown[]): Promise<CurrencyDigits> {
    const codes = new Set<string>();
    for (const raw of rawItems) {
      const currency = (raw as { claimedAmount?: { currency?: unknown } } | null)?.claimedAmount?.currency;
      if (typeof currency === 'string') codes.add(currency);
    }
    const digits = new Map<string, number>();
    for (const code of codes) {
      try {
        digits.set(code, (await this.currencies.get(code)).digits);
      } catch (error) {
        if (!(error instanceof LedgerException)) throw error;
      }
    }
    return (code) => digits.get(code);
  }

  /** One complaint: the stored one, and whether this call created it. */
  async create(raw: unknown, principal: Principal, now: number = Date.now()): Promise<{ complaint: Complaint; created: boolean }> {
    const check = validateComplaintItem(raw, await this.digitsOf([raw]), now);
    if (!check.ok) {
      if (check.status === 400) throw validationFailed(check.errors);
      throw new ComplaintException(
        ComplaintExceptionCode.INVALID_COMPLAINT,
        check.errors.length === 1 ? `${check.errors[0].field} ${check.errors[0].message}` : 'The complaint breaks several rules',
        check.errors,
      );
    }
    const rejected: RejectedComplaint[] = [];
    const [item] = await this.resolve([{ ...check.item, index: 0 }], rejected);
    if (!item) {
      const field = rejected[0].errors[0].field;
      const name = field === 'supplierRef' ? `with externalRef "${check.item.supplierRef}"` : check.item.supplierId;
      throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${name} does not exist`, rejected[0].errors);
    }
    assertCategoryAccess(principal, item.category);
    const [outcome] = await this.storeWithRetry([item], principal.sub);
    if (outcome.kind === 'changed') {
      throw new ComplaintException(
        ComplaintExceptionCode.CHANGED_DUPLICATE,
        `Complaint ${item.source}/${item.externalId} exists with other content (${outcome.fields.join(', ')}); a stored complaint is changed through its lifecycle, not by sending it again`,
        outcome.fields.map((field) => ({ field, message: 'differs from the stored complaint' })),
      );
    }
    return { complaint: complaintFromRow(outcome.row), created: outcome.kind === 'created' };
  }

  /** Up to MAX_COMPLAINT_BATCH complaints; bad items are reported one by one, the rest stored. */
  async ingest(rawItems: unknown[], actor: string, now: number = Date.now()): Promise<ComplaintBatchResult> {
    if (rawItems.length > MAX_COMPLAINT_BATCH) {
      throw new ComplaintException(
        ComplaintExceptionCode.BATCH_TOO_LARGE,
        `A batch holds at most ${MAX_COMPLAINT_BATCH} complaints (got ${rawItems.length}); split it`,
        [{ field: 'complaints', message: `must hold at most ${MAX_COMPLAINT_BATCH} items` }],
      );
    }
    const digitsOf = await this.digitsOf(rawItems);
    const rejected: RejectedComplaint[] = [];
    const valid: Indexed[] = [];
    const firstOfKey = new Map<string, number>();
    rawItems.forEach((raw, index) => {
      const check = validateComplaintItem(raw, digitsOf, now);
      if (!check.ok) return void rejected.push({ index, externalId: check.externalId, errors: check.errors });
      const key = complaintKey(check.item);
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        return void rejected.push({
          index,
          externalId: check.item.externalId,
          errors: [{ field: 'externalId', message: `repeats item ${first} of this batch` }],
        });
      }
      firstOfKey.set(key, index);
      valid.push({ ...check.item, index });
    });
    const resolved = await this.resolve(valid, rejected);
    let accepted = 0;
    let duplicates = 0;
    if (resolved.length > 0) {
      const outcomes = await this.storeWithRetry(resolved, actor);
      outcomes.forEach((outcome, i) => {
        if (outcome.kind === 'changed') {
          rejected.push({
            index: resolved[i].index,
            externalId: resolved[i].externalId,
            errors: outcome.fields.map((field) => ({
              field,
              message: 'differs from the stored complaint with this source and externalId',
            })),
          });
        } else if (outcome.kind === 'created') accepted++;
        else duplicates++;
      });
    }
    rejected.sort((a, b) => a.index - b.index);
    return { accepted, duplicates, rejected };
  }

  /** Each item's supplier and category; items naming no supplier are rejected. */
  private async resolve(items: Indexed[], rejected: RejectedComplaint[]): Promise<Resolved[]> {
    const refs = [...new Set(items.filter((i) => i.supplierRef !== undefined).map((i) => i.supplierRef!))];
    const byRef = await this.suppliers.idsByRef(refs);
    const ids = [...new Set(items.map((i) => i.supplierId ?? byRef.get(i.supplierRef!)).filter((id): id is string => id !== undefined))];
    const categories = new Map((await this.suppliers.profiles(ids)).map((p) => [p.id, p.category]));
    const resolved: Resolved[] = [];
    for (const item of items) {
      const supplierId = item.supplierId ?? byRef.get(item.supplierRef!);
      const category = supplierId === undefined ? undefined : categories.get(supplierId);
      if (supplierId === undefined || category === undefined) {
        rejected.push({
          index: item.index,
          externalId: item.externalId,
          errors: [
            item.supplierRef !== undefined
              ? { field: 'supplierRef', message: 'no supplier has this externalRef' }
              : { field: 'supplierId', message: 'no supplier has this id' },
          ],
        });
      } else resolved.push({ ...item, supplierId, category });
    }
    return resolved;
  }

  private async storeWithRetry(items: Resolved[], actor: string): Promise<Outcome[]> {
    const policies = await this.policies.latestByCategory();
    // Lock order by key keeps concurrent overlapping batches from deadlocking one another.
    const order = items.map((_, i) => i).sort((a, b) => (complaintKey(items[a]) < complaintKey(items[b]) ? -1 : 1));
    const rows: NewComplaint[] = order.map((i) => {
      const item = items[i];
      const policy = policies.get(item.category);
      if (!policy) throw new Error(`category ${item.category} of supplier ${item.supplierId} has no policy`);
      return { ...item, id: uuidV7(), policyVersion: policy.version, ...deadlinesOf(item.openedAt, policy), createdBy: actor };
    });
    for (let attempt = 1; ; attempt++) {
      try {
        const sorted = await this.dataSource.transaction((manager) =>
          this.store(
            manager,
            rows,
            order.map((i) => items[i]),
          ),
        );
        const outcomes: Outcome[] = new Array<Outcome>(items.length);
        order.forEach((original, position) => (outcomes[original] = sorted[position]));
        return outcomes;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
        this.logger.warn(`Complaint intake hit ${code}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async store(manager: EntityManager, rows: NewComplaint[], items: Resolved[]): Promise<Outcome[]> {
    const inserted = await this.repository.insertNew(manager, rows);
    const existing = await this.repository.lockByKeys(manager, rows);
    return rows.map((row, i) => {
      const stored = existing.get(complaintKey(row));
      if (!stored) throw new Error(`complaint ${complaintKey(row)} neither inserted nor found`);
      if (inserted.has(complaintKey(row))) return { kind: 'created', row: stored };
      const fields = changedFields(stored, items[i]);
      return fields.length === 0 ? { kind: 'duplicate', row: stored } : { kind: 'changed', fields };
    });
  }
}
