import { MinCostFlow } from './min-cost-flow.js';

/**
 * Audit planning as a matching with capacities (min-cost max-flow): as many targets as the
 * shoppers can take; among the plans that assign that many, the one with the highest total
 * priority; then shoppers of the target's theme and city; then the least-loaded shoppers. A
 * target only one shopper may audit keeps that shopper even when an easier target wants them.
 * Never a declared conflict, never the supplier's last auditor, never beyond capacity.
 */
export interface PlanTarget {
  supplierId: string;
  category: string;
  city: string | null;
  themes: string[];
  priority: number;
}

export interface PlanShopper {
  id: string;
  city: string | null;
  categories: string[];
  themes: string[];
  /** Open assignments now. */
  openAudits: number;
  maxOpenAudits: number;
  conflictSupplierIds: string[];
}

export interface PlannedAssignment {
  supplierId: string;
  shopperId: string;
}

const PRIORITY_SCALE = 10_000;
const CITY_BONUS = 40;
const THEME_BONUS = 20;

export function eligible(target: PlanTarget, shopper: PlanShopper, lastAuditorOf: ReadonlyMap<string, string>): boolean {
  return (
    shopper.categories.includes(target.category) &&
    !shopper.conflictSupplierIds.includes(target.supplierId) &&
    lastAuditorOf.get(target.supplierId) !== shopper.id
  );
}

function sameCity(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function planAssignments(
  targetsIn: PlanTarget[],
  shoppersIn: PlanShopper[],
  lastAuditorOf: ReadonlyMap<string, string>,
  limit = Infinity,
): PlannedAssignment[] {
  // Sorted inputs: the same targets and shoppers give the same plan whatever order they came in.
  const targets = [...targetsIn].sort((a, b) => b.priority - a.priority || (a.supplierId < b.supplierId ? -1 : 1));
  const shoppers = [...shoppersIn].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((s) => s.maxOpenAudits - s.openAudits > 0);
  const source = 0;
  const targetNode = (i: number) => 1 + i;
  const shopperNode = (j: number) => 1 + targets.length + j;
  const sink = 1 + targets.length + shoppers.length;
  const flow = new MinCostFlow(sink + 1);
  const maxLoad = Math.max(1, ...shoppers.map((s) => s.maxOpenAudits));

  targets.forEach((t, i) => flow.addEdge(source, targetNode(i), 1, -Math.round(t.priority * PRIORITY_SCALE)));
  const handles: Array<{ target: number; shopper: number; handle: { from: number; index: number } }> = [];
  targets.forEach((t, i) => {
    shoppers.forEach((s, j) => {
      if (!eligible(t, s, lastAuditorOf)) return;
      const bonus = (sameCity(t.city, s.city) ? CITY_BONUS : 0) + (t.themes.some((th) => s.themes.includes(th)) ? THEME_BONUS : 0);
      handles.push({ target: i, shopper: j, handle: flow.addEdge(targetNode(i), shopperNode(j), 1, -bonus) });
    });
  });
  // One unit edge per free slot, each dearer than the last: work spreads to the least loaded.
  shoppers.forEach((s, j) => {
    for (let k = s.openAudits; k < s.maxOpenAudits; k++) flow.addEdge(shopperNode(j), sink, 1, Math.round((k / maxLoad) * 10));
  });
  flow.run(source, sink, limit);
  return handles
    .filter((h) => flow.flowOn(h.handle) > 0)
    .map((h) => ({ supplierId: targets[h.target].supplierId, shopperId: shoppers[h.shopper].id }))
    .sort((a, b) => (a.supplierId < b.supplierId ? -1 : 1));
}
