import { lookup } from 'node:dns/promises';

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

/** Resolves a host name to every address it has (the port through which webhook hosts are checked). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, as connections use). */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** How webhooks are registered, kept and delivered. */
export interface WebhookOptions {
  /** WEBHOOK_ALLOW_INSECURE */
  allowInsecure: boolean;
  /** WEBHOOK_ALLOW_PRIVATE */
  allowPrivate: boolean;
  /** The AES-256 key secrets are sealed with at rest (SECRETS_KEY). */
  secretsKey: Buffer;
  /** Host resolution for the address checks and the connection itself; the system's by default. */
  resolve?: HostResolver;
}
