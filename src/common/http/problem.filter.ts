import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

import type { AuthenticatedRequest } from '../auth/current-principal.decorator.js';
import { AppException } from '../errors/app.exception.js';
import { type Problem, PROBLEM_CONTENT_TYPE, problemType, titleFor } from '../errors/problem.js';

function slug(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

/** Builds the problem body for any thrown value; logs what the caller must not see. */
export function toProblem(error: unknown, request: AuthenticatedRequest | undefined, logger: Logger): Problem {
  const base = { instance: request?.originalUrl?.split('?')[0], requestId: request?.requestId };
  if (error instanceof AppException) {
    const status = error.status;
    return {
      type: problemType(slug(error.code)),
      title: titleFor(status),
      status,
      detail: error.message,
      ...base,
      ...(error.fields ? { errors: error.fields } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    return { type: problemType(`http-${status}`), title: titleFor(status), status, detail: message, ...base };
  }
  // Express and its router raise http-errors: a 4xx among them (a path that is not valid
  // percent-encoding, say) is the caller's, with a message meant for them.
  const httpError = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500 && httpError.expose === true) {
    const status = httpError.status;
    return { type: problemType(`http-${status}`), title: titleFor(status), status, detail: String(httpError.message), ...base };
  }
  logger.error(
    `Unhandled error on ${request?.method ?? '?'} ${base.instance ?? '?'} [request ${base.requestId ?? '-'}]`,
    error instanceof Error ? error.stack : String(error),
  );
  return {
    type: problemType('internal-error'),
    title: titleFor(500),
    status: 500,
    detail: 'An unexpected error occurred; quote the request id when reporting it',
    ...base,
  };
}

export function sendProblem(response: Response, problem: Problem): void {
  if (response.headersSent) return;
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** The one place where every error becomes application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<AuthenticatedRequest>();
    sendProblem(ctx.getResponse<Response>(), toProblem(exception, request, this.logger));
  }
}
