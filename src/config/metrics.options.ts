export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

/** Who may read GET /metrics. */
export interface MetricsOptions {
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`; unset, /metrics is public. */
  token?: string;
}
