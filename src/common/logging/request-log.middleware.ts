import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Request } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

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
 * headers nor bodies are logged.
 */
export function requestLog(logger: Logger, routeOf: (req: Request) => string) {
  const fields = (req: IncomingMessage, res: ServerResponse, durationMs: number): RequestLogFields => {
    const request = req as AuthenticatedRequest;
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
  const message = (req: IncomingMessage, res: ServerResponse) => `${req.method} ${routeOf(req as Request)} ${res.statusCode}`;
  return pinoHttp({
    logger,
    genReqId: (req) => (req as AuthenticatedRequest).requestId ?? '-',
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessObject: (req, res, value: { durationMs: number }) => fields(req, res, value.durationMs),
    customErrorObject: (req, res, _error, value: { durationMs: number }) => fields(req, res, value.durationMs),
    customSuccessMessage: message,
    customErrorMessage: message,
  });
}
