import { get, type Page, query } from './api';
import type { Supplier } from './types';

/** The triage API (issue 19): supplier search, the decision feed and the category overview, each paged by the server. */

export type Params = Record<string, string | number | boolean | undefined>;

export const PAGE_SIZE = 50;

export const suppliersPath = (params: Params) => `/v1/suppliers${query(params)}`;
export const decisionsPath = (params: Params) => `/v1/decisions${query(params)}`;

/** One page of `GET /v1/suppliers` (q, sort, atRisk, probationEndsBefore, …), from the cursor given. */
export function supplierPage(params: Params, cursor: string | null, limit = PAGE_SIZE): Promise<Page<Supplier>> {
  return get<Page<Supplier>>(suppliersPath({ ...params, limit, cursor: cursor ?? undefined }));
}

export interface FeedDecision {
  id: string;
  supplierId: string;
  supplierName: string;
  kind: string;
  reason: string;
  nextStep: string | null;
  asOf: string;
  createdAt: string;
}

/** One page of `GET /v1/decisions`, newest first. */
export function decisionPage(params: Params, cursor: string | null, limit = PAGE_SIZE): Promise<Page<FeedDecision>> {
  return get<Page<FeedDecision>>(decisionsPath({ ...params, limit, cursor: cursor ?? undefined }));
}

export interface CategoryOverview {
  category: string;
  asOf: string;
  policyVersion: number;
  suppliers: { total: number; byStatus: Record<string, number>; live: number; byTier: Record<string, number> };
  decisions: { from: string; to: string; total: number; byKind: Record<string, number> };
  atRisk: { nextRun: string; total: number; byDecision: Record<string, number> };
  probations: { withinDays: number; endsBefore: string; ending: number };
  complaints: { overdueNow: number };
  appeals: { waiting: number; overdue: number };
  auditCoverage: { activeSuppliers: number; audited: number; coverage: number | null; target: number; onTarget: boolean };
}

export const categoryOverview = (category: string) => get<CategoryOverview>(`/v1/categories/${encodeURIComponent(category)}/overview`);
