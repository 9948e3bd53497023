import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { Inject, Injectable } from '@nestjs/common';

import { type HostResolver, systemResolver, WEBHOOK_OPTIONS, type WebhookOptions } from '../config/webhook.options.js';
import { addressProblem, ipLiteral, webhookUrlProblem } from './domain/webhook-address.js';

const DELIVERY_TIMEOUT_MS = 5000;

/** Why an attempt failed, as `lastError` says it; null when the target acknowledged (2xx). */
export type SendFailure = string | null;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Sends one webhook delivery, refusing what registration would refuse, at the moment of the
 * connection: the host is resolved by the connection's own lookup and every address checked there,
 * so the address connected to is the address checked (a name rebound to an internal address since
 * registration is refused). Redirects are not followed (a 3xx is a failure). Node's http(s) client.
 */
@Injectable()
export class WebhookSender {
  private readonly resolve: HostResolver;

  constructor(@Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions) {
    this.resolve = options.resolve ?? systemResolver;
  }

  /** Why a URL may not be registered: its form, or an address its host resolves to now; null when it may. */
  async registrationProblem(url: string): Promise<string | null> {
    const problem = webhookUrlProblem(url, this.options);
    if (problem !== null) return problem;
    const { hostname } = new URL(url);
    if (ipLiteral(hostname) !== null) return null;
    let addresses: string[];
    try {
      addresses = await this.resolve(hostname);
    } catch {
      return `host ${hostname} does not resolve`;
    }
    if (addresses.length === 0) return `host ${hostname} does not resolve`;
    for (const address of addresses) {
      const refused = addressProblem(address, this.options);
      if (refused !== null) return `host ${hostname} resolves to ${refused}`;
    }
    return null;
  }

  /** POSTs the body; answers null on a 2xx, else why not. Never throws. */
  send(url: string, headers: Record<string, string>, body: string): Promise<SendFailure> {
    const problem = webhookUrlProblem(url, this.options);
    if (problem !== null) return Promise.resolve(`refused: the URL ${problem}`);
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendFailure>((settle) => {
      const req = request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => this.lookup(hostname, options, callback),
          timeout: DELIVERY_TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) settle(null);
          else if (status >= 300 && status < 400) settle(`HTTP ${status}: redirects are not followed`);
          else settle(`HTTP ${status}`);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) =>
        settle(error.code === 'EWEBHOOKREFUSED' ? error.message : `connection failed: ${error.message}`),
      );
      req.end(body);
    });
  }

  /** The connection's lookup: resolves, refuses when any address is refused, hands over the checked ones. */
  private lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    this.resolve(hostname).then(
      (addresses) => {
        for (const address of addresses) {
          const refused = addressProblem(address, this.options);
          if (refused !== null) {
            const error: NodeJS.ErrnoException = new Error(`refused: host ${hostname} resolves to ${refused}`);
            error.code = 'EWEBHOOKREFUSED';
            return callback(error, []);
          }
        }
        const found = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if (found.length === 0) return callback(Object.assign(new Error(`host ${hostname} does not resolve`), { code: 'ENOTFOUND' }), []);
        if (options.all) callback(null, found);
        else callback(null, found[0].address, found[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  }
}
