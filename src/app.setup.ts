import { type INestApplication, Logger } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';

import { ProblemFilter, sendProblem, toProblem } from './common/http/problem.filter.js';
import { requestIdMiddleware } from './common/http/request-id.middleware.js';
import { createValidationPipe } from './common/http/validation.js';

/** Body limits: review batches are large by design; everything else is small. */
export const BODY_LIMIT = '1mb';
export const LARGE_BODY_LIMIT = '64mb';
export const LARGE_BODY_PATHS = ['/v1/reviews/batch'];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Supplier quality governance and admission')
    .setDescription(
      'Admission, scorecards, rewards, penalties, probation, delisting and mystery-shopper audits for the ' +
        "platform's suppliers. Every endpoint but /health needs `Authorization: Bearer <JWT>`; " +
        '`npm run token -- --role admin` prints one for local use. Errors are application/problem+json.',
    )
    .setVersion('1')
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
    .addTag('health', 'Liveness')
    .addTag('policies', 'Governance policy per category, versioned')
    .addTag('suppliers', 'Suppliers, their status and decisions')
    .addTag('reviews', 'Bulk review ingestion, disputes (exclusions)')
    .addTag('scorecards', 'Rolling windows and evaluation')
    .addTag('admission', 'Admission applications and overrides')
    .addTag('scoring-runs', 'Scoring runs: re-score suppliers and apply sanctions')
    .addTag('events', 'Supplier events: polling and webhooks')
    .addTag('audits', 'Mystery shoppers: targets, planning, assignments, reports, coverage')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Everything an app instance needs around its modules; shared by main.ts, tests and scripts. */
export function configureApp(app: INestApplication): void {
  const logger = new Logger('Http');
  app.use(requestIdMiddleware);
  const jsonTypes = ['application/json', 'application/*+json'];
  const large = express.json({ limit: LARGE_BODY_LIMIT, type: jsonTypes });
  const small = express.json({ limit: BODY_LIMIT, type: jsonTypes });
  app.use((req: Request, res: Response, next: NextFunction) =>
    LARGE_BODY_PATHS.includes(req.path) ? large(req, res, next) : small(req, res, next),
  );
  // Body-parser errors happen before Nest's router: answer them as problems here.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendProblem(res, toProblem(error, req, logger));
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Supplier governance API',
    swaggerOptions: { persistAuthorization: true },
  });
}
