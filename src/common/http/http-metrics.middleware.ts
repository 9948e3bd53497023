import type { NextFunction, Request, Response } from 'express';

import type { MetricsRegistry } from '../metrics/metrics-registry.js';

/**
 * Times every request from its arrival to the last byte of its answer, labelled with its route
 * template, method and status (sg_http_request_duration_seconds). A request whose client went
 * away before the answer was sent is not counted: it has no status.
 */
export function httpMetrics(metrics: MetricsRegistry, routeOf: (req: Request) => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ route: routeOf(req), method: req.method, status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
