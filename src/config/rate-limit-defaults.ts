/**
 * The request budgets' defaults (RATE_LIMIT_*). 3000 a minute is 50 requests a second per
 * principal: a review feed of 1,000-item batches as fast as ingestion goes (about 16,000-22,000
 * reviews a second measured here, 16-22 batches a second) stays well inside it.
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 3000;
/** Requests with a missing or refused bearer token per client address per minute. */
export const DEFAULT_FAILED_AUTH_PER_MINUTE = 30;
