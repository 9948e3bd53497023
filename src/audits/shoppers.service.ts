import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { AuditsRepository, SHOPPER_SELECT, type ShopperRow, shopperToResponse } from './audits.repository.js';
import type { ShopperDto } from './dto/audits.dto.js';

/** The mystery-shopper registry. */
@Injectable()
export class ShoppersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditsRepository,
  ) {}

  async createShopper(
    input: {
      displayName: string;
      city?: string;
      categories: string[];
      themes?: string[];
      maxOpenAudits: number;
      conflictSupplierIds?: string[];
    },
    principal: Principal,
  ): Promise<ShopperDto> {
    for (const c of input.categories) assertCategoryAccess(principal, c);
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO shoppers (display_name, city, categories, themes, max_open_audits, conflict_supplier_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.displayName.trim(),
        input.city?.trim() || null,
        [...new Set(input.categories)],
        [...new Set((input.themes ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
        input.maxOpenAudits,
        [...new Set((input.conflictSupplierIds ?? []).map((x) => x.toLowerCase()))],
        principal.sub,
      ],
    )) as Array<{ id: string }>;
    return shopperToResponse(await this.repository.shopper(id));
  }

  async listShoppers(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ShopperDto>> {
    const after = decodeCursor(cursor);
    const scope = categoryScope(principal);
    const rows = (await this.dataSource.query(
      `${SHOPPER_SELECT} WHERE ($1::bigint IS NULL OR sh.seq > $1) AND ($2::text[] IS NULL OR sh.categories && $2) ORDER BY sh.seq LIMIT $3`,
      [after ?? null, scope ? [...scope] : null, limit + 1],
    )) as ShopperRow[];
    return toPage(rows, limit, (r) => r.seq, shopperToResponse);
  }
}
