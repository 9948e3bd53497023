import { isUtf8 } from 'node:buffer';
import { finished } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, type InputType, type ZlibOptions } from 'node:zlib';

import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { inspectJson, type PathSegment } from './json-inspection.js';

const gunzipAsync = promisify<InputType, ZlibOptions, Buffer>(gunzip);

/** A request as the body boundary leaves it: the body parsed, the place of every null in it. */
export interface InspectedRequest extends Request {
  /** Paths of the nulls in the body, judged by the route's contract (`InputContractGuard`). */
  bodyNulls?: PathSegment[][];
}

export interface JsonBodyOptions {
  /** The largest body, in bytes as sent and as decoded, a request may carry. */
  limitFor(request: Request): number;
}

export const ACCEPTED_MEDIA_TYPE = 'application/json';

/** A request carries a body when it says so: a positive Content-Length or any Transfer-Encoding. */
export function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && Number(length) > 0;
}

function unsupportedMediaType(detail: string): CommonException {
  return new CommonException(CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE, detail);
}

// RFC 9110 token and parameter syntax; a value is a token or a quoted string without escapes.
const PARAMETER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"([^"\\]*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))\s*$/;

/**
 * Only `application/json`, optionally with `charset=utf-8`. Everything else is refused, the
 * structured `application/*+json` types included: each names a format with its own meaning
 * (`application/json-patch+json` is a list of operations, `merge-patch+json` has null delete a
 * field), so reading one as a plain JSON body would do what its sender did not ask.
 */
export function checkMediaType(header: string | undefined): void {
  if (header === undefined || header.trim() === '') {
    throw unsupportedMediaType(`A request body must be sent with Content-Type: ${ACCEPTED_MEDIA_TYPE}`);
  }
  const [type, ...parameters] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  if (mediaType !== ACCEPTED_MEDIA_TYPE) {
    throw unsupportedMediaType(`Content-Type ${mediaType} is not accepted: request bodies are ${ACCEPTED_MEDIA_TYPE}`);
  }
  for (const parameter of parameters) {
    if (parameter.trim() === '') continue;
    const m = PARAMETER.exec(parameter);
    if (!m) throw unsupportedMediaType(`Content-Type has a malformed parameter "${parameter.trim()}"`);
    const name = m[1].toLowerCase();
    const value = (m[2] ?? m[3]).toLowerCase();
    if (name !== 'charset') throw unsupportedMediaType(`Content-Type parameter ${name} is not accepted (only charset=utf-8)`);
    if (value !== 'utf-8') throw unsupportedMediaType(`charset=${value} is not accepted: request bodies are read as UTF-8`);
  }
}

/** `identity` (or no header) or `gzip`; `x-gzip` is gzip's old name (RFC 9110 §8.4.1.3). Anything else is a 415. */
export function contentCoding(header: string | undefined): 'identity' | 'gzip' {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return 'gzip';
  throw new CommonException(
    CommonExceptionCode.UNSUPPORTED_CONTENT_ENCODING,
    `Content-Encoding ${codings.join(', ')} is not accepted: send the body as it is or gzip it once`,
  );
}

function tooLarge(limit: number): CommonException {
  return new CommonException(
    CommonExceptionCode.ENTITY_TOO_LARGE,
    `The request body is larger than this endpoint accepts (${limit} bytes, also once decoded)`,
  );
}

const notReceived = (): CommonException =>
  new CommonException(CommonExceptionCode.MALFORMED_BODY, 'The request body was not received in full');

/** The body's bytes as sent, refused past `limit`. */
function readRaw(request: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(notReceived());
    };
    const onClose = (): void => {
      if (!request.complete) onError();
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/** Decodes gzip with the same limit on what it yields: a small bomb stops at the limit, not in memory. */
async function decoded(raw: Buffer, coding: 'identity' | 'gzip', limit: number): Promise<Buffer> {
  if (coding === 'identity') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new CommonException(
      CommonExceptionCode.CORRUPT_CONTENT_ENCODING,
      `The request body is not a whole gzip stream (${(error as Error).message})`,
    );
  }
}

/**
 * JSON.parse makes NUL or a surrogate only from a `\u0000` or `\uD800`-`\uDFFF` escape: raw
 * control characters are a syntax error and valid UTF-8 encodes no surrogate. Without such an
 * escape in the text (the usual body), the string checks are skipped.
 */
const MAY_HOLD_NUL_OR_SURROGATE = /\\u(?:0000|[dD][89a-fA-F])/;

/** Bytes → a JSON object, or the problem with them. No bytes at all (an empty chunked body) is no body. */
function parse(bytes: Buffer, request: InspectedRequest): void {
  if (bytes.length === 0) return;
  if (!isUtf8(bytes)) throw new CommonException(CommonExceptionCode.BODY_NOT_UTF8, 'The request body is not valid UTF-8');
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // RFC 8259 §8.1 lets a parser ignore a byte order mark
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CommonException(CommonExceptionCode.ENTITY_PARSE_FAILED, 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CommonException(CommonExceptionCode.MALFORMED_BODY, 'The request body must be a JSON object');
  }
  request.bodyNulls = inspectJson(value, MAY_HOLD_NUL_OR_SURROGATE.test(text));
  request.body = value;
}

/** Answers an error only once the request has been read to its end, so the client sees the answer. */
function refuse(request: Request, response: Response, error: unknown, next: NextFunction): void {
  if (error instanceof CommonException) {
    if (error.code === CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE) response.setHeader('Accept', ACCEPTED_MEDIA_TYPE);
    if (error.code === CommonExceptionCode.UNSUPPORTED_CONTENT_ENCODING) response.setHeader('Accept-Encoding', 'gzip');
  }
  if (request.complete) {
    next(error);
    return;
  }
  request.unpipe();
  finished(request, () => next(error));
  request.resume();
}

/**
 * The one reader of request bodies ("Bodies are JSON or refused", PRODUCT.md): media type,
 * content coding, size as sent and decoded, UTF-8, JSON, a JSON object, depth, NUL and unpaired
 * surrogates. A request without a body passes untouched (many POSTs take none).
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return (request: InspectedRequest, response, next) => {
    if (!hasBody(request)) {
      next();
      return;
    }
    let coding: 'identity' | 'gzip';
    const limit = options.limitFor(request);
    try {
      checkMediaType(request.headers['content-type']);
      coding = contentCoding(request.headers['content-encoding']);
      if (Number(request.headers['content-length']) > limit) throw tooLarge(limit);
    } catch (error) {
      refuse(request, response, error, next);
      return;
    }
    void readRaw(request, limit)
      .then((raw) => decoded(raw, coding, limit))
      .then((bytes) => parse(bytes, request))
      .then(
        () => next(),
        (error: unknown) => refuse(request, response, error, next),
      );
  };
}
