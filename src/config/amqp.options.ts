export const AMQP_OPTIONS = Symbol('AMQP_OPTIONS');

/** Where outbox events are also published: a RabbitMQ topic exchange (EVENTS_AMQP_*). */
export interface AmqpOptions {
  /** EVENTS_AMQP_URL (amqp:// or amqps://); null: nothing is published to a broker. */
  url: string | null;
  /** EVENTS_AMQP_EXCHANGE: a durable topic exchange, declared at each connection. */
  exchange: string;
  /** EVENTS_AMQP_POLL_MS: how often the outbox is looked at for events not yet published. */
  pollMs: number;
}

export const NO_AMQP: AmqpOptions = { url: null, exchange: 'supplier-governance.events', pollMs: 1000 };

/** The URL as it may be shown: its password replaced by `***` (a URL that does not parse is not shown at all). */
export function redactAmqpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** A message with every form of the URL's password in it replaced by `***`, for errors that might quote it. */
export function redactSecret(message: string, url: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return message;
  }
  if (!password) return message;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // an invalid escape: the raw form is all there is
  }
  return [password, decoded].reduce((text, secret) => text.split(secret).join('***'), message);
}
