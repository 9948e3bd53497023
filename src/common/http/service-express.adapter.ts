import { createServer, IncomingMessage, ServerResponse } from 'node:http';

import { type NestApplicationOptions, StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/** What a handler's JSON answer is sent as, as Express's `res.json` would send it. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A handler's result that goes out as JSON: an object or array (not a file, a stream or raw bytes). */
function isJsonBody(body: unknown): body is object {
  return typeof body === 'object' && body !== null && !(body instanceof StreamableFile) && !ArrayBuffer.isView(body);
}

/**
 * A subclass of `base` whose prototype carries everything `prototype` has between itself and
 * `base.prototype` (own properties first, as lookups would find them): Express's request or
 * response methods and getters, and the app they belong to.
 */
export function subclassCarrying<T extends typeof IncomingMessage | typeof ServerResponse>(base: T, prototype: object): T {
  if (!(prototype instanceof base)) throw new Error(`the prototype must inherit from ${base.name}.prototype`);
  const Carrying = class extends (base as typeof IncomingMessage) {} as unknown as T;
  // Nearest first: a name already carried is the one a lookup through the chain would find.
  for (let p: object | null = prototype; p && p !== base.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Reflect.ownKeys(p))
      if (!Object.hasOwn(Carrying.prototype, name))
        Object.defineProperty(Carrying.prototype, name, Object.getOwnPropertyDescriptor(p, name)!);
  }
  return Carrying;
}

/**
 * Nest's Express adapter with the two changes the service's reads needed (issue 20, item 7):
 *
 * - **Requests and responses are born Express's.** Express gives every request and response its
 *   own prototypes (`Object.setPrototypeOf` in `app.handle`). On an object that already exists
 *   that costs V8 a new hidden class each time: a bare `node:http` server doing only that
 *   allocated 58 MB between scavenges instead of 7 and promoted 12 MB of garbage at each one,
 *   with 5–13 ms pauses instead of 0.5 (bench/README, eleventh session). The server here creates
 *   them from subclasses of IncomingMessage and ServerResponse whose prototypes carry Express's
 *   (`http.createServer`'s options) and makes those Express's own, so its call finds the prototype
 *   in place and changes nothing. The supplier read went from 3,300–3,500 to 5,000–5,500 req/s,
 *   user CPU from 232–238 to 119–129 µs a request. (Constructing them with `Reflect.construct`
 *   and Express's prototype objects as they were made it slower: 2,700 req/s.)
 * - **JSON answers in one step:** status, Content-Type (unless the handler set one),
 *   Content-Length and the encoded body, where Express's `res.json` and `res.send` also looked up
 *   the app's JSON settings, parsed and rewrote the Content-Type, turned the body into a Buffer,
 *   hashed it into an ETag and parsed the request's conditional headers for every answer, a
 *   seventh of a supplier read's CPU. API answers therefore carry no ETag and never a 304: they
 *   differ by principal and change with every scoring run, and no client of the contract sends
 *   If-None-Match. Everything else (no body, strings, files, streams, bytes) goes through Nest's
 *   own reply unchanged.
 */
export class ServiceExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    // No ETag on any answer: JSON ones are written without one (reply), and the few strings (/docs-json, /metrics) follow.
    this.getInstance<{ disable(setting: string): void }>().disable('etag');
  }

  override initHttpServer(options: NestApplicationOptions): void {
    // HTTPS and Nest's shutdown options keep Nest's own server (the service uses neither).
    if (options?.httpsOptions || options?.return503OnClosing || options?.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<{ request: object; response: object }>();
    const Request = subclassCarrying(IncomingMessage, app.request);
    const Reply = subclassCarrying(ServerResponse, app.response);
    // Express gives each request and response these prototypes: they now have them from birth.
    app.request = Request.prototype;
    app.response = Reply.prototype;
    this.httpServer = createServer({ IncomingMessage: Request, ServerResponse: Reply }, this.getInstance());
  }

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
