import { allPages, ApiError, get, isMissingRoute, type Page, query } from './api';
import { rememberSuppliers } from './names';
import type { Supplier } from './types';

/**
 * Reads that use the triage API (supplier search, at-risk filter, decision feed, category
 * overview) when the server has it, and otherwise compose the same answer from the older
 * endpoints, saying so (`fallback`), so the workbench works on either server.
 */
function unknownParameter(error: unknown, name: string): boolean {
  return error instanceof ApiError && error.status === 400 && error.errors.some((f) => f.field === name);
}

export interface Found {
  suppliers: Supplier[];
  /** Set when the answer was composed in the browser, with why it may be partial. */
  fallback?: string;
}

export async function searchSuppliers(q: string, category: string | undefined): Promise<Found> {
  try {
    const page = await get<Page<Supplier>>(`/v1/suppliers${query({ q, category, limit: 100 })}`);
    rememberSuppliers(page.items);
    return { suppliers: page.items };
  } catch (error) {
    if (!unknownParameter(error, 'q')) throw error;
  }
  const { items, complete } = await allPages<Supplier>('/v1/suppliers', { category });
  rememberSuppliers(items);
  const needle = q.trim().toLowerCase();
  const suppliers = items.filter((s) => [s.name, s.externalRef, s.city ?? ''].some((v) => v.toLowerCase().includes(needle))).slice(0, 100);
  return {
    suppliers,
    fallback: `This server has no supplier search yet: matched in the browser over ${items.length} suppliers${complete ? '' : ' (the first pages only)'}.`,
  };
}

export interface RiskGroup {
  title: string;
  suppliers: Supplier[];
}

export interface AtRisk {
  groups: RiskGroup[];
  fallback?: string;
}

const byProbationEnd = (a: Supplier, b: Supplier) => (a.probationEndsAt ?? '9999').localeCompare(b.probationEndsAt ?? '9999');

/**
 * Who is at risk this week: those the next nightly run would sanction (the triage API's
 * `atRisk`, worst rate first), and those on probation, soonest end first. Without the triage
 * API: active suppliers rated POOR or WATCH stand in for the first list.
 */
export async function atRiskSuppliers(category: string): Promise<AtRisk> {
  try {
    const [sanction, probation] = await Promise.all([
      get<Page<Supplier>>(`/v1/suppliers${query({ category, atRisk: true, sort: 'rate', limit: 200 })}`),
      get<Page<Supplier>>(`/v1/suppliers${query({ category, status: 'PROBATION', sort: 'probationEndsAt', limit: 200 })}`),
    ]);
    rememberSuppliers([...sanction.items, ...probation.items]);
    return {
      groups: [
        { title: 'The next nightly run would sanction', suppliers: sanction.items },
        { title: 'On probation, soonest end first', suppliers: probation.items },
      ],
    };
  } catch (error) {
    if (!unknownParameter(error, 'atRisk') && !unknownParameter(error, 'sort')) throw error;
  }
  const [probation, poor, watch] = await Promise.all([
    allPages<Supplier>('/v1/suppliers', { category, status: 'PROBATION' }, 4),
    allPages<Supplier>('/v1/suppliers', { category, status: 'ACTIVE', tier: 'POOR' }, 4),
    allPages<Supplier>('/v1/suppliers', { category, status: 'ACTIVE', tier: 'WATCH' }, 4),
  ]);
  rememberSuppliers([...probation.items, ...poor.items, ...watch.items]);
  return {
    groups: [
      { title: 'Active, rated POOR or WATCH', suppliers: [...poor.items, ...watch.items] },
      { title: 'On probation, soonest end first', suppliers: probation.items.sort(byProbationEnd) },
    ],
    fallback: 'This server cannot tell yet what the next run would sanction: active suppliers rated POOR or WATCH are listed instead.',
  };
}

export interface FeedDecision {
  id: string;
  supplierId: string;
  name?: string;
  supplierName?: string;
  kind: string;
  reason: string;
  asOf: string;
  createdAt: string;
}

/** The cross-supplier decision feed, or null when the server has none. */
export async function decisionFeed(category: string, from: string, to: string): Promise<FeedDecision[] | null> {
  try {
    return (await get<Page<FeedDecision>>(`/v1/decisions${query({ category, from, to, limit: 200 })}`)).items;
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

export type Overview = Record<string, unknown>;

/** The server's category overview, or null when it has none. */
export async function serverOverview(category: string): Promise<Overview | null> {
  try {
    return await get<Overview>(`/v1/categories/${encodeURIComponent(category)}/overview`);
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}
