import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Browser, chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM)
  console.warn(`NOTICE: no Chromium at ${CHROMIUM}: the workbench browser tests are skipped (apt-get install -y chromium)`);

/** The flags TOOLCHAIN.md names: no sandbox as root, and none of Chromium's own network traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/** Builds dist/web when it is missing or older than web/ (`npm test` has built it already). */
export function ensureWorkbenchBuilt(): void {
  const index = join(ROOT, 'dist/web/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web'))) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs'), '--quiet'], { stdio: 'inherit' });
}

/**
 * Where a page's screenshot goes: docs/screenshots/ (linked from the README) with
 * UPDATE_SCREENSHOTS=1, else a folder under the system's temporary directory, so a test run
 * leaves the working tree as it found it.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'supplier-governance-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
