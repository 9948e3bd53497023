import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureWorkbenchBuilt, HAVE_CHROMIUM, launchChromium } from '../support/browser.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** What helmet sets on every response, whatever its kind. */
function expectHardened(headers: Record<string, string>): void {
  expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(headers['x-permitted-cross-domain-policies']).toBe('none');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(directives(headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureWorkbenchBuilt();
    t = await startTestApp({ listen: HAVE_CHROMIUM });
  });
  afterAll(async () => {
    await t.close();
  });

  it('on API responses, errors included: the strict policy, nothing may load or frame', async () => {
    for (const res of [
      await t
        .http()
        .get('/v1/suppliers')
        .set(bearer(t.token('admin')))
        .expect(200),
      await t.http().get('/v1/suppliers').expect(401),
      await t
        .http()
        .get('/v1/no-such-route')
        .set(bearer(t.token('admin')))
        .expect(404),
      await t.http().get('/health').expect(200),
      await t.http().get('/docs-json').expect(200),
    ]) {
      expectHardened(res.headers);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    }
  });

  it('on /docs: Swagger UI is served with a policy that allows its own files, inline styles and data: images, and no inline script', async () => {
    const page = await t.http().get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectHardened(page.headers);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // Every script it loads is a file of this server ('self'), and none is inline.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attributes, body] of scripts) {
      expect(body.trim(), 'an inline script').toBe('');
      const src = /src=["']([^"']+)["']/.exec(attributes)![1];
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const asset = await t.http().get(new URL(src, 'http://x/docs').pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
    const css = /href=["']([^"']+\.css)["']/.exec(page.text)![1];
    await t.http().get(new URL(css, 'http://x/docs').pathname).expect(200);
  });

  it('on /app: the workbench keeps its own policy, with the other headers', async () => {
    const page = await t.http().get('/app/').expect(200);
    expectHardened(page.headers);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  describe.skipIf(!HAVE_CHROMIUM)('Swagger UI in the browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders the API under its policy, without a violation, and "Try it out" reaches the API', async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(10000);
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      // Every violation of the page's policy, reported as a console error (a string: it runs in the page).
      await page.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
      });
      await page.goto(`${t.baseUrl}/docs`);
      await page.locator('.swagger-ui .info .title').getByText('Supplier quality governance and admission').waitFor();
      await page.locator('.opblock-tag-section').first().waitFor();
      // The spec is same-origin: fetching it the way "Try it out" calls the API is allowed by connect-src.
      const status = await page.evaluate(async () => (await fetch('/health/live')).status);
      expect(status).toBe(200);
      await page.close();
      expect(problems).toEqual([]);
    });
  });
});
