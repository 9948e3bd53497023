import { Injectable } from '@nestjs/common';

import type { Principal } from '../common/auth/principal.js';
import { decodeCursor, type Page, toPage } from '../common/pagination/page.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { type BalanceMinor, balancesOf } from './domain/balances.js';
import type { LedgerEntry } from './domain/ledger-entry.js';
import { entryFromRow, totalFromRow } from './ledger.mapper.js';
import { LedgerRepository } from './ledger.repository.js';

/** A supplier's ledger: its entries newest first and its balances per currency. */
@Injectable()
export class LedgerReadsService {
  constructor(
    private readonly repository: LedgerRepository,
    private readonly suppliers: SuppliersService,
  ) {}

  async ofSupplier(
    supplierId: string,
    principal: Principal,
    limit: number,
    cursor?: string,
  ): Promise<Page<LedgerEntry> & { balances: BalanceMinor[] }> {
    await this.suppliers.getVisible(supplierId, principal);
    const before = decodeCursor(cursor);
    const [rows, totals] = await Promise.all([
      this.repository.listForSupplier(supplierId, before, limit),
      this.repository.totals(supplierId),
    ]);
    return { ...toPage(rows, limit, (r) => r.seq, entryFromRow), balances: balancesOf(totals.map(totalFromRow)) };
  }

  /** What a read of the supplier's entries refuses, checked before a CSV download starts: 404, 403, a bad cursor. */
  async checkVisible(supplierId: string, principal: Principal, cursor?: string): Promise<void> {
    await this.suppliers.getVisible(supplierId, principal);
    decodeCursor(cursor);
  }

  /** One page of the supplier's entries, newest first, without balances (the caller checked it may read them). */
  async entriesOf(supplierId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
    return toPage(await this.repository.listForSupplier(supplierId, decodeCursor(cursor), limit), limit, (r) => r.seq, entryFromRow);
  }
}
