import { Module } from '@nestjs/common';

/** The advance-compensation ledger: compensation paid, recovery charged, settled and waived (append-only). */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class LedgerModule {}
