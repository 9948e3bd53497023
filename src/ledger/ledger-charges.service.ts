import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { validationFailed } from '../common/http/validation.js';
import { uuidV7 } from '../common/ids/uuid-v7.js';
import { parseTimestamp } from '../reviews/domain/review-item.js';
import { type ChargeRefusal, type ChargeState, outstandingOf, settlementRefusal, waiverRefusal } from './domain/charge-rules.js';
import type { LedgerEntry } from './domain/ledger-entry.js';
import { formatMinorText } from './domain/money.js';
import type { SettlementDto, WaiverDto } from './dto/ledger.dto.js';
import { LedgerException, LedgerExceptionCode } from './ledger.exception.js';
import { entryFromRow } from './ledger.mapper.js';
import { LedgerRepository, type LockedChargeRow } from './ledger.repository.js';
import { amountOrThrow, instantOrThrow } from './ledger-input.js';

/** A chargeId that names no RECOVERY_CHARGED entry (another kind of entry included): 404. */
export function chargeNotFound(chargeId: string): LedgerException {
  return new LedgerException(LedgerExceptionCode.CHARGE_NOT_FOUND, `No recovery charge ${chargeId}`);
}

/**
 * Settlements and waivers of recovery charges. Each runs in its own transaction holding the
 * charge's row lock, so concurrent settlements of one charge are checked one after the other
 * against what the earlier ones committed: together they never exceed it.
 */
@Injectable()
export class LedgerChargesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: LedgerRepository,
  ) {}

  /** Finance reports an amount recovered (partial allowed); 409 beyond what is outstanding or on a waived charge. */
  async settle(chargeId: string, dto: SettlementDto, principal: Principal): Promise<LedgerEntry> {
    const now = new Date();
    const settledAt = dto.settledAt === undefined ? now : parseTimestamp(dto.settledAt);
    if (settledAt === null) throw validationFailed([{ field: 'settledAt', message: 'must be an ISO-8601 timestamp with a time zone' }]);
    return this.dataSource.transaction(async (manager) => {
      const { charge, state } = await this.lockedCharge(manager, chargeId, principal);
      const amountMinor = amountOrThrow(dto.amount, Number(charge.minor_digits));
      instantOrThrow(settledAt, now, 'settledAt', { at: charge.occurred_at, what: 'the charge' });
      refuse(settlementRefusal(state, amountMinor), charge, state);
      return this.append(manager, charge, {
        kind: 'RECOVERY_SETTLED',
        amountMinor,
        reference: dto.reference.trim(),
        actor: principal.sub,
        occurredAt: settledAt,
      });
    });
  }

  /** A manager gives up what is outstanding, with a reason; once per charge, not on a charge settled in full. */
  async waive(chargeId: string, dto: WaiverDto, principal: Principal): Promise<LedgerEntry> {
    return this.dataSource.transaction((manager) => this.waiveIn(manager, chargeId, dto.reason, principal));
  }

  /** `waive` in the caller's transaction: a granted appeal of a charge waives it with its ruling. */
  async waiveIn(manager: EntityManager, chargeId: string, reason: string, principal: Principal): Promise<LedgerEntry> {
    const { charge, state } = await this.lockedCharge(manager, chargeId, principal);
    refuse(waiverRefusal(state), charge, state);
    return this.append(manager, charge, {
      kind: 'RECOVERY_WAIVED',
      amountMinor: outstandingOf(state),
      reason: reason.trim(),
      actor: principal.sub,
      occurredAt: new Date(),
    });
  }

  /** A charge's supplier and date, or null when the id names no recovery charge. */
  async findCharge(chargeId: string): Promise<{ supplierId: string; occurredAt: Date } | null> {
    const row = await this.repository.findCharge(chargeId);
    return row === null ? null : { supplierId: row.supplier_id, occurredAt: row.occurred_at };
  }

  private async lockedCharge(
    manager: EntityManager,
    chargeId: string,
    principal: Principal,
  ): Promise<{ charge: LockedChargeRow; state: ChargeState }> {
    const charge = await this.repository.lockCharge(manager, chargeId);
    if (charge === null) throw chargeNotFound(chargeId);
    assertCategoryAccess(principal, charge.category);
    const progress = await this.repository.chargeProgress(manager, chargeId);
    return { charge, state: { amountMinor: BigInt(charge.amount_minor), settledMinor: BigInt(progress.settled), waived: progress.waived } };
  }

  private async append(
    manager: EntityManager,
    charge: LockedChargeRow,
    entry: {
      kind: 'RECOVERY_SETTLED' | 'RECOVERY_WAIVED';
      amountMinor: bigint;
      reference?: string;
      reason?: string;
      actor: string;
      occurredAt: Date;
    },
  ): Promise<LedgerEntry> {
    const [row] = await this.repository.append(manager, [
      {
        id: uuidV7(),
        supplierId: charge.supplier_id,
        complaintId: charge.complaint_id,
        currency: charge.currency,
        chargeId: charge.id,
        ...entry,
      },
    ]);
    return entryFromRow(row);
  }
}

function refuse(refusal: ChargeRefusal | null, charge: LockedChargeRow, state: ChargeState): void {
  if (refusal === null) return;
  const money = (minor: bigint) => `${formatMinorText(minor, Number(charge.minor_digits))} ${charge.currency}`;
  switch (refusal) {
    case 'WAIVED':
      throw new LedgerException(LedgerExceptionCode.CHARGE_WAIVED, `Charge ${charge.id} was waived: nothing is left to settle or waive`);
    case 'SETTLED':
      throw new LedgerException(LedgerExceptionCode.CHARGE_SETTLED, `Charge ${charge.id} is settled in full: nothing is left to waive`);
    case 'EXCEEDS_OUTSTANDING':
      throw new LedgerException(
        LedgerExceptionCode.EXCEEDS_OUTSTANDING,
        `Charge ${charge.id} has ${money(outstandingOf(state))} outstanding of ${money(state.amountMinor)}: a settlement may not exceed it`,
      );
  }
}
