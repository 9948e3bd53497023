/**
 * The supplier lifecycle as a state machine. Every status change in the service goes through
 * `transitionRefusal`, so a transition this file does not allow cannot happen.
 */
export const SUPPLIER_STATUSES = ['APPLICANT', 'ACTIVE', 'PROBATION', 'SUSPENDED', 'DELISTED', 'REJECTED'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

export const TIERS = ['EXCELLENT', 'GOOD', 'WATCH', 'POOR', 'INSUFFICIENT_DATA'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Who moves the supplier: an admission outcome, a manager overriding that outcome, a scoring run's
 * sanction, an accepted audit report, or a manager setting a status by hand.
 */
export type TransitionCause = 'ADMISSION' | 'ADMISSION_OVERRIDE' | 'SANCTION' | 'AUDIT' | 'MANUAL' | 'APPEAL';

/** The statuses a manager may set by hand (POST /v1/suppliers/{id}/status). */
export const MANUAL_TARGETS = ['ACTIVE', 'SUSPENDED', 'DELISTED'] as const;
export type ManualTarget = (typeof MANUAL_TARGETS)[number];

type Table = Readonly<Record<SupplierStatus, readonly SupplierStatus[]>>;

const ALLOWED: Readonly<Record<TransitionCause, Table>> = {
  // An application decides an applicant, or a rejected/delisted supplier applying again.
  ADMISSION: {
    APPLICANT: ['ACTIVE', 'REJECTED'],
    REJECTED: ['ACTIVE', 'REJECTED'],
    DELISTED: ['ACTIVE', 'REJECTED'],
    ACTIVE: [],
    PROBATION: [],
    SUSPENDED: [],
  },
  // A manager overrides the latest application's outcome, including revoking a fresh admission.
  ADMISSION_OVERRIDE: {
    APPLICANT: ['ACTIVE', 'REJECTED'],
    REJECTED: ['ACTIVE'],
    DELISTED: ['ACTIVE', 'REJECTED'],
    ACTIVE: ['REJECTED'],
    PROBATION: [],
    SUSPENDED: [],
  },
  // Scoring runs move only suppliers that are live; SUSPENDED is manual-only.
  SANCTION: {
    ACTIVE: ['PROBATION', 'DELISTED'],
    PROBATION: ['ACTIVE', 'PROBATION', 'DELISTED'],
    APPLICANT: [],
    SUSPENDED: [],
    DELISTED: [],
    REJECTED: [],
  },
  // A failed audit puts an ACTIVE supplier on probation; a passing re-audit reinstates one.
  AUDIT: {
    ACTIVE: ['PROBATION'],
    PROBATION: ['ACTIVE'],
    APPLICANT: [],
    SUSPENDED: [],
    DELISTED: [],
    REJECTED: [],
  },
  // A granted appeal of a decision undoes it: back to where the decision took the supplier from
  // (a delisting or a probation undone lands on ACTIVE, a rejection on where the application was).
  APPEAL: {
    PROBATION: ['ACTIVE'],
    DELISTED: ['ACTIVE'],
    REJECTED: ['APPLICANT', 'DELISTED'],
    ACTIVE: [],
    APPLICANT: [],
    SUSPENDED: [],
  },
  // Managers can suspend or delist a live supplier, lift a suspension or a probation, and
  // reactivate a delisted one. Applicants and rejected suppliers go through admission instead.
  MANUAL: {
    ACTIVE: ['SUSPENDED', 'DELISTED'],
    PROBATION: ['ACTIVE', 'SUSPENDED', 'DELISTED'],
    SUSPENDED: ['ACTIVE', 'DELISTED'],
    DELISTED: ['ACTIVE'],
    APPLICANT: [],
    REJECTED: [],
  },
};

/** "A DELISTED supplier", "An ACTIVE supplier". */
function aSupplier(status: SupplierStatus): string {
  return `${/^[AEIOU]/.test(status) ? 'An' : 'A'} ${status} supplier`;
}

/** Why the move is not allowed, or null when it is. */
export function transitionRefusal(from: SupplierStatus, to: SupplierStatus, cause: TransitionCause): string | null {
  if (ALLOWED[cause][from].includes(to)) return null;
  if (from === to) return `The supplier is already ${from}`;
  if (cause === 'MANUAL' && (from === 'APPLICANT' || from === 'REJECTED')) {
    return `${aSupplier(from)} becomes ${to} only through an admission application (or its override)`;
  }
  const allowed = ALLOWED[cause][from];
  return `${aSupplier(from)} cannot become ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' by this route'}`;
}

/** The parts of a standing beside the status that only some causes may change. */
export interface GuardedStanding {
  holdUntil: string | null;
  auditFailedOn: string | null;
}

/**
 * Why this cause may not make this change of the standing beside the status, or null when it
 * may. The audit standing is what accepted audits establish, so only they change it; a hold is a
 * manager's word, so only a manager's override sets one (anyone may clear one: a run does once it
 * has run out).
 */
export function standingRefusal(from: GuardedStanding, to: GuardedStanding, cause: TransitionCause): string | null {
  // A granted appeal of a failed audit takes the failure back (it sets none).
  const appealClears = cause === 'APPEAL' && to.auditFailedOn === null;
  if (to.auditFailedOn !== from.auditFailedOn && cause !== 'AUDIT' && !appealClears) {
    return `Only an audit decision changes the audit standing, not a ${cause} change`;
  }
  if (to.holdUntil !== null && to.holdUntil !== from.holdUntil && cause !== 'MANUAL' && cause !== 'ADMISSION_OVERRIDE') {
    return `Only a manager's override sets a hold, not a ${cause} change`;
  }
  return null;
}

/** True while the supplier is listed and governed by scoring runs. */
export function isLive(status: SupplierStatus): boolean {
  return status === 'ACTIVE' || status === 'PROBATION';
}
