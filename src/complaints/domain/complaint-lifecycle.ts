import type { ComplaintStatus, Fault } from './complaint.js';
import { instantRefusal } from './complaint-item.js';

/**
 * The lifecycle of a complaint (PRODUCT.md, API.md "Precisions"):
 * `OPEN → RESPONDED → RESOLVED`; `OPEN → RESOLVED` (the first response is recorded at the
 * resolution time); `OPEN | RESPONDED → WITHDRAWN`. Every other move is refused (409). A step's
 * time is not before the complaint's opening nor its previous step, and not in the future (422).
 */
export type ComplaintStep = 'response' | 'resolution' | 'withdrawal';

export interface LifecycleState {
  id: string;
  status: ComplaintStatus;
  openedAt: Date;
  respondedAt: Date | null;
}

const ALLOWED: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  response: ['OPEN'],
  resolution: ['OPEN', 'RESPONDED'],
  withdrawal: ['OPEN', 'RESPONDED'],
};

const WHY: Record<ComplaintStep, Partial<Record<ComplaintStatus, string>>> = {
  response: {
    RESPONDED: 'has already been answered; a complaint is answered once',
    RESOLVED: 'is resolved; it was answered already',
    WITHDRAWN: 'was withdrawn; it takes no response',
  },
  resolution: { RESOLVED: 'is already resolved; a complaint is resolved once', WITHDRAWN: 'was withdrawn; it cannot be resolved' },
  withdrawal: { RESOLVED: 'is resolved; a resolved complaint cannot be withdrawn', WITHDRAWN: 'was withdrawn already' },
};

/** Why the step is not a legal move from the complaint's status (a 409's detail), or null. */
export function stepRefusal(state: Pick<LifecycleState, 'id' | 'status'>, step: ComplaintStep): string | null {
  if (ALLOWED[step].includes(state.status)) return null;
  return `Complaint ${state.id} ${WHY[step][state.status] ?? `is ${state.status}`} (status ${state.status})`;
}

/**
 * Why the step's time is refused (a 422 naming `field`), or null: as `instantRefusal`, and not
 * before the opening, nor before the first response for a resolution or a withdrawal after one.
 */
export function stepTimeRefusal(state: LifecycleState, at: Date, now: number): string | null {
  const range = instantRefusal(at.toISOString(), now);
  if (range.kind !== 'ok') return range.message;
  if (at.getTime() < state.openedAt.getTime()) return `must not be before the complaint was opened (${state.openedAt.toISOString()})`;
  if (state.respondedAt !== null && at.getTime() < state.respondedAt.getTime()) {
    return `must not be before the complaint was answered (${state.respondedAt.toISOString()})`;
  }
  return null;
}

export interface StepChange {
  status: ComplaintStatus;
  respondedAt?: Date;
  respondedBy?: string;
  responseMessage?: string;
  resolvedAt?: Date;
  resolvedBy?: string;
  fault?: Fault;
  resolution?: string;
  withdrawnAt?: Date;
  withdrawnBy?: string;
  withdrawalReason?: string;
}

/** The columns a legal step writes (call after `stepRefusal` and `stepTimeRefusal` said null). */
export function changeOf(
  state: LifecycleState,
  step: ComplaintStep,
  input: { at: Date; actor: string; text: string; fault?: Fault },
): StepChange {
  switch (step) {
    case 'response':
      return { status: 'RESPONDED', respondedAt: input.at, respondedBy: input.actor, responseMessage: input.text };
    case 'resolution':
      return {
        status: 'RESOLVED',
        resolvedAt: input.at,
        resolvedBy: input.actor,
        fault: input.fault!,
        resolution: input.text,
        // OPEN → RESOLVED: the resolution is the first answer the customer got.
        ...(state.respondedAt === null ? { respondedAt: input.at, respondedBy: input.actor, responseMessage: input.text } : {}),
      };
    case 'withdrawal':
      return { status: 'WITHDRAWN', withdrawnAt: input.at, withdrawnBy: input.actor, withdrawalReason: input.text };
  }
}
