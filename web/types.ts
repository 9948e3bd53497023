/** The API's shapes the workbench reads (openapi/openapi.json is the full contract). */
export type Tier = 'EXCELLENT' | 'GOOD' | 'WATCH' | 'POOR' | 'INSUFFICIENT_DATA';

export interface Supplier {
  id: string;
  externalRef: string;
  name: string;
  category: string;
  city: string | null;
  status: string;
  tier: Tier | null;
  probationEndsAt: string | null;
  holdUntil: string | null;
  auditFailedOn: string | null;
  rate?: number | null;
  rateAsOf?: string | null;
  /** From the triage API's listing: what the next nightly run would decide, if anything. */
  wouldDecide?: string | null;
}

export interface Scorecard {
  asOf: string;
  policyVersion: number;
  windows: Array<{ days: number; n: number; positives: number; rawRate: number | null; wilsonLower: number | null }>;
  evaluation: {
    windowDays: number | null;
    rate: number | null;
    tier: Tier;
    rateMethod: string;
    n: number;
    positives: number;
    minReviews: number;
  };
  complaints: { windowDays: number; orders: number; supplierFault: number; rate: number | null };
}

export interface HistoryPoint {
  asOf: string;
  windowDays: number | null;
  n: number;
  rate: number | null;
  tier: Tier;
  status: string;
}

export interface Decision {
  id: string;
  supplierId: string;
  supplierName?: string;
  name?: string;
  kind: string;
  fromStatus: string;
  toStatus: string;
  asOf: string;
  reason: string;
  nextStep: string | null;
  actor: string;
  createdAt: string;
}

export interface Aspect {
  key: string;
  polarity: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
  evidence: string;
}

export interface Review {
  id: string;
  externalId: string;
  rating: number;
  reviewedAt: string;
  title: string | null;
  text: string | null;
  excluded: boolean;
  excludedReason: string | null;
  aspects?: Aspect[];
}

export interface Appeal {
  id: string;
  supplierId: string;
  supplierName: string;
  target: { kind: string; id: string };
  statement: string;
  status: 'OPEN' | 'GRANTED' | 'DENIED';
  decideBy: string;
  overdue: boolean;
  ruling: { outcome: string; reason: string; by: string; at: string } | null;
  createdAt: string;
}

export interface Complaint {
  id: string;
  externalId: string;
  openedAt: string;
  complaintCategory: string;
  severity: string;
  description: string;
  status: string;
  fault: string | null;
  overdue: { response: boolean; resolution: boolean };
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amount: number;
  currency: string;
  reference: string | null;
  reason: string | null;
  occurredAt: string;
}

export interface Ledger {
  items: LedgerEntry[];
  balances: Array<{ currency: string; paidOnBehalf: number; charged: number; settled: number; waived: number; outstanding: number }>;
}

export interface Audit {
  id: string;
  supplierId: string;
  supplierName: string;
  shopperId: string;
  status: string;
  reasons: string[];
  dueAt: string;
  score: number | null;
  reviewNote: string | null;
}

export interface ExclusionProposal {
  id: string;
  reviewId: string;
  supplierId: string;
  supplierName: string;
  aspects: unknown;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  createdAt: string;
}

export interface SupplierAspects {
  aspects: Array<{
    key: string;
    label: string;
    mentions: number;
    negative: number;
    negativeShare: number | null;
    previousNegativeShare: number | null;
  }>;
}

export interface Policy {
  category: string;
  version: number;
  createdAt: string;
  createdBy: string;
  [field: string]: unknown;
}

export interface Simulation {
  asOf: string;
  base: string;
  baseVersion: number | null;
  counts: { byTier: Record<string, number>; byDecision: Record<string, number> };
  suppliers: Array<{
    supplierId: string;
    name: string;
    status: string;
    currentTier: Tier | null;
    simulatedTier: Tier;
    rate: number | null;
    decision: string | null;
    reason: string | null;
  }>;
}
