import { applyDecorators, Logger } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import jwt from 'jsonwebtoken';

import { AuthException, AuthExceptionCode } from '../auth/auth.exception.js';
import { verifyToken } from '../auth/jwt.js';
import { AppException } from '../errors/app.exception.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { type FieldError, type Problem, PROBLEM_CONTENT_TYPE, titleFor } from '../errors/problem.js';
import { decodeCursor } from '../pagination/page.js';
import { EXAMPLE } from './examples.js';
import { ProblemDto } from './problem.dto.js';
import { toProblem } from './problem.filter.js';
import { validationFailed } from './validation.js';

/**
 * What an operation can answer besides its success: a typed error as a service raises it, an
 * error of express's body parser, or a status standing for the boundary's own refusals.
 */
export type ProblemSample = AppException | BodyParserError | GenericStatus;

type GenericStatus = 400 | 401 | 413 | 415 | 503;

interface BodyParserError {
  type: string;
  status: number;
}

const PROBLEMS_KEY = 'sg:problem-samples';
const logger = new Logger('OpenApi');

/** A body that is not JSON, as express's parser refuses it before any route runs. */
export const MALFORMED_JSON: BodyParserError = { type: 'entity.parse.failed', status: 400 };
/** A body over the route's size limit, refused by the parser. */
export const BODY_TOO_LARGE: BodyParserError = { type: 'entity.too.large', status: 413 };

/** What every operation that reads a JSON body can also answer, from the HTTP boundary. */
export const BODY_PROBLEMS: readonly ProblemSample[] = [MALFORMED_JSON, 413, 415];

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

/** `:id` that is not a UUID (IdParam). */
export const INVALID_ID = invalid('id', 'must be a UUID');

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

/** A cursor the service did not issue, refused by the real decoder. */
export const INVALID_CURSOR = thrownBy(() => decodeCursor('bm90LWEtY3Vyc29y'));

/** A 400 naming one field, as the validation pipe reports it. */
export function invalid(field: string, message: string, ...more: FieldError[]): AppException {
  return validationFailed([{ field, message }, ...more]);
}

const GENERIC: Record<GenericStatus, () => ProblemSample[]> = {
  400: () => [invalid('colour', 'is not a known field')],
  401: () => [
    new AuthException(AuthExceptionCode.MISSING_TOKEN, 'Authorization: Bearer <token> is required'),
    new AuthException(AuthExceptionCode.INVALID_TOKEN, 'Authorization header must be "Bearer <token>"'),
    ...tokenRefusals(),
  ],
  413: () => [BODY_TOO_LARGE],
  415: () => [new CommonException(CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be application/json (UTF-8)')],
  503: () => [new CommonException(CommonExceptionCode.DATABASE_UNAVAILABLE, 'The database does not answer')],
};

function expand(samples: readonly ProblemSample[]): Problem[] {
  const request = { requestId: EXAMPLE.requestId } as Parameters<typeof toProblem>[1];
  return samples.flatMap((sample) => (typeof sample === 'number' ? expand(GENERIC[sample]()) : [toProblem(sample, request, logger)]));
}

/** `invalid-cursor`, or `validation-failed-id` when the problem names a field. */
function exampleKey(problem: Problem, taken: Set<string>): string {
  const slug = problem.type.slice(problem.type.lastIndexOf(':') + 1);
  const field = problem.errors?.[0]?.field.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const base = field ? `${slug}-${field}` : slug;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

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
export function ApiProblems(...samples: ProblemSample[]): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const known = (Reflect.getMetadata(PROBLEMS_KEY, holder) as Problem[] | undefined) ?? [];
    const added = expand(samples).filter((p) => !known.some((k) => k.type === p.type && k.detail === p.detail));
    const problems = [...known, ...added];
    Reflect.defineMetadata(PROBLEMS_KEY, problems, holder);
    applyDecorators(ApiExtraModels(ProblemDto), ...responsesFor(problems))(target, key!, descriptor!);
  };
}
