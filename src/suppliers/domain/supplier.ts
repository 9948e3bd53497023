import type { SupplierStatus, Tier } from './supplier-lifecycle.js';

export interface Supplier {
  id: string;
  seq: string;
  externalRef: string;
  name: string;
  category: string;
  city: string | null;
  themes: string[];
  status: SupplierStatus;
  tier: Tier | null;
  probationEndsAt: string | null;
  /** A manager's hold: scoring runs dated up to and including this date make no sanction decision (null: none). */
  holdUntil: string | null;
  /** The date of the latest accepted audit when it failed; null when it passed or there is none. */
  auditFailedOn: string | null;
  /** As-of date of the last status change; cooldowns count from it. */
  statusAsOf: string | null;
  createdAt: Date;
  updatedAt: Date;
}
