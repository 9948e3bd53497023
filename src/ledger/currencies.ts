import { Injectable } from '@nestjs/common';

import { LedgerException, LedgerExceptionCode } from './ledger.exception.js';
import { LedgerRepository } from './ledger.repository.js';

export interface Currency {
  code: string;
  digits: number;
}

/** The ISO 4217 currencies of the `currencies` table, read once: only a migration changes them. */
@Injectable()
export class Currencies {
  private known: Promise<Map<string, number>> | null = null;

  constructor(private readonly repository: LedgerRepository) {}

  /** The currency of an ISO 4217 code as sent (upper case), or a 422 naming `field`. */
  async get(code: unknown, field = 'currency'): Promise<Currency> {
    this.known ??= this.repository.currencies().catch((error: unknown) => {
      this.known = null;
      throw error;
    });
    const digits = typeof code === 'string' ? (await this.known).get(code) : undefined;
    if (digits === undefined) {
      throw new LedgerException(
        LedgerExceptionCode.UNKNOWN_CURRENCY,
        `${JSON.stringify(code)} is not an ISO 4217 currency code the ledger takes`,
        [{ field, message: 'must be an ISO 4217 currency code in upper case, e.g. CNY, USD, EUR, JPY' }],
      );
    }
    return { code: code as string, digits };
  }
}
