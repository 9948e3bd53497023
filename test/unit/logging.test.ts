import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createAppLogger } from '../../src/common/logging/logger.js';
import { PinoNestLogger } from '../../src/common/logging/nest-logger.js';
import { REDACTED, scrubSecrets, scrubText } from '../../src/common/logging/redact.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLXBhcnQ';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('log redaction', () => {
  it('replaces bearer credentials, JWTs and URL passwords in text, and nothing else', () => {
    expect(scrubText('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubText(`basic dXNlcjpwYXNz and token ${JWT}!`)).toBe(`basic ${REDACTED} and token ${REDACTED}!`);
    expect(scrubText('https://user:pa55@hooks.example.com/x')).toBe(`https://${REDACTED}@hooks.example.com/x`);
    expect(scrubText('GET /v1/suppliers/:id 200 in 3 ms (user@example.com)')).toBe('GET /v1/suppliers/:id 200 in 3 ms (user@example.com)');
  });

  it('replaces fields named like credentials at any depth, whatever they hold', () => {
    const record = {
      requestId: 'r1',
      headers: { Authorization: 'x', cookie: 'y', 'x-api-key': 'z' },
      webhook: { url: 'https://a.example.com', secret: 's', nested: [{ password: 'p', accessToken: { v: 1 } }] },
      note: `sent ${JWT}`,
    };
    expect(scrubSecrets(record)).toEqual({
      requestId: 'r1',
      headers: { Authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED },
      webhook: { url: 'https://a.example.com', secret: REDACTED, nested: [{ password: REDACTED, accessToken: REDACTED }] },
      note: `sent ${REDACTED}`,
    });
    // The input is not changed.
    expect(record.webhook.secret).toBe('s');
  });
});

describe('the app logger', () => {
  it('writes JSON lines with an ISO time and the level by name, scrubbed, at the level asked', () => {
    const out = capture();
    const logger = createAppLogger({ level: 'warn', destination: out.stream });
    logger.info('not written');
    logger.warn({ secret: 'hush', n: 1 }, `with Bearer ${JWT}`);
    logger.error({ err: new Error(`failed for ${JWT}`) }, 'boom');
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', secret: REDACTED, n: 1, msg: `with Bearer ${REDACTED}` });
    expect(Number.isNaN(Date.parse(String(lines[0].time)))).toBe(false);
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', err: { type: 'Error', message: `failed for ${REDACTED}` } });
    expect(JSON.stringify(lines)).not.toContain('eyJ');
  });

  it('maps Nest’s levels (log is info, verbose is trace) and its context and stack', () => {
    const out = capture();
    const nest = new PinoNestLogger(createAppLogger({ level: 'verbose', destination: out.stream }));
    nest.log('started', 'Main');
    nest.verbose('detail', 'Main');
    nest.error('failed', 'Error: x\n    at y', 'Jobs');
    nest.error('no stack', undefined, 'Jobs');
    nest.warn({ queued: 3 }, 'Queue');
    expect(out.lines().map(({ level, msg, context, stack, data }) => ({ level, msg, context, stack, data }))).toEqual([
      { level: 'info', msg: 'started', context: 'Main', stack: undefined, data: undefined },
      { level: 'trace', msg: 'detail', context: 'Main', stack: undefined, data: undefined },
      { level: 'error', msg: 'failed', context: 'Jobs', stack: 'Error: x\n    at y', data: undefined },
      { level: 'error', msg: 'no stack', context: 'Jobs', stack: undefined, data: undefined },
      { level: 'warn', msg: undefined, context: 'Queue', stack: undefined, data: { queued: 3 } },
    ]);
  });
});
