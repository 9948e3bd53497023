import { readFileSync } from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { ensureWorkbenchBuilt, HAVE_CHROMIUM, launchChromium, screenshotPath } from '../support/browser.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { seedWorkbench, type WorkbenchSeed } from '../support/workbench-seed.js';

/**
 * The workbench in a real browser (Debian's Chromium through playwright-core) against the app on
 * seeded data: a category manager's day, the tokens it turns away, and a phone's screen. Each
 * page's screenshot is written to docs/screenshots/ (linked from the README) with UPDATE_SCREENSHOTS=1.
 */
describe.skipIf(!HAVE_CHROMIUM)('workbench in the browser', () => {
  let t: TestApp;
  let seed: WorkbenchSeed;
  let browser: Browser;
  let base: string;
  const manager = () => t.token('category_manager', { sub: 'maria.rossi@example.com', categories: ['hotel'] });

  beforeAll(async () => {
    ensureWorkbenchBuilt();
    [t, browser] = await Promise.all([startTestApp({ listen: true }), launchChromium()]);
    base = t.baseUrl!;
    seed = await seedWorkbench(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    page.on('close', () => expect(errors, 'errors in the page').toEqual([]));
    return page;
  }

  async function signIn(page: Page, token: string) {
    await page.goto(`${base}/app/`);
    await page.getByLabel('Bearer token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('serves the app under /app with caching, falls back to index.html for client routes, and leaves /v1 and /health alone', async () => {
    const index = await t.http().get('/app/suppliers/anything').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await t.http().get(script).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    await t.http().get('/app/assets/missing-123.js').expect(404);
    await t.http().get('/health').expect(200);
    expect((await t.http().get('/v1/suppliers').expect(401)).headers['content-type']).toMatch(/problem\+json/);
  });

  it("turns away a mystery shopper's and a supplier's token, with the API's refusal", async () => {
    const page = await openPage();
    await page.goto(`${base}/app/`);
    await expect.poll(() => page.url()).toContain('/app/sign-in');
    await page.screenshot({ path: screenshotPath('sign-in') });
    await signIn(page, t.token('mystery_shopper', { shopperId: seed.shopperId }));
    await expect.poll(() => page.locator('#refusal').textContent()).toContain("mystery shopper's token");
    expect(await page.getByRole('alert').last().textContent()).toContain('403');
    await signIn(page, t.token('supplier', { sub: 'supplier-HTL-RUSSO', supplierId: seed.penalised.id }));
    await expect.poll(() => page.locator('#refusal').textContent()).toContain("supplier's token");
    await page.screenshot({ path: screenshotPath('sign-in-refused') });
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.close();
  });

  it('takes a category manager through a day: find, read why, exclude a review, see the scorecard change, rule on an appeal', async () => {
    const page = await openPage();
    await signIn(page, manager());
    await page.getByRole('heading', { name: 'Category overview: hotel' }).waitFor();
    // The first page, loaded afresh: from the request for the page to its figures on screen. The
    // best of three, as the suite shares two cores with other test files.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.reload();
      await page.getByText('Appeals waiting (1)').waitFor();
      times.push(Date.now() - started);
    }
    console.log(`workbench: the overview page loaded with its figures in ${times.join(', ')} ms`);
    expect(Math.min(...times)).toBeLessThan(1000);
    // The overview's figures are the overview endpoint's, and they agree with counts read here.
    const { rows: tiers } = await t.db.query<{ tier: string | null; n: number }>(
      `SELECT tier, count(*)::int AS n FROM suppliers WHERE category = 'hotel' AND status IN ('ACTIVE', 'PROBATION') GROUP BY tier`,
    );
    const shownTiers = await page.getByTestId('by-tier').locator('li').allTextContents();
    expect(shownTiers.map((x) => x.replace(/\s+/g, ' ').trim()).sort()).toEqual(
      tiers
        .map((r) => `${r.tier === null ? 'Not scored' : r.tier.charAt(0) + r.tier.slice(1).toLowerCase().replace(/_/g, ' ')} ${r.n}`)
        .sort(),
    );
    const [{ n: lastWeek }] = (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM decisions d JOIN suppliers s ON s.id = d.supplier_id
          WHERE s.category = 'hotel' AND d.created_at >= ((now() AT TIME ZONE 'UTC')::date - 6)::timestamp AT TIME ZONE 'UTC'`,
      )
    ).rows;
    expect(lastWeek).toBeGreaterThan(0);
    await page.getByRole('heading', { name: `Decisions of the last 7 days (${lastWeek})` }).waitFor();
    const atRisk = await t.http().get('/v1/suppliers?category=hotel&atRisk=true').set(bearer(manager())).expect(200);
    expect(await page.getByTestId('at-risk-total').textContent()).toMatch(new RegExp(`^${atRisk.body.items.length} the next nightly run`));
    expect(await page.getByTestId('complaints-overdue').textContent()).toMatch(/^0 past/);
    await page.screenshot({ path: screenshotPath('overview'), fullPage: true });

    await page.getByRole('link', { name: 'At risk' }).click();
    await page.getByRole('link', { name: 'Hotel Russo Palace' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('at-risk') });
    // The list's CSV is the API's export, downloaded with the tab's token (Hotel Russo Palace's probation ends within 14 days).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#risk-probation-title').locator('..').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('probation-ending-hotel.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,externalRef,name,/);
    expect(csv).toContain('Hotel Russo Palace');

    // What happened last night: the decision feed, by name.
    await page.getByRole('link', { name: 'Decisions', exact: true }).click();
    await page.getByRole('heading', { name: 'Decisions: hotel' }).waitFor();
    await page
      .locator('#feed-title')
      .locator('../..')
      .locator('li.decision[data-kind="PENALTY"]', { hasText: 'Hotel Russo Palace' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('decisions'), fullPage: true });

    // The search is the server's: the page asks GET /v1/suppliers for q, and shows what it answers.
    const searches: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/v1/suppliers') searches.push(new URL(r.url()).search);
    });
    await page.getByRole('link', { name: 'Find a supplier' }).click();
    await page.getByLabel('Name, reference or city').fill('russo');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 supplier match “russo”').waitFor();
    expect(searches).toEqual([expect.stringMatching(/[?&]q=russo(&|$)/)]);
    const found = await t.http().get('/v1/suppliers?q=russo&category=hotel').set(bearer(manager())).expect(200);
    expect(found.body.items.map((s: { name: string }) => s.name)).toEqual(['Hotel Russo Palace']);
    await page.screenshot({ path: screenshotPath('search') });
    await page.getByRole('link', { name: 'Hotel Russo Palace' }).click();

    await page.getByRole('heading', { name: 'Hotel Russo Palace' }).waitFor();
    const penalty = page.locator('.decision[data-kind="PENALTY"]').first();
    expect(await penalty.locator('.reason').textContent()).toContain(seed.penaltyReason);
    expect(await penalty.locator('.next-step').textContent()).toMatch(/Next step: .+/);
    await page.locator('.uplot').waitFor();
    await page.screenshot({ path: screenshotPath('supplier'), fullPage: true });

    // A refusal is shown as the API wrote it: an exclusion without a reason.
    const negative = page.locator('li.review', { hasText: '★★☆☆☆' }).first();
    await negative.getByRole('button', { name: 'Exclude…' }).click();
    await negative.getByRole('button', { name: 'Exclude review' }).click();
    await expect.poll(() => negative.getByRole('alert').textContent()).toContain('reason');

    const rateBefore = await page.getByTestId('evaluation-rate').textContent();
    await negative.getByLabel('Reason').fill('Guest of the annex, not of this hotel');
    await negative.getByRole('button', { name: 'Exclude review' }).click();
    await page.locator('#scorecard-change').waitFor();
    const rateAfter = await page.getByTestId('evaluation-rate').textContent();
    expect(rateAfter).not.toBe(rateBefore);
    const card = await t.http().get(`/v1/suppliers/${seed.penalised.id}/scorecard`).set(bearer(manager())).expect(200);
    expect(rateAfter).toBe(`${(card.body.evaluation.rate * 100).toFixed(1)}%`);
    expect(await page.locator('li.review.excluded').count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: screenshotPath('supplier-after-exclusion') });

    const appeal = page.locator(`li.appeal[data-appeal="${seed.appealId}"]`);
    await appeal.getByLabel('Ruling reason').fill('The annex is run by another company.');
    await appeal.getByRole('button', { name: 'Grant' }).click();
    await appeal.getByText('Granted by maria.rossi@example.com').waitFor();
    await page.locator('.decision[data-kind="APPEAL_GRANTED"]').waitFor();
    expect(await page.locator('#standing').textContent()).toContain('Active');
    const ruled = await t.http().get(`/v1/appeals/${seed.appealId}`).set(bearer(manager())).expect(200);
    expect(ruled.body).toMatchObject({ status: 'GRANTED', ruling: { by: 'maria.rossi@example.com' } });
    await page.close();
  });

  it('simulates a draft policy by supplier name and plans audits', async () => {
    const page = await openPage();
    await signIn(page, manager());
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('heading', { name: 'Policy: hotel' }).waitFor();
    await page.getByLabel('Penalty bar (%)').fill('90');
    await page.getByRole('button', { name: 'Simulate' }).click();
    const row = page.locator('#simulation tr', { hasText: 'Albergo Sole' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Penalty/);
    await page.screenshot({ path: screenshotPath('policy'), fullPage: true });

    await page.getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('heading', { name: 'Audits: hotel' }).waitFor();
    await page.getByRole('button', { name: 'Plan audits' }).click();
    await page.getByText(/Planned \d+ audits|No audit planned/).waitFor();
    await page.screenshot({ path: screenshotPath('audits'), fullPage: true });
    await page.close();
  });

  it("fits a phone's screen (390×844) without sideways scrolling", async () => {
    const page = await openPage({ width: 390, height: 844 });
    await signIn(page, manager());
    await page.getByRole('heading', { name: 'Category overview: hotel' }).waitFor();
    await page.goto(`${base}/app/suppliers/${seed.penalised.id}`);
    await page.getByRole('heading', { name: 'Hotel Russo Palace' }).waitFor();
    await page.locator('.uplot').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('phone-supplier') });
    await page.close();
  });

  it('overrides a status with a hold, then lifts the hold with a reason: each a decision in the log', async () => {
    const page = await openPage();
    await signIn(page, manager());
    await page.getByRole('heading', { name: 'Category overview: hotel' }).waitFor();
    await page.goto(`${base}/app/suppliers/${seed.steady.id}#override`);
    await page.getByRole('heading', { name: 'Albergo Sole' }).waitFor();
    const reason = page.getByLabel(/^Reason/);
    await page.getByLabel('New status').selectOption('SUSPENDED');
    await reason.fill('Fire inspection pending');
    await page.getByRole('button', { name: 'Override status' }).click();
    await page.getByRole('heading', { name: 'Override the status (now suspended)' }).waitFor();

    const holdUntil = addDays(todayUtc(), 30);
    await page.getByLabel('New status').selectOption('ACTIVE');
    await reason.fill('Inspection passed; held while the new wing opens');
    await page.getByLabel(/^Hold until/).fill(holdUntil);
    await page.getByRole('button', { name: 'Override status' }).click();
    await page.getByRole('heading', { name: 'Override the status (now active)' }).waitFor();
    await reason.fill('The new wing is open');
    await page.getByRole('button', { name: 'Lift the hold' }).click();
    await page.getByRole('button', { name: 'Lift the hold' }).waitFor({ state: 'detached' });

    const log = await t.http().get(`/v1/suppliers/${seed.steady.id}/decisions`).set(bearer(manager())).expect(200);
    expect(log.body.items.slice(0, 3)).toMatchObject([
      { kind: 'HOLD_LIFTED', actor: 'maria.rossi@example.com', reason: `Hold until ${holdUntil} lifted early: The new wing is open` },
      { kind: 'OVERRIDE', toStatus: 'ACTIVE', evidence: { holdUntil } },
      { kind: 'OVERRIDE', toStatus: 'SUSPENDED', reason: 'Fire inspection pending' },
    ]);
    expect((await t.http().get(`/v1/suppliers/${seed.steady.id}`).set(bearer(manager())).expect(200)).body.holdUntil).toBeNull();
    await page.close();
  });
});
