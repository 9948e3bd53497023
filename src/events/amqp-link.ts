import { type ChannelModel, type ConfirmChannel, connect } from 'amqplib';

import { type AmqpMessage, confirmedPrefix } from './domain/amqp-message.js';

const CLOSE_TIMEOUT_MS = 2000;

/** What a batch came to: how many, from the first, the broker confirmed, and why the rest were not. */
export interface PublishOutcome {
  confirmed: number;
  error: string | null;
}

/**
 * One connection to the broker with a confirm channel on it and the exchange declared (durable,
 * topic). It knows when it is closed (by the broker, the network or a channel error) and is then
 * replaced by a new one; it never reconnects itself.
 */
export class AmqpLink {
  private connectionClosed: string | null = null;
  private channelClosed: string | null = null;

  private constructor(
    private readonly model: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly exchange: string,
  ) {
    model.on('error', (error: Error) => (this.connectionClosed ??= error.message));
    model.on('close', (error?: Error) => (this.connectionClosed ??= error?.message ?? 'connection closed'));
    channel.on('error', (error: Error) => (this.channelClosed ??= error.message));
    channel.on('close', () => (this.channelClosed ??= 'channel closed'));
  }

  /** Connects, opens a confirm channel and declares the exchange; throws when any of it fails. */
  static async open(url: string, exchange: string, connectionName: string, timeoutMs: number): Promise<AmqpLink> {
    const model = await connect(url, { timeout: timeoutMs, clientProperties: { connection_name: connectionName } });
    try {
      // Errors before the link listens would otherwise be unhandled 'error' events.
      model.on('error', () => undefined);
      const channel = await model.createConfirmChannel();
      channel.on('error', () => undefined);
      await channel.assertExchange(exchange, 'topic', { durable: true });
      return new AmqpLink(model, channel, exchange);
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
  }

  /** Why the link is no longer usable (the connection's reason first: a channel closes with it); null while it is. */
  get closed(): string | null {
    return this.connectionClosed ?? this.channelClosed;
  }

  /**
   * Publishes the messages in order on the confirm channel and waits for the broker's confirms (at
   * most `timeoutMs`). A nack, a closed channel or a timeout stops the count at that message.
   */
  async publish(messages: readonly AmqpMessage[], timeoutMs: number): Promise<PublishOutcome> {
    const outcomes = messages.map(() => 'pending' as 'confirmed' | 'failed' | 'pending');
    const errors: string[] = [];
    const fail = (index: number, error: unknown) => {
      outcomes[index] = 'failed';
      errors[index] = error instanceof Error ? error.message : 'nacked by the broker';
    };
    const confirms = messages.map(
      (m, index) =>
        new Promise<void>((resolve) => {
          try {
            this.channel.publish(this.exchange, m.routingKey, m.content, m.properties, (error: unknown) => {
              if (error) fail(index, error);
              else outcomes[index] = 'confirmed';
              resolve();
            });
          } catch (error) {
            fail(index, error);
            resolve();
          }
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(confirms), timedOut]);
    clearTimeout(timer);
    const confirmed = confirmedPrefix(outcomes);
    if (confirmed === messages.length) return { confirmed, error: null };
    // A closed connection says why (a reset, the broker's close) better than each message's "channel closed".
    const error = `event ${messages[confirmed].eventId}: ${this.connectionClosed ?? errors[confirmed] ?? `no confirm within ${timeoutMs} ms`}`;
    if (outcomes[confirmed] === 'pending') {
      // A broker that neither confirms nor closes: give the connection up, the rest goes out again.
      this.connectionClosed ??= error;
      await this.close();
    }
    return { confirmed, error };
  }

  /** Closes the connection; waits at most `CLOSE_TIMEOUT_MS` for the broker to answer (a dead socket never does). */
  async close(): Promise<void> {
    this.connectionClosed ??= 'closed by the publisher';
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.model.close().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
  }
}
