import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import jwt from 'jsonwebtoken';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { signToken, verifyToken } from '../../src/common/auth/jwt.js';
import { ROLES } from '../../src/common/auth/principal.js';
import { freePortSync } from '../../src/database/embedded-postgres.js';
import { createTestDatabase } from '../support/database.js';
import { ROOT, runService, stopService, waitForHealth } from '../support/process.js';

describe('the service as a process', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sg-proc-'));
    chmodSync(d, 0o755);
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('npm run token prints a token the server accepts, signed with the generated local secret', () => {
    const dataDir = tempDir();
    const env = { ...process.env, DATA_DIR: dataDir, JWT_SECRET: '', NODE_ENV: 'development' };
    const run = spawnSync(
      process.execPath,
      ['dist/scripts/token.js', '--role', 'category_manager', '--categories', 'hotel,tour', '--sub', 'ann'],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    expect(verifyToken(secret, run.stdout.trim())).toMatchObject({
      ok: true,
      principal: { sub: 'ann', role: 'category_manager', categories: ['hotel', 'tour'] },
    });
    const refused = spawnSync(process.execPath, ['dist/scripts/token.js', '--role', 'mystery_shopper'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--shopper');
  });

  describe('npm run token', () => {
    const token = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['dist/scripts/token.js', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: tempDir(), JWT_SECRET: '', NODE_ENV: 'development', ...env },
        encoding: 'utf8',
      });

    it('--role supplier --supplier <id> prints a supplier token; without a supplier id, or with one that is no id, it refuses', () => {
      const id = '0190f3a0-0000-7000-8000-0000000000AB';
      const run = token(['--role', 'supplier', '--supplier', id], { JWT_SECRET: 'a-secret-for-this-test-0123456789' });
      expect(run.status, run.stderr).toBe(0);
      expect(verifyToken('a-secret-for-this-test-0123456789', run.stdout.trim())).toMatchObject({
        ok: true,
        principal: { role: 'supplier', supplierId: id.toLowerCase() },
      });
      for (const args of [
        ['--role', 'supplier'],
        ['--role', 'supplier', '--supplier', 'acme'],
        ['--role', 'admin', '--supplier', id],
      ]) {
        const refused = token(args);
        expect(refused.status, args.join(' ')).toBe(2);
        expect(refused.stderr).toContain('--supplier');
      }
    });

    it('--help prints every role, option, default and the longest lifetime, and exits 0', () => {
      const run = token(['--help']);
      expect(run.status, run.stderr).toBe(0);
      for (const role of ROLES) expect(run.stdout).toContain(role);
      for (const option of ['--role', '--sub', '--categories', '--shopper', '--supplier', '--hours', '--help'])
        expect(run.stdout).toContain(option);
      expect(run.stdout).toContain('default 12, at most 720: JWT_MAX_TTL_HOURS');
      expect(token(['-h'], { JWT_MAX_TTL_HOURS: '48' }).stdout).toContain('at most 48: JWT_MAX_TTL_HOURS');
    });

    it('signs iat and exp, --hours apart', () => {
      const run = token(['--role', 'admin', '--hours', '720']);
      expect(run.status, run.stderr).toBe(0);
      const claims = jwt.decode(run.stdout.trim()) as jwt.JwtPayload;
      expect(claims.exp! - claims.iat!).toBe(720 * 3600);
      expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(60);
    });

    it.each([
      [['--role', 'admin', '--hours', '721'], {}, '--hours 721 is longer than the server accepts: at most 720 (JWT_MAX_TTL_HOURS)'],
      [['--role', 'admin', '--hours', '25'], { JWT_MAX_TTL_HOURS: '24' }, 'at most 24 (JWT_MAX_TTL_HOURS)'],
      [['--role', 'admin', '--hours', '0'], {}, '--hours must be a positive number'],
      [['--role', 'category_manager', '--categories', 'hotel,Hotel'], {}, '"Hotel" is not a category slug'],
      [['--role', 'category_manager', '--categories', '../x'], {}, '"../x" is not a category slug'],
      [['--role', 'category_manager', '--categories', ''], {}, '--categories needs at least one category'],
      [['--role', 'root'], {}, '--role must be one of admin, category_manager, mystery_shopper, integration'],
      [['--role', 'admin', '--colour', 'red'], {}, "Unknown option '--colour'"],
    ])('refuses %j (env %j) with exit 2: %s', (args, env, message) => {
      const run = token(args, env);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    });
  });

  it('the server refuses tokens living longer than JWT_MAX_TTL_HOURS and names the secret file it generated', async () => {
    const db = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
    const dataDir = tempDir();
    const port = freePortSync();
    const service = runService({
      DATABASE_URL: db.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: undefined,
      JWT_MAX_TTL_HOURS: '2',
    });
    try {
      await waitForHealth(port, service);
      const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
      const get = (token: string) => fetch(`http://127.0.0.1:${port}/v1/suppliers`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await get(signToken(secret, { sub: 'p', role: 'admin', expiresInSeconds: 2 * 3600 }))).status).toBe(200);
      const tooLong = await get(signToken(secret, { sub: 'p', role: 'admin', expiresInSeconds: 3 * 3600 }));
      expect(tooLong.status).toBe(401);
      expect(((await tooLong.json()) as { detail: string }).detail).toContain('at most 2 hours (JWT_MAX_TTL_HOURS)');
      const otherSecret = await get(signToken('some-other-secret-0123', { sub: 'p', role: 'admin' }));
      expect(otherSecret.status).toBe(401);
      const { detail } = (await otherSecret.json()) as { detail: string };
      expect(detail).toContain(join(dataDir, 'jwt-secret'));
      expect(detail).not.toContain(secret);
    } finally {
      await stopService(service);
      await db.drop();
    }
  });

  it.each([
    [{ JWT_MAX_TTL_HOURS: '0' }, 'JWT_MAX_TTL_HOURS'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://nope' }, 'DATABASE_URL'],
    [{ SCORING_CRON: 'every night' }, 'SCORING_CRON'],
    [{ NODE_ENV: 'production', JWT_SECRET: undefined }, 'JWT_SECRET'],
    [{ EVENTS_AMQP_URL: 'https://svc:hunter2-pw@mq.example.com:5672' }, 'EVENTS_AMQP_URL'],
  ])('refuses to boot with %j, naming %s', async (env, variable) => {
    const service = runService({ DATA_DIR: tempDir(), ...env });
    const code = await service.exited;
    expect(code).not.toBe(0);
    expect(service.output()).toContain(`Invalid configuration: ${variable}`);
    expect(service.output()).not.toContain('hunter2');
  });

  it('with EVENTS_AMQP_URL: serves while the broker is unreachable, retries, and never prints the password', async () => {
    const db = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
    try {
      const port = freePortSync();
      const service = runService({
        DATABASE_URL: db.url,
        PORT: String(port),
        DATA_DIR: tempDir(),
        JWT_SECRET: 'process-test-secret-123',
        EVENTS_AMQP_URL: `amqp://svc:hunter2-pw@127.0.0.1:${freePortSync()}/prod`,
        EVENTS_AMQP_POLL_MS: '100',
      });
      await waitForHealth(port, service);
      const deadline = Date.now() + 10_000;
      while ((service.output().match(/AMQP connecting/g) ?? []).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const output = service.output();
      // (The URL as the publisher shows it, amqp://svc:***@…, or as the logger redacts any URL's credentials.)
      expect(output).toMatch(
        /Publishing events to amqp:\/\/(svc:\*\*\*|\[redacted\])@127\.0\.0\.1:\d+\/prod, exchange \\?"supplier-governance\.events/,
      );
      expect(output).toMatch(/AMQP connecting: connect ECONNREFUSED .*failure 1 in a row, next attempt in 500 ms/);
      expect(output).toMatch(/AMQP connecting: connect ECONNREFUSED .*failure 2 in a row, next attempt in 1000 ms/);
      expect(output).not.toContain('hunter2');
      expect(await stopService(service)).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('with DATABASE_URL: migrates, serves, and a second start is a no-op for migrations', async () => {
    const db = await createTestDatabase(inject('pgServerUrl'), inject('templateDatabase'));
    try {
      // A fresh, empty database: the template's tables are dropped so boot must create them.
      const pg = await import('pg');
      const c = new pg.default.Client({ connectionString: db.url });
      await c.connect();
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await c.end();
      const port = freePortSync();
      const first = runService({ DATABASE_URL: db.url, PORT: String(port), DATA_DIR: tempDir(), JWT_SECRET: 'process-test-secret-123' });
      await waitForHealth(port, first);
      expect(first.output()).toContain('Applied migration CreateFoundationSchema');
      expect(await stopService(first)).toBe(0);
      const second = runService({ DATABASE_URL: db.url, PORT: String(port), DATA_DIR: tempDir(), JWT_SECRET: 'process-test-secret-123' });
      await waitForHealth(port, second);
      expect(second.output()).not.toContain('Applied migration');
      expect(await stopService(second)).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('without DATABASE_URL: an embedded PostgreSQL in DATA_DIR keeps data across restarts, and the generated secret is reused', async () => {
    const dataDir = tempDir();
    const port = freePortSync();
    const env = {
      DATABASE_URL: undefined,
      JWT_SECRET: undefined,
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(freePortSync()),
    };
    const first = runService(env);
    await waitForHealth(port, first, 60_000);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(true);
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    const token = signToken(secret, { sub: 'proc', role: 'admin' });
    const put = await fetch(`http://127.0.0.1:${port}/v1/policies/hotel`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(201);
    expect(await stopService(first)).toBe(0);

    const second = runService(env);
    await waitForHealth(port, second, 60_000);
    const get = await fetch(`http://127.0.0.1:${port}/v1/policies/hotel`, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { version: number }).version).toBe(1);
    expect(await stopService(second)).toBe(0);
  }, 120_000);
});
