import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/** What a handler's JSON answer is sent as, as Express's `res.json` would send it. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A handler's result that goes out as JSON: an object or array (not a file, a stream or raw bytes). */
function isJsonBody(body: unknown): body is object {
  return typeof body === 'object' && body !== null && !(body instanceof StreamableFile) && !ArrayBuffer.isView(body);
}

/**
 * Nest's Express adapter, with a handler's JSON result written in one step: status, Content-Type
 * (unless the handler set one), Content-Length and the encoded body, where Express's `res.json`
 * and `res.send` also looked up the app's JSON settings, parsed and rewrote the Content-Type,
 * turned the body into a Buffer, hashed it into an ETag and parsed the request's conditional
 * headers for every answer, a seventh of a supplier read's CPU (issue 20, reads). API answers
 * therefore carry no ETag and never a 304: they differ by principal and change with every scoring
 * run, and no client of the contract sends If-None-Match. Everything else (no body, strings, files,
 * streams, bytes) goes through Nest's own reply unchanged.
 */
export class JsonReplyAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!isJsonBody(body)) return super.reply(response, body, statusCode);
    if (statusCode !== undefined) response.statusCode = statusCode;
    const text = JSON.stringify(body);
    if (!response.hasHeader('Content-Type')) response.setHeader('Content-Type', JSON_CONTENT_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(text));
    if (response.req.method === 'HEAD') response.end();
    else response.end(text);
    return response;
  }
}
