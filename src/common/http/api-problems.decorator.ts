import { applyDecorators, Logger } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ValidationArguments } from 'class-validator';
import jwt from 'jsonwebtoken';

import { AuthException, AuthExceptionCode } from '../auth/auth.exception.js';
import { verifyToken } from '../auth/jwt.js';
import { CATEGORY_MESSAGE } from '../category-slug.js';
import { AppException } from '../errors/app.exception.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { type FieldError, type Problem, PROBLEM_CONTENT_TYPE, titleFor } from '../errors/problem.js';
import { decodeCursor } from '../pagination/page.js';
import { resolveAsOf } from '../time/as-of.js';
import { IsoDateConstraint } from './as-of.query.js';
import { EXAMPLE } from './examples.js';
import { checkMediaType, contentCoding } from './json-body.middleware.js';
import { fieldsFailed, inspectJson, MAX_DEPTH } from './json-inspection.js';
import { ProblemDto } from './problem.dto.js';
import { toProblem } from './problem.filter.js';
import { validationFailed } from './validation.js';

/**
 * What an operation can answer besides its success: a typed error as the code raises it, an
 * error of express's router, or a status standing for the boundary's or the guard's refusals.
 */
export type ProblemSample = AppException | GenericStatus | Error;

type GenericStatus = 400 | 401 | 413 | 415 | 503;

const PROBLEMS_KEY = 'sg:problem-samples';
const logger = new Logger('OpenApi');

const nested = (depth: number): object => (depth === 0 ? {} : { policy: nested(depth - 1) });

/**
 * What the input boundary answers on any route, before the route runs: an unknown query
 * parameter, and a body it cannot read as a JSON object (json-body.middleware.ts), each from the
 * boundary's own code where it has one. Roles() and Public() document them on every operation.
 */
export const BOUNDARY_PROBLEMS: readonly ProblemSample[] = [
  400,
  new CommonException(CommonExceptionCode.ENTITY_PARSE_FAILED, 'The request body is not valid JSON'),
  new CommonException(CommonExceptionCode.MALFORMED_BODY, 'The request body must be a JSON object'),
  new CommonException(CommonExceptionCode.BODY_NOT_UTF8, 'The request body is not valid UTF-8'),
  thrownBy(() => inspectJson(nested(MAX_DEPTH + 1), false)),
  new CommonException(CommonExceptionCode.CORRUPT_CONTENT_ENCODING, 'The request body is not a whole gzip stream (incorrect header check)'),
  413,
  415,
  thrownBy(() => contentCoding('br')),
];

/**
 * The verifier's own refusals of fixed tokens at a fixed instant, so each 401 example is the
 * detail a client gets for that mistake.
 */
function tokenRefusals(): AppException[] {
  const secret = 'the-server-secret';
  const now = Date.parse(EXAMPLE.createdAt) / 1000;
  const claims = { sub: EXAMPLE.actor, role: 'category_manager', iat: now - 13 * 3600 };
  const sign = (payload: object, key = secret) => jwt.sign(payload, key, { algorithm: 'HS256' });
  const tokens = [
    'not-a-jwt',
    sign({ ...claims, exp: now + 3600 }, 'another-secret'),
    sign({ ...claims, exp: now - 3600 }),
    sign({ ...claims, iat: now }),
    sign({ ...claims, iat: now, exp: now + 365 * 24 * 3600 }),
    sign({ ...claims, role: 'owner', exp: now + 3600 }),
  ];
  return tokens.map((token) => {
    const verified = verifyToken(secret, token, { nowSeconds: now });
    if (verified.ok) throw new Error('An example of a refused token was accepted');
    return new AuthException(verified.code, verified.detail);
  });
}

/** A path segment that is not valid percent-encoding, refused by express's router before the route runs. */
export const UNDECODABLE_PATH: Error = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), {
  status: 400,
  statusCode: 400,
  expose: true,
});

/** `:id` that is not a UUID (IdParam), or not even decodable. */
export const INVALID_ID: readonly ProblemSample[] = [invalid('id', 'must be a UUID'), UNDECODABLE_PATH];

/** `:category` that is not a category slug (CategoryParam), or not even decodable. */
export const INVALID_CATEGORY: readonly ProblemSample[] = [invalid('category', CATEGORY_MESSAGE), UNDECODABLE_PATH];

/** The typed error a piece of the real code raises: the example is then what the code says. */
export function thrownBy(run: () => unknown): AppException {
  try {
    run();
  } catch (error) {
    if (error instanceof AppException) return error;
    throw error;
  }
  throw new Error('The sample ran without raising the error it stands for');
}

/** An as-of date after today (or before 2000-01-01), refused by the shared resolver (422). */
export const AS_OF_OUT_OF_RANGE = thrownBy(() => resolveAsOf('2026-12-24', new Date(EXAMPLE.createdAt)));

/** An as-of date that is no calendar date, refused by validation (400). */
export const NO_SUCH_DATE = invalid('asOf', new IsoDateConstraint().defaultMessage({ value: '2026-02-30' } as ValidationArguments));

/** A cursor the service did not issue, refused by the real decoder. */
export const INVALID_CURSOR = thrownBy(() => decodeCursor('bm90LWEtY3Vyc29y'));

/** A 400 naming one field, as the validation pipe reports it. */
export function invalid(field: string, message: string, ...more: FieldError[]): AppException {
  return validationFailed([{ field, message }, ...more]);
}

const GENERIC: Record<GenericStatus, () => ProblemSample[]> = {
  400: () => [fieldsFailed([{ field: 'colour', message: 'is not a known query parameter' }])],
  401: () => [
    new AuthException(AuthExceptionCode.MISSING_TOKEN, 'Authorization: Bearer <token> is required'),
    new AuthException(AuthExceptionCode.INVALID_TOKEN, 'Authorization header must be "Bearer <token>"'),
    ...tokenRefusals(),
  ],
  413: () => [
    new CommonException(
      CommonExceptionCode.ENTITY_TOO_LARGE,
      'The request body is larger than this endpoint accepts (1048576 bytes, also once decoded)',
    ),
  ],
  415: () => [thrownBy(() => checkMediaType('text/plain'))],
  503: () => [new CommonException(CommonExceptionCode.DATABASE_UNAVAILABLE, 'The database does not answer')],
};

function expand(samples: readonly ProblemSample[]): Problem[] {
  const request = { requestId: EXAMPLE.requestId } as Parameters<typeof toProblem>[1];
  return samples.flatMap((sample) => (typeof sample === 'number' ? expand(GENERIC[sample]()) : [toProblem(sample, request, logger)]));
}

/** `invalid-cursor`, or `validation-failed-id` when the problem names a field. */
function exampleKey(problem: Problem, taken: Set<string>): string {
  const slug = problem.type.slice(problem.type.lastIndexOf(':') + 1);
  const field = problem.errors?.[0]?.field.split(/[.[]/)[0];
  const base = field ? `${slug}-${field}` : slug;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

/** What a 429 of the request budgets carries besides its problem (request-budget.middleware.ts). */
const BUDGET_HEADERS = {
  'Retry-After': { description: 'Whole seconds until the budget refills: retry then', schema: { type: 'integer', minimum: 1 } },
};

function responsesFor(problems: Problem[]): MethodDecorator[] {
  const byStatus = new Map<number, Problem[]>();
  for (const p of problems) byStatus.set(p.status, [...(byStatus.get(p.status) ?? []), p]);
  return [...byStatus].map(([status, list]) => {
    const taken = new Set<string>();
    const examples = Object.fromEntries(list.map((p) => [exampleKey(p, taken), { summary: p.detail, value: p }]));
    const types = [...new Set(list.map((p) => p.type.slice(p.type.lastIndexOf(':') + 1)))];
    return ApiResponse({
      status,
      description: `${titleFor(status)}: ${types.map((t) => `\`${t}\``).join(', ')}`,
      ...(status === 429 ? { headers: BUDGET_HEADERS } : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) }, examples } },
    });
  });
}

/**
 * Documents the errors an operation can answer, each status under application/problem+json with
 * one example per distinct error, built by the same `toProblem` the filter answers with. Samples
 * accumulate over several uses on one method (`Roles` adds 401 and 403), so a status listed twice
 * keeps every example.
 */
export function ApiProblems(...samples: Array<ProblemSample | readonly ProblemSample[]>): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const known = (Reflect.getMetadata(PROBLEMS_KEY, holder) as Problem[] | undefined) ?? [];
    const added = expand(samples.flat()).filter((p) => !known.some((k) => k.type === p.type && k.detail === p.detail));
    const problems = [...known, ...added];
    Reflect.defineMetadata(PROBLEMS_KEY, problems, holder);
    applyDecorators(ApiExtraModels(ProblemDto), ...responsesFor(problems))(target, key!, descriptor!);
  };
}
