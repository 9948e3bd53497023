import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { uuidV7 } from '../common/ids/uuid-v7.js';
import { OutboxRepository } from '../decisions/outbox.repository.js';
import { Currencies } from './currencies.js';
import type { LedgerEntry } from './domain/ledger-entry.js';
import { amountOf, entryFromRow } from './ledger.mapper.js';
import { LedgerRepository, type NewLedgerEntry } from './ledger.repository.js';
import { amountOrThrow, instantOrThrow } from './ledger-input.js';

export interface RecordCompensation {
  complaintId: string;
  supplierId: string;
  /** True when the complaint is resolved with fault SUPPLIER: the payment is charged at once. */
  chargeable: boolean;
  /** In major units, a JSON number or a decimal string; at most the currency's minor digits. */
  amount: number | string;
  currency: string;
  paidAt: Date;
  reference: string | null;
  actor: string;
}

export interface ChargeRuling {
  complaintId: string;
  supplierId: string;
  actor: string;
  /** When the complaint was ruled SUPPLIER's fault: the charges' time. */
  at: Date;
}

/**
 * What the complaints module asks of the ledger. Every write takes the caller's transaction, so
 * an entry commits with the complaint change it follows from (or not at all), and each charge
 * raises `ledger.recovery_charged` in it through the outbox.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repository: LedgerRepository,
    private readonly currencies: Currencies,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Records the platform's payment to the customer (COMPENSATION_PAID), allowed from the
   * complaint's opening on. When `chargeable` (the complaint already stands resolved SUPPLIER), the
   * payment is charged to the supplier at once (RECOVERY_CHARGED at `paidAt`). Throws a 422
   * LedgerException for an amount, currency or time that is not one.
   */
  async recordCompensation(manager: EntityManager, cmd: RecordCompensation): Promise<{ entry: LedgerEntry; charge: LedgerEntry | null }> {
    const currency = await this.currencies.get(cmd.currency);
    const amountMinor = amountOrThrow(cmd.amount, currency.digits);
    instantOrThrow(cmd.paidAt, new Date(), 'paidAt');
    const paid: NewLedgerEntry = {
      id: uuidV7(),
      supplierId: cmd.supplierId,
      complaintId: cmd.complaintId,
      kind: 'COMPENSATION_PAID',
      amountMinor,
      currency: currency.code,
      reference: cmd.reference,
      actor: cmd.actor,
      occurredAt: cmd.paidAt,
    };
    const [entry] = (await this.repository.append(manager, [paid])).map(entryFromRow);
    if (!cmd.chargeable) return { entry, charge: null };
    const [charge] = await this.charge(manager, [entry], cmd.actor, cmd.paidAt);
    return { entry, charge: charge ?? null };
  }

  /**
   * On a SUPPLIER ruling: one RECOVERY_CHARGED entry for each compensation of the complaint not yet
   * charged, at `at`; returns the charges written (none when nothing was paid, or all was charged).
   */
  async chargeRuling(manager: EntityManager, cmd: ChargeRuling): Promise<LedgerEntry[]> {
    const uncharged = (await this.repository.unchargedCompensation(manager, cmd.complaintId)).map(entryFromRow);
    return this.charge(
      manager,
      uncharged.filter((e) => e.supplierId === cmd.supplierId),
      cmd.actor,
      cmd.at,
    );
  }

  /** Each COMPENSATION_PAID payment of each complaint, oldest first, in major units (complaints without any are absent). */
  async compensationOf(complaintIds: string[], manager?: EntityManager): Promise<Map<string, Array<{ amount: number; currency: string }>>> {
    const result = new Map<string, Array<{ amount: number; currency: string }>>();
    for (const e of (await this.repository.compensationOf(complaintIds, manager)).map(entryFromRow)) {
      const list = result.get(e.complaintId) ?? [];
      list.push({ amount: amountOf(e), currency: e.currency });
      result.set(e.complaintId, list);
    }
    return result;
  }

  /** Charges each compensation to its supplier (once: a second charge of one is skipped) and raises the events. */
  private async charge(manager: EntityManager, compensation: LedgerEntry[], actor: string, at: Date): Promise<LedgerEntry[]> {
    const charges = (
      await this.repository.append(
        manager,
        compensation.map((c) => ({
          id: uuidV7(),
          supplierId: c.supplierId,
          complaintId: c.complaintId,
          kind: 'RECOVERY_CHARGED' as const,
          amountMinor: c.amountMinor,
          currency: c.currency,
          compensationId: c.id,
          actor,
          occurredAt: at,
        })),
      )
    ).map(entryFromRow);
    await this.outbox.recordEvents(
      manager,
      charges.map((c) => ({
        type: 'ledger.recovery_charged' as const,
        supplierId: c.supplierId,
        payload: {
          entryId: c.id,
          complaintId: c.complaintId,
          compensationId: c.compensationId,
          amount: amountOf(c),
          currency: c.currency,
          occurredAt: c.occurredAt.toISOString(),
        },
        dedupeKey: `ledger.recovery_charged:${c.compensationId}`,
      })),
    );
    return charges;
  }
}
