import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { serverNodeFlags } from '../../bench/support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The arguments of the Dockerfile's exec-form CMD. */
function dockerCmd(): string[] {
  const line = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('CMD '));
  return JSON.parse(line!.slice('CMD '.length)) as string[];
}

/**
 * The server is started one way everywhere: `npm start`, the Dockerfile, and the benches (which
 * take the flags from the start script), so no bench measures a server started otherwise.
 */
describe('the server start flags', () => {
  it('are the same in the Dockerfile as in npm start', () => {
    expect(dockerCmd()).toEqual(['node', ...serverNodeFlags(ROOT), 'dist/src/main.js']);
  });

  it('give the young generation room to grow (fewer scavenges on a scoring run, bench/README.md)', () => {
    expect(serverNodeFlags(ROOT)).toContainEqual(expect.stringMatching(/^--max-semi-space-size=\d+$/));
  });

  it('keep V8 from pretenuring request objects after a burst (a mark-compact every few seconds, bench/README.md)', () => {
    expect(serverNodeFlags(ROOT)).toContain('--no-allocation-site-pretenuring');
  });

  it('keep V8 from shrinking the heap when traffic pauses (a half-second stall after it, bench/README.md)', () => {
    expect(serverNodeFlags(ROOT)).toContain('--no-memory-reducer');
  });
});
