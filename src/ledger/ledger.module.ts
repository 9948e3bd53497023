import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { Currencies } from './currencies.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { LedgerChargesService } from './ledger-charges.service.js';
import { LedgerReadsService } from './ledger-reads.service.js';
import { SupplierLedgerController } from './supplier-ledger.controller.js';

/**
 * The advance-compensation ledger (owns `ledger_entries` and `currencies`): compensation paid,
 * recovery charged, settled and waived, append-only. The complaints module writes compensation
 * and charges through LedgerService in its own transactions; finance and managers settle and
 * waive through the endpoints.
 */
@Module({
  imports: [SuppliersModule, DecisionsModule],
  controllers: [SupplierLedgerController, LedgerController],
  providers: [LedgerRepository, Currencies, LedgerService, LedgerChargesService, LedgerReadsService],
  exports: [LedgerService, LedgerChargesService, LedgerReadsService, Currencies],
})
export class LedgerModule {}
