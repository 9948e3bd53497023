/**
 * An open-loop load at a fixed offered rate, for latencies "at a fixed offered rate" (bench:reads).
 * Request i is due at start + i / rate, evenly spaced, whether or not earlier ones were answered;
 * its latency is counted from when it was due, so a server (or a generator) that falls behind is
 * charged for the wait (no coordinated omission). Up to `connections` keep-alive sockets; a
 * request due while all are busy waits for one, and that wait is part of its latency.
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second and lets it send
 * the quota back to back at the start of each second, then pause (lib/httpClient.js:
 * `reqsMadeThisSecond`, reset by a 1-second `setInterval`). At 500/s over 50 connections the server
 * gets the second's 500 requests in one burst, and the p99 measures how long the burst takes to
 * drain, about 500 × the CPU a request costs, not the latency of a steady 500/s.
 */
import { Agent, request } from 'node:http';

export interface PacedResult {
  /** 2xx answers per second of the load's duration. */
  rps: number;
  p50: number;
  p99: number;
  /** Requests that failed or were not answered 2xx. */
  errors: number;
  /** Every 2xx answer's latency in ms, sorted: to pool several loads into one distribution. */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function pacedLoad(options: {
  port: number;
  path: () => string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
  /** Sockets to reuse across loads (kept open); by default a fresh agent, destroyed at the end. */
  agent?: Agent;
}): Promise<PacedResult> {
  const agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let answered = 0;
  const start = performance.now();
  let allDone!: () => void;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const settle = (): void => {
    if (++answered === total) allDone();
  };
  const send = (due: number): void => {
    const req = request({ host: '127.0.0.1', port: options.port, path: options.path(), headers: options.headers, agent }, (res) => {
      res.resume();
      res.once('end', () => {
        if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - due);
        else errors++;
        settle();
      });
    });
    req.once('error', () => {
      errors++;
      settle();
    });
    req.end();
  };
  let next = 0;
  // Sends every request that is due, then sleeps until the next one is: late wake-ups catch up at once.
  const tick = (): void => {
    const now = performance.now();
    while (next < total && start + next * intervalMs <= now) send(start + next++ * intervalMs);
    if (next < total) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
  };
  tick();
  await finished;
  const elapsed = (performance.now() - start) / 1000;
  if (!options.agent) agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / Math.max(elapsed, options.seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    latencies,
  };
}
