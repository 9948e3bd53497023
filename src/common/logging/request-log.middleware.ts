import type { ServerResponse } from 'node:http';

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

import type { AuthenticatedRequest } from '../auth/current-principal.decorator.js';

/** What one request's log line says besides `requestId`, `time` and `msg`. */
export interface RequestLogFields {
  method: string;
  route: string;
  /** The path without its query string (query strings are never logged). */
  path: string;
  status: number;
  durationMs: number;
  /** Who called, as the verified token says (absent for public routes and refused tokens); never the token. */
  principal?: { sub: string; role: string };
}

/**
 * One log line per request when its answer is sent (or its client went away): request id (the
 * X-Request-Id the request-id middleware settled on), method, route template, path, status,
 * duration and principal. Level: `error` for a 5xx, `warn` for a 4xx, else `info`. Neither
 * headers nor bodies are logged. Written on pino directly rather than through pino-http, which
 * made two child loggers for every request, even when its line's level was off (issue 20, reads).
 */
export function requestLog(logger: Logger, routeOf: (req: Request) => string) {
  const fields = (request: AuthenticatedRequest, res: ServerResponse, durationMs: number): RequestLogFields => {
    const principal = request.principal;
    return {
      method: request.method,
      route: routeOf(request),
      path: (request.originalUrl ?? request.url).split('?')[0],
      status: res.statusCode,
      durationMs,
      ...(principal ? { principal: { sub: principal.sub, role: principal.role } } : {}),
    };
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now();
    const done = (): void => {
      res.off('finish', done);
      res.off('close', done);
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const request = req as AuthenticatedRequest;
      const line = { requestId: request.requestId ?? '-', ...fields(request, res, Date.now() - started) };
      logger[level](line, `${req.method} ${line.route} ${res.statusCode}`);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
