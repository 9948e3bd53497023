import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { complaintFromRow } from './complaint.mapper.js';
import { ComplaintsRepository } from './complaints.repository.js';
import type { Complaint, ComplaintStatus } from './domain/complaint.js';

export interface ComplaintFilter {
  category?: string;
  supplierId?: string;
  status?: ComplaintStatus;
  overdue?: boolean;
  limit?: number;
  cursor?: string;
}

/** Reading complaints, with what the API shows beside them (the compensation paid, from the ledger). */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ComplaintsRepository,
    private readonly ledger: LedgerService,
  ) {}

  /** The complaint (404 when unknown, 403 outside the caller's categories); locked when `manager` and `lock` are given. */
  async get(id: string, principal: Principal, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Complaint> {
    const row = await this.repository.find(id, manager, lock);
    if (!row) throw new ComplaintException(ComplaintExceptionCode.COMPLAINT_NOT_FOUND, `Complaint ${id} does not exist`);
    const complaint = complaintFromRow(row);
    assertCategoryAccess(principal, complaint.category);
    return complaint;
  }

  /** Complaints in intake order; a manager limited to some categories sees only theirs. */
  async list(filter: ComplaintFilter, principal: Principal, now: Date = new Date()): Promise<Page<Complaint>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    if (filter.category !== undefined) assertCategoryAccess(principal, filter.category);
    const scope = categoryScope(principal);
    const rows = await this.repository.list({
      category: filter.category,
      scope: scope ? [...scope] : null,
      supplierId: filter.supplierId,
      status: filter.status,
      overdueAt: filter.overdue === true ? now : undefined,
      after: decodeCursor(filter.cursor),
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (r) => complaintFromRow(r),
    );
  }

  /** How many of the category's complaints are overdue at `now`, whenever opened (the SLA report's overdueNow); the caller checked access. */
  async overdueCount(category: string, now: Date = new Date()): Promise<number> {
    return this.repository.countOverdue(category, now);
  }

  /** Each complaint's compensation payments, oldest first. */
  async compensationOf(
    complaints: Complaint[],
    manager?: EntityManager,
  ): Promise<Map<string, Array<{ amount: number; currency: string }>>> {
    if (complaints.length === 0) return new Map();
    return this.ledger.compensationOf(
      complaints.map((c) => c.id),
      manager,
    );
  }
}
