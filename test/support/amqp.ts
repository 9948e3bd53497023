import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { type Channel, type ChannelModel, connect, type ConsumeMessage } from 'amqplib';

/** The machine's RabbitMQ (TOOLCHAIN.md, "Services"); TEST_AMQP_URL points the tests elsewhere. */
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Why the broker cannot be used (printed as the notice of a skipped test), or null when it answers. */
export async function brokerUnavailable(): Promise<string | null> {
  try {
    const connection = await connect(TEST_AMQP_URL, { timeout: 3000 });
    await connection.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const run = promisify(execFile);

/**
 * Closes, from the broker's side, every connection whose client-provided name contains `nameLike`
 * (what a broker restart does to its clients: 320 CONNECTION_FORCED), through `rabbitmqctl`.
 * Answers how many it closed; null when rabbitmqctl is not available here.
 */
export async function forceCloseConnections(nameLike: string): Promise<number | null> {
  let listed: string;
  try {
    listed = (await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q', '--no-table-headers'])).stdout;
  } catch {
    return null;
  }
  const pids = listed
    .split('\n')
    .filter((line) => line.includes(nameLike))
    .map((line) => line.split('\t')[0]);
  for (const pid of pids) await run('rabbitmqctl', ['close_connection', pid, 'test: forced close of the publisher']);
  return pids.length;
}

export interface Delivery {
  id: number;
  routingKey: string;
  redelivered: boolean;
  message: ConsumeMessage;
  body: { id: number; type: string; [key: string]: unknown };
}

/**
 * A consumer of one queue on a connection of its own, acknowledging each message a little after it
 * arrives (so some are always in flight when it is closed, and come again to the next consumer).
 */
export class QueueConsumer {
  readonly deliveries: Delivery[] = [];
  private connection: ChannelModel | null = null;

  constructor(readonly queue: string) {}

  async open(): Promise<void> {
    const connection = await connect(TEST_AMQP_URL);
    connection.on('error', () => undefined);
    const channel: Channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await channel.prefetch(5);
    await channel.consume(this.queue, (message) => {
      if (message === null) return;
      const body = JSON.parse(message.content.toString('utf8')) as Delivery['body'];
      this.deliveries.push({ id: body.id, routingKey: message.fields.routingKey, redelivered: message.fields.redelivered, message, body });
      setTimeout(() => {
        try {
          channel.ack(message);
        } catch {
          // the consumer was closed meanwhile: the broker gives the message to the next one
        }
      }, 20);
    });
    this.connection = connection;
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    await connection?.close().catch(() => undefined);
  }

  /** Event ids in the order of their first delivery. */
  firstDeliveries(): number[] {
    const seen = new Set<number>();
    const first: number[] = [];
    for (const { id } of this.deliveries) {
      if (seen.has(id)) continue;
      seen.add(id);
      first.push(id);
    }
    return first;
  }

  async waitFor(ids: readonly number[], timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const seen = new Set(this.deliveries.map((d) => d.id));
      if (ids.every((id) => seen.has(id))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
