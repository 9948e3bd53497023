import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from '../common/pagination/page.js';
import { decodeSortedCursor, encodeSortedCursor } from '../common/pagination/sorted-cursor.js';
import { nextRunDate } from './domain/at-risk.js';
import type { SearchSuppliersQuery } from './dto/search-suppliers.query.js';
import type { SupplierListingDto } from './dto/supplier-listing.dto.js';
import { sortKeyType, type SupplierSearch, SupplierSearchRepository } from './supplier-search.repository.js';
import { listingFromRow } from './triage.mapper.js';

/** GET /v1/suppliers: search, filter and sort suppliers with their latest figures. */
@Injectable()
export class SupplierSearchService {
  constructor(private readonly repository: SupplierSearchRepository) {}

  /**
   * The search a query asks for, checked before anything is read (403 for another category's
   * manager, 400 for a cursor this search did not issue): a CSV export checks it before it starts.
   */
  prepare(query: SearchSuppliersQuery, principal: Principal, now: Date = new Date()): Omit<SupplierSearch, 'after' | 'limit'> {
    if (query.category !== undefined) assertCategoryAccess(principal, query.category);
    const scope = categoryScope(principal);
    if (query.cursor !== undefined) this.position(query, query.cursor);
    return {
      category: query.category,
      scope: scope ? [...scope] : null,
      status: query.status,
      tier: query.tier,
      q: query.q,
      probationEndsBefore: query.probationEndsBefore,
      holdEndsBefore: query.holdEndsBefore,
      atRisk: query.atRisk,
      nextRun: nextRunDate(now),
      sort: query.sort,
    };
  }

  async page(
    search: Omit<SupplierSearch, 'after' | 'limit'>,
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<SupplierListingDto>> {
    const rows = await this.repository.search({
      ...search,
      limit,
      after: cursor === undefined ? undefined : this.position(search, cursor),
    });
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    const last = kept[kept.length - 1];
    return {
      items: kept.map(listingFromRow),
      nextCursor: !more
        ? null
        : search.sort === undefined
          ? encodeCursor(last.seq)
          : encodeSortedCursor({ sort: search.sort, key: last.sort_key!, seq: String(last.seq) }),
    };
  }

  async list(query: SearchSuppliersQuery, principal: Principal): Promise<Page<SupplierListingDto>> {
    return this.page(this.prepare(query, principal), query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  private position(search: Pick<SupplierSearch, 'sort'>, cursor: string): { key?: string | number; seq: string } {
    if (search.sort === undefined) return { seq: decodeCursor(cursor)! };
    const { key, seq } = decodeSortedCursor(cursor, search.sort, sortKeyType(search.sort))!;
    return { key, seq };
  }
}
