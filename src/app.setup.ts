import { type INestApplication, Logger } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';

import { AUTH_OPTIONS, type AuthOptions } from './common/auth/access.guard.js';
import { httpMetrics } from './common/http/http-metrics.middleware.js';
import { InputContractGuard } from './common/http/input-contract.guard.js';
import { jsonBody } from './common/http/json-body.middleware.js';
import { ProblemFilter, sendProblem, toProblem } from './common/http/problem.filter.js';
import { strictQueryString } from './common/http/query-string.middleware.js';
import { requestIdMiddleware } from './common/http/request-id.middleware.js';
import { routeTemplates } from './common/http/route-template.js';
import { DOCS_PATH, securityHeaders } from './common/http/security-headers.js';
import { createValidationPipe } from './common/http/validation.js';
import { RequestBudget } from './common/limits/request-budget.js';
import { requestBudget } from './common/limits/request-budget.middleware.js';
import { requestLog } from './common/logging/request-log.middleware.js';
import { MetricsRegistry } from './common/metrics/metrics-registry.js';
import { DEFAULT_FAILED_AUTH_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE } from './config/rate-limit-defaults.js';
import { serveWorkbench } from './workbench/workbench-static.js';

/** Body limits in bytes, as sent and once decoded: review batches are large by design; everything else is small. */
export const BODY_LIMIT = 1024 * 1024;
export const LARGE_BODY_LIMIT = 64 * 1024 * 1024;
export const LARGE_BODY_PATHS = ['/v1/reviews/batch'];

/** Swagger's operationId of a handler: `Suppliers_create` for SuppliersController.create. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Supplier quality governance and admission')
    .setDescription(
      'Admission, scorecards, rewards, penalties, probation, delisting and mystery-shopper audits for the ' +
        "platform's suppliers. Every endpoint but /health and /metrics needs `Authorization: Bearer <JWT>`; " +
        '`npm run token -- --role admin` prints one for local use. Errors are application/problem+json. ' +
        'Request bodies are `application/json` (UTF-8), optionally `Content-Encoding: gzip`; any other media type or ' +
        'encoding is a 415. Null is refused wherever a field is not marked nullable (omit the field instead), and so ' +
        'are strings holding NUL or unpaired surrogates, bodies nested deeper than 32 levels, unknown fields and ' +
        'unknown query parameters: each a 400 naming the field. ' +
        `Each principal (token subject and role) has a request budget per minute (RATE_LIMIT_PER_MINUTE, default ${DEFAULT_RATE_LIMIT_PER_MINUTE}; a ` +
        'batch is one request), and each client address one for requests whose bearer token is missing or refused ' +
        `(RATE_LIMIT_FAILED_AUTH_PER_MINUTE, default ${DEFAULT_FAILED_AUTH_PER_MINUTE}): beyond it a 429 with \`Retry-After\` in seconds. Budgeted responses ` +
        'carry `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`.',
    )
    .setVersion('1')
    // Relative: Swagger UI and clients call the server that serves the spec.
    .addServer('/', 'The server that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'HS256 JWT with sub, role, categories? (category slugs), shopperId? (mystery_shopper) and exp, ' +
          'valid for at most JWT_MAX_TTL_HOURS (default 720) from iat, or from now without iat',
      },
      'bearer',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'METRICS_TOKEN, for GET /metrics when the service has one set (not a JWT)',
      },
      'metricsToken',
    )
    .addTag('health', 'Liveness')
    .addTag('operations', 'Prometheus metrics for monitoring')
    .addTag('policies', 'Governance policy per category, versioned')
    .addTag('suppliers', 'Suppliers, their status and decisions')
    .addTag('decisions', 'The decision log across suppliers: the feed managers triage from')
    .addTag('triage', "A category at a glance: tiers and statuses, last week's decisions, who is at risk, what waits")
    .addTag('reviews', 'Bulk review ingestion, disputes (exclusions)')
    .addTag('orders', 'Daily order counts per supplier: the complaint rate denominator')
    .addTag('scorecards', 'Rolling windows and evaluation')
    .addTag('admission', 'Admission applications and overrides')
    .addTag('scoring-runs', 'Scoring runs: re-score suppliers and apply sanctions')
    .addTag('events', 'Supplier events: polling and webhooks')
    .addTag('audits', 'Mystery shoppers: targets, planning, assignments, reports, coverage')
    .addTag('appeals', 'Appeals of decisions, reviews and recovery charges, and their rulings')
    .addTag('me', "The supplier's own view: its record, scorecard and what the next run would decide, history, decisions, reviews")
    .addTag('ledger', 'Advance compensation: recovery charges, their settlements and waivers')
    .addTag('complaints', 'Complaints: intake, the lifecycle, deadlines, the SLA report')
    .addTag(
      'voice',
      "Voice of the customer: what reviews are about, a supplier's aspects, a category's drivers, the background tagger, retags, exclusion proposals",
    )
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
}

export interface ConfigureAppOptions {
  /** The app's logger: one line per request goes to it (request id, principal, route, status, duration). None: no request lines. */
  logger?: PinoLogger;
}

/** Everything an app instance needs around its modules; shared by main.ts, tests and scripts. */
export function configureApp(app: INestApplication, options: ConfigureAppOptions = {}): void {
  const logger = new Logger('Http');
  const budget = app.get(RequestBudget);
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  express.disable('x-powered-by');
  // The client address (req.ip) of the per-address budget: the socket's, or X-Forwarded-For's past that many proxies.
  if (budget.options.trustProxyHops) express.set('trust proxy', budget.options.trustProxyHops);
  app.use(securityHeaders());
  const routeOf = routeTemplates(app);
  // First, so the duration is the whole request's, refusals at the boundary included.
  app.use(httpMetrics(app.get(MetricsRegistry), routeOf));
  app.use(requestIdMiddleware);
  if (options.logger) app.use(requestLog(options.logger, routeOf));
  // The category manager's workbench (web/, built into dist/web): static files under /app only.
  serveWorkbench(app);
  // Request budgets per principal and per address, before any body is read (not /health, /docs, /app).
  app.use(requestBudget(budget, app.get<symbol, AuthOptions>(AUTH_OPTIONS)));
  // The input boundary ("Bodies are JSON or refused", PRODUCT.md), the same for every route.
  app.use(strictQueryString);
  app.use(jsonBody({ limitFor: (req) => (LARGE_BODY_PATHS.includes(req.path) ? LARGE_BODY_LIMIT : BODY_LIMIT) }));
  // Those refusals happen before Nest's router: answer them as problems here.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendProblem(res, toProblem(error, req, logger));
  });
  let document: OpenAPIObject | undefined;
  // After the access guard (an APP_GUARD, registered when the app was created): a refused caller learns nothing of the contract.
  app.useGlobalGuards(new InputContractGuard(() => (document ??= buildOpenApiDocument(app)), operationIdOf));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Supplier governance API',
    swaggerOptions: { persistAuthorization: true },
  });
}
