import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { Principal } from '../common/auth/principal.js';
import { validationFailed } from '../common/http/validation.js';
import { OutboxRepository } from '../decisions/outbox.repository.js';
import type { LedgerEntry } from '../ledger/domain/ledger-entry.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { complaintEventPayload } from './complaint.mapper.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';
import type { Complaint, Fault } from './domain/complaint.js';
import { instantRefusal } from './domain/complaint-item.js';
import { changeOf, type ComplaintStep, stepRefusal, stepTimeRefusal } from './domain/complaint-lifecycle.js';

/**
 * A complaint's lifecycle steps (response, resolution, withdrawal) and the compensation paid on
 * it. Each runs in one transaction on the locked complaint row, so a resolution and a payment of
 * the same complaint never race: a SUPPLIER ruling charges every compensation paid before it
 * (`chargeRuling`), and a payment after it is charged at once (`chargeable`).
 */
@Injectable()
export class ComplaintStepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ComplaintsRepository,
    private readonly complaints: ComplaintsService,
    private readonly outbox: OutboxRepository,
    private readonly ledger: LedgerService,
  ) {}

  respond(id: string, input: { message: string; respondedAt?: string }, principal: Principal, now = Date.now()): Promise<Complaint> {
    return this.step(id, 'response', { text: input.message.trim(), at: input.respondedAt, field: 'respondedAt' }, principal, now);
  }

  resolve(
    id: string,
    input: { fault: Fault; resolution: string; resolvedAt?: string },
    principal: Principal,
    now = Date.now(),
  ): Promise<Complaint> {
    return this.step(
      id,
      'resolution',
      { text: input.resolution.trim(), at: input.resolvedAt, field: 'resolvedAt', fault: input.fault },
      principal,
      now,
      async (manager, complaint) => {
        if (complaint.fault === 'SUPPLIER') {
          await this.ledger.chargeRuling(manager, {
            complaintId: complaint.id,
            supplierId: complaint.supplierId,
            actor: principal.sub,
            at: complaint.resolvedAt!,
          });
        }
        await this.outbox.recordEvents(manager, [
          {
            type: 'complaint.resolved',
            supplierId: complaint.supplierId,
            payload: complaintEventPayload(complaint, { fault: complaint.fault, resolvedAt: complaint.resolvedAt!.toISOString() }),
            dedupeKey: `complaint:${complaint.id}:resolved`,
          },
        ]);
      },
    );
  }

  withdraw(id: string, input: { reason: string }, principal: Principal, now = Date.now()): Promise<Complaint> {
    return this.step(id, 'withdrawal', { text: input.reason.trim(), at: undefined, field: 'withdrawnAt' }, principal, now);
  }

  /** A compensation payment: refused on a withdrawn complaint; charged at once when it is resolved SUPPLIER. */
  async compensate(
    id: string,
    input: { amount: number | string; currency: string; paidAt?: string; reference?: string | null },
    principal: Principal,
    now = Date.now(),
  ): Promise<LedgerEntry> {
    return this.dataSource.transaction(async (manager) => {
      const complaint = await this.complaints.get(id, principal, manager, true);
      if (complaint.status === 'WITHDRAWN') {
        throw new ComplaintException(
          ComplaintExceptionCode.ILLEGAL_TRANSITION,
          `Complaint ${id} was withdrawn; no compensation is paid on it (status WITHDRAWN)`,
        );
      }
      // Paid from the opening on, answered or not.
      const paidAt = this.stepTime({ ...complaint, respondedAt: null }, input.paidAt, 'paidAt', now);
      const { entry } = await this.ledger.recordCompensation(manager, {
        complaintId: complaint.id,
        supplierId: complaint.supplierId,
        chargeable: complaint.status === 'RESOLVED' && complaint.fault === 'SUPPLIER',
        amount: input.amount,
        currency: input.currency,
        paidAt,
        reference: input.reference?.trim() || null,
        actor: principal.sub,
      });
      return entry;
    });
  }

  private async step(
    id: string,
    step: ComplaintStep,
    input: { text: string; at: string | undefined; field: string; fault?: Fault },
    principal: Principal,
    now: number,
    after?: (manager: EntityManager, complaint: Complaint) => Promise<void>,
  ): Promise<Complaint> {
    return this.dataSource.transaction(async (manager) => {
      const complaint = await this.complaints.get(id, principal, manager, true);
      const refusal = stepRefusal(complaint, step);
      if (refusal !== null) throw new ComplaintException(ComplaintExceptionCode.ILLEGAL_TRANSITION, refusal);
      const at = this.stepTime(complaint, input.at, input.field, now);
      const change = changeOf(complaint, step, { at, actor: principal.sub, text: input.text, fault: input.fault });
      await this.repository.applyStep(manager, id, change);
      const changed = { ...complaint, ...change } as Complaint;
      await after?.(manager, changed);
      return changed;
    });
  }

  /** The time given for a step (400 when no timestamp, 422 out of range or before the opening / first answer), or now. */
  private stepTime(complaint: Complaint, value: string | undefined, field: string, now: number): Date {
    if (value === undefined) {
      // Now, but never before the steps already recorded (a caller's clock may have run fast).
      const floor = Math.max(complaint.openedAt.getTime(), complaint.respondedAt?.getTime() ?? 0);
      return new Date(Math.max(now, floor));
    }
    const parsed = instantRefusal(value, now);
    if (parsed.kind === 'shape') throw validationFailed([{ field, message: parsed.message }]);
    const refusal = parsed.kind === 'range' ? parsed.message : stepTimeRefusal(complaint, parsed.at, now);
    if (refusal !== null || parsed.kind !== 'ok') {
      const message = refusal ?? 'is out of range';
      throw new ComplaintException(ComplaintExceptionCode.STEP_TIME_OUT_OF_RANGE, `${field} ${message}`, [{ field, message }]);
    }
    return parsed.at;
  }
}
