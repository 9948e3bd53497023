import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { CommonException, CommonExceptionCode } from '../common/errors/common.exception.js';
import { invalidCursor, type Page } from '../common/pagination/page.js';
import { decodeSortedCursor, encodeSortedCursor } from '../common/pagination/sorted-cursor.js';
import { resolveAsOf } from '../common/time/as-of.js';
import { addDays } from '../common/time/dates.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { decisionFromRow } from './decision.mapper.js';
import { type DecisionFeedFilter, DecisionFeedRepository } from './decision-feed.repository.js';
import type { Decision, DecisionKind } from './domain/decision.js';
import type { DecisionFeedQuery } from './dto/decision-feed.dto.js';

export type FeedDecision = Decision & { supplierName: string };
export type FeedSearch = Omit<DecisionFeedFilter, 'after' | 'limit'>;

const SORT = 'createdAt';
/** The cursor's key as the feed writes it: createdAt in UTC to the microsecond. */
const CREATED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** GET /v1/decisions: every supplier's decisions, newest first, for those who may read them. */
@Injectable()
export class DecisionFeedService {
  constructor(
    private readonly repository: DecisionFeedRepository,
    private readonly suppliers: SuppliersService,
  ) {}

  /**
   * The feed a query asks for, checked before anything is listed: 403 for another category (or a
   * supplier of one), 404 for an unknown supplier, 422 for a period outside 2000-01-01..today or
   * with `to` before `from`, 400 for a cursor the feed did not issue.
   */
  async prepare(query: DecisionFeedQuery, principal: Principal, now: Date = new Date()): Promise<FeedSearch> {
    if (query.category !== undefined) assertCategoryAccess(principal, query.category);
    if (query.supplierId !== undefined) await this.suppliers.getVisible(query.supplierId, principal);
    const from = query.from === undefined ? undefined : resolveAsOf(query.from, now, 'from');
    const to = query.to === undefined ? undefined : resolveAsOf(query.to, now, 'to');
    if (from !== undefined && to !== undefined && to < from) {
      throw new CommonException(CommonExceptionCode.DATE_OUT_OF_RANGE, `to ${to} is before from ${from}`, [
        { field: 'to', message: `must not be before from (${from})` },
      ]);
    }
    if (query.cursor !== undefined) this.position(query.cursor);
    const scope = categoryScope(principal);
    return {
      category: query.category,
      scope: scope ? [...scope] : null,
      kind: query.kind,
      supplierId: query.supplierId,
      from: from === undefined ? undefined : `${from}T00:00:00.000Z`,
      before: to === undefined ? undefined : `${addDays(to, 1)}T00:00:00.000Z`,
    };
  }

  async page(search: FeedSearch, limit: number, cursor: string | undefined): Promise<Page<FeedDecision>> {
    const rows = await this.repository.page({ ...search, limit, after: cursor === undefined ? undefined : this.position(cursor) });
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    const last = kept[kept.length - 1];
    return {
      items: kept.map((r) => ({ ...decisionFromRow(r), supplierName: r.supplier_name })),
      nextCursor: more ? encodeSortedCursor({ sort: SORT, key: last.created_key, seq: String(last.seq) }) : null,
    };
  }

  /**
   * A category's decisions made on the UTC days `from`..`to` (inclusive), counted by kind: the
   * decisions the feed lists for `?category=&from=&to=`. The caller checked access and dates.
   */
  async countByKind(category: string, from: string, to: string): Promise<Array<{ kind: DecisionKind; n: number }>> {
    return this.repository.countByKind(category, `${from}T00:00:00.000Z`, `${addDays(to, 1)}T00:00:00.000Z`);
  }

  private position(cursor: string): { createdAt: string; seq: string } {
    const { key, seq } = decodeSortedCursor(cursor, SORT, 'string')!;
    if (!CREATED_KEY.test(key as string) || Number.isNaN(Date.parse(key as string))) throw invalidCursor();
    return { createdAt: key as string, seq };
  }
}
