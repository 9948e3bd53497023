import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import { categoryScope, type Principal } from '../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../common/pagination/page.js';
import { shopperToResponse } from './audits.mapper.js';
import { AuditsRepository } from './audits.repository.js';
import type { ShopperDto } from './dto/audit-responses.dto.js';

/** The mystery-shopper registry. */
@Injectable()
export class ShoppersService {
  constructor(private readonly repository: AuditsRepository) {}

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
    const id = await this.repository.insertShopper({
      displayName: input.displayName.trim(),
      city: input.city?.trim() || null,
      categories: [...new Set(input.categories)],
      themes: [...new Set((input.themes ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      maxOpenAudits: input.maxOpenAudits,
      conflictSupplierIds: [...new Set((input.conflictSupplierIds ?? []).map((x) => x.toLowerCase()))],
      actor: principal.sub,
    });
    return shopperToResponse(await this.repository.shopper(id));
  }

  async listShoppers(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ShopperDto>> {
    const after = decodeCursor(cursor);
    const scope = categoryScope(principal);
    const rows = await this.repository.listShoppers(after, scope ? [...scope] : null, limit);
    return toPage(rows, limit, (r) => r.seq, shopperToResponse);
  }
}
