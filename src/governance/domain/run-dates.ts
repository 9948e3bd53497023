/**
 * "Dates move forward" (PRODUCT.md, Trust rules): a scoring run may not be dated before the latest
 * SUCCEEDED run that covered the same suppliers. A run of a category is covered by runs of that
 * category and runs of all categories; a run of all categories by any run. The same date is not
 * "before": re-running a date (or completing a failed run of it) stays possible.
 */
export interface CoveringRun {
  id: string;
  asOf: string;
  /** null: a run of all categories. */
  category: string | null;
}

function scope(category: string | null): string {
  return category === null ? 'all categories' : `category "${category}"`;
}

/** Why a run of `category` as of `asOf` would go backwards, or null when it does not. */
export function backdatedRunRefusal(asOf: string, category: string | null, latest: CoveringRun | null): string | null {
  if (latest === null || asOf >= latest.asOf) return null;
  return (
    `A scoring run of ${scope(latest.category)} as of ${latest.asOf} has succeeded (${latest.id}); ` +
    `a run of ${scope(category)} may not be dated before ${latest.asOf}, since decisions move forward in time`
  );
}
