import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { createSupplier, expectProblem, finishedRun, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * "A person's override holds as long as they said" (PRODUCT.md, Trust rules), told as issue 15
 * told it: an admission override for a strategic partner was undone by the same night's run, with
 * no warning to the manager. The story starts 40 days ago, so that every run is dated in the
 * past: the overrides are made with the process clock at that day.
 */
describe("a person's override holds as long as they said", () => {
  let t: TestApp;
  /** The day the story starts. */
  const T = addDays(todayUtc(), -40);
  const s: Record<string, SupplierBody> = {};
  const admin = () => t.token('admin');
  const tourManager = () => t.token('category_manager', { sub: 'lee', categories: ['tour'] });

  /** Runs `fn` with the process clock at noon UTC of `date`. */
  async function on<R>(date: string, fn: () => Promise<R>): Promise<R> {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${date}T12:00:00Z`) });
    try {
      return await fn();
    } finally {
      vi.useRealTimers();
    }
  }
  async function run(asOf: string) {
    const started = await t
      .http()
      .post('/v1/scoring-runs')
      .set(bearer(t.token('integration')))
      .send({ asOf, category: 'tour' })
      .expect(202);
    const finished = await finishedRun(t, started.body.id);
    expect(finished.status, JSON.stringify(finished)).toBe('SUCCEEDED');
    return finished as { counts: { scored: number; decisions: Record<string, number> } };
  }
  async function supplier(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}`).set(bearer(admin())).expect(200)).body;
  }
  async function decisions(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}/decisions`).set(bearer(admin())).expect(200)).body.items as Array<
      Record<string, unknown>
    >;
  }
  function setStatus(name: string, body: Record<string, unknown>, token = admin()) {
    return t
      .http()
      .post(`/v1/suppliers/${s[name].id}/status`)
      .set(bearer(token))
      .send({ reason: 'Strategic partner: renovation finished', ...body });
  }
  async function applicationOf(name: string): Promise<string> {
    return (await t.http().get(`/v1/admission-applications?supplierId=${s[name].id}`).set(bearer(admin())).expect(200)).body.items[0].id;
  }
  function overrideAdmission(applicationId: string, body: Record<string, unknown>) {
    return t
      .http()
      .post(`/v1/admission-applications/${applicationId}/override`)
      .set(bearer(tourManager()))
      .send({ reason: 'Strategic partner; its reviews predate the new owner', ...body });
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'tour');
    for (const name of ['held', 'partner', 'fine', 'checked']) s[name] = await createSupplier(t, { externalRef: name, category: 'tour' });
    const reviews = await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({
        reviews: [
          // 15 of 20 positive (75%): POOR, a probation at the next run.
          ...reviewSeries('held', 'x', 20, 15, addDays(T, -60), T),
          // 10 of 20 (50%): below the delisting bar of 70%.
          ...reviewSeries('partner', 'x', 20, 10, addDays(T, -60), T),
          // 18 of 20 (90%): GOOD, nothing to warn of.
          ...reviewSeries('fine', 'x', 20, 18, addDays(T, -60), T),
          ...reviewSeries('checked', 'x', 20, 15, addDays(T, -60), T),
        ],
      })
      .expect(200);
    expect(reviews.body.rejected).toEqual([]);
    // Admitted on good reviews a year ago, then suspended by a manager; the partner applies now and is rejected.
    for (const name of ['held', 'fine', 'checked']) {
      await t.db.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'GOOD' WHERE id = $1`, [s[name].id]);
      await setStatus(name, { status: 'SUSPENDED', reason: 'Licence under review' }).expect(200);
    }
    const applied = await t
      .http()
      .post('/v1/admission-applications')
      .set(bearer(admin()))
      .send({ supplierId: s.partner.id, asOf: T })
      .expect(201);
    expect(applied.body.outcome).toBe('REJECTED');
  });
  afterAll(async () => {
    await t.close();
  });

  it('an override to ACTIVE may carry a hold; it answers with what the next run would do, and that the hold prevents it', async () => {
    const res = await on(T, () => setStatus('held', { status: 'ACTIVE', holdUntil: addDays(T, 10) }, tourManager()).expect(200));
    expect(res.body).toMatchObject({ kind: 'OVERRIDE', fromStatus: 'SUSPENDED', toStatus: 'ACTIVE' });
    expect(res.body.supplier).toMatchObject({ status: 'ACTIVE', holdUntil: addDays(T, 10) });
    expect(res.body.warnings).toEqual([
      `At today's rate 75.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation; the hold until ${addDays(T, 10)} prevents it until then, and the first run after it will act if the rate has not recovered.`,
    ]);
    expect(res.body.evidence).toMatchObject({ holdUntil: addDays(T, 10), warnings: res.body.warnings });
    expect(res.body.nextStep).toContain(`Held until ${addDays(T, 10)}`);
    expect(await supplier('held')).toMatchObject({ holdUntil: addDays(T, 10) });
  });

  it('an admission override may carry one too, and warns of the delisting the next run would make', async () => {
    const applicationId = await applicationOf('partner');
    const res = await on(T, () => overrideAdmission(applicationId, { outcome: 'ADMITTED', holdUntil: addDays(T, 10) }).expect(200));
    expect(res.body).toMatchObject({ outcome: 'REJECTED', effectiveOutcome: 'ADMITTED' });
    expect(res.body.warnings).toEqual([
      `At today's rate 50.0% (below the delisting bar 70.0%) the next scoring run would delist this supplier; the hold until ${addDays(T, 10)} prevents it until then, and the first run after it will act if the rate has not recovered.`,
    ]);
    expect(await supplier('partner')).toMatchObject({ status: 'ACTIVE', holdUntil: addDays(T, 10) });
    expect((await decisions('partner'))[0]).toMatchObject({ kind: 'OVERRIDE', evidence: { holdUntil: addDays(T, 10) } });
  });

  it('an override with nothing to warn of answers with no warnings; so does one to a status runs leave alone', async () => {
    const res = await on(T, () => setStatus('fine', { status: 'ACTIVE' }).expect(200));
    expect(res.body.warnings).toEqual([]);
    expect(res.body.supplier.holdUntil).toBeNull();
    const checked = await on(T, () => setStatus('checked', { status: 'DELISTED', reason: 'Fraud confirmed' }).expect(200));
    expect(checked.body.warnings).toEqual([]);
    // Without a hold the manager hears what the night will bring.
    const unheld = await on(T, () => setStatus('checked', { status: 'ACTIVE' }).expect(200));
    expect(unheld.body.warnings).toEqual([
      "At today's rate 75.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation.",
    ]);
  });

  it('until the date runs make no sanction decision, through the date itself; they still store the snapshot and the tier', async () => {
    for (const asOf of [T, addDays(T, 10)]) {
      const result = await run(asOf);
      expect(result.counts.scored).toBe(4);
      // The unheld supplier with the same reviews is penalised on the first run; the held ones never.
      expect(result.counts.decisions).toEqual({ REWARD: 0, WARNING: 0, PENALTY: asOf === T ? 1 : 0, REINSTATE: 0, DELIST: 0 });
      expect(await supplier('held')).toMatchObject({ status: 'ACTIVE', tier: 'POOR', holdUntil: addDays(T, 10) });
      expect(await supplier('partner')).toMatchObject({ status: 'ACTIVE', tier: 'POOR', holdUntil: addDays(T, 10) });
    }
    expect(await supplier('checked')).toMatchObject({ status: 'PROBATION' });
    expect((await decisions('held'))[0].kind).toBe('OVERRIDE');
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM score_snapshots WHERE supplier_id = $1`, [s.held.id]);
    expect(rows[0].n).toBe(2);
  });

  it('the first run after the date sanctions again, and the hold goes', async () => {
    const result = await run(addDays(T, 11));
    expect(result.counts.decisions).toMatchObject({ PENALTY: 1, DELIST: 1 });
    expect(await supplier('held')).toMatchObject({ status: 'PROBATION', holdUntil: null, probationEndsAt: addDays(T, 41) });
    expect((await decisions('held'))[0]).toMatchObject({ kind: 'PENALTY', fromStatus: 'ACTIVE', asOf: addDays(T, 11) });
    expect(await supplier('partner')).toMatchObject({ status: 'DELISTED', holdUntil: null });
  });

  it('holdUntil must be a date after today, at most 180 days ahead, on an override to ACTIVE: otherwise 422 naming it, nothing written', async () => {
    const today = todayUtc();
    const decisionsBefore = (await decisions('fine')).length;
    await setStatus('fine', { status: 'SUSPENDED' }).expect(200);
    for (const [holdUntil, message] of [
      [addDays(today, -1), 'must be after today'],
      [today, 'must be after today'],
      [addDays(today, 181), 'must be at most 180 days ahead'],
    ] as const) {
      const problem = expectProblem(await setStatus('fine', { status: 'ACTIVE', holdUntil }), 422);
      expect(problem.errors).toEqual([{ field: 'holdUntil', message: expect.stringContaining(message) }]);
    }
    const suspended = expectProblem(await setStatus('fine', { status: 'DELISTED', holdUntil: addDays(today, 5) }), 422);
    expect(suspended.errors?.[0]).toMatchObject({ field: 'holdUntil', message: expect.stringContaining('an override to DELISTED') });
    expect(expectProblem(await setStatus('fine', { status: 'ACTIVE', holdUntil: '2026-02-30' }), 400).errors?.[0].field).toBe('holdUntil');
    expect(await supplier('fine')).toMatchObject({ status: 'SUSPENDED', holdUntil: null });
    expect((await decisions('fine')).length).toBe(decisionsBefore + 1);

    // An admission override to REJECTED cannot carry one either.
    const rejected = expectProblem(
      await overrideAdmission(await applicationOf('partner'), { outcome: 'REJECTED', holdUntil: addDays(today, 5) }),
      422,
    );
    expect(rejected.errors?.[0].field).toBe('holdUntil');

    // 180 days ahead is the longest hold.
    const longest = await setStatus('fine', { status: 'ACTIVE', holdUntil: addDays(today, 180) }).expect(200);
    expect(longest.body.supplier.holdUntil).toBe(addDays(today, 180));
  });

  it('a manager of its category lifts a hold early; 409 when there is none, 403 for another category, 404 for no supplier', async () => {
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    const heldUntil = (await supplier('fine')).holdUntil as string;
    expect(heldUntil).toBe(addDays(todayUtc(), 180));
    const before = (await decisions('fine')).length;
    expectProblem(await t.http().delete(`/v1/suppliers/${s.fine.id}/hold`).set(bearer(hotelManager)), 403);
    const lifted = await t.http().delete(`/v1/suppliers/${s.fine.id}/hold`).set(bearer(tourManager())).expect(200);
    expect(lifted.body.supplier).toMatchObject({ id: s.fine.id, status: 'ACTIVE', holdUntil: null });
    expect(lifted.body.warnings).toEqual([]);
    const again = expectProblem(await t.http().delete(`/v1/suppliers/${s.fine.id}/hold`).set(bearer(tourManager())), 409);
    expect(again.detail).toContain('has no hold');
    expectProblem(await t.http().delete('/v1/suppliers/00000000-0000-4000-8000-000000000000/hold').set(bearer(admin())), 404);
    // The refusals wrote nothing; the lift is one decision in the log, as it answered.
    const log = await decisions('fine');
    expect(log.length).toBe(before + 1);
    expect(log[0]).toEqual(expect.objectContaining({ id: lifted.body.id, kind: 'HOLD_LIFTED', actor: 'lee' }));
  });

  it('a hold lifted is a HOLD_LIFTED decision: the hold it ended, who, the reason given; no status change, no event', async () => {
    const today = todayUtc();
    await setStatus('fine', { status: 'SUSPENDED' }).expect(200);
    await setStatus('fine', { status: 'ACTIVE', holdUntil: addDays(today, 20) }).expect(200);
    const events = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM events WHERE supplier_id = $1`, [s.fine.id])).rows[0].n as number;
    const eventsBefore = await events();

    // A reason that is not one is refused before anything is written.
    for (const reason of ['', 'ok', ' \t  ', 'x'.repeat(2001)]) {
      const problem = expectProblem(
        await t.http().delete(`/v1/suppliers/${s.fine.id}/hold`).query({ reason }).set(bearer(tourManager())),
        400,
      );
      expect(problem.errors?.[0].field).toBe('reason');
    }
    expect(await supplier('fine')).toMatchObject({ holdUntil: addDays(today, 20) });

    const lifted = await t
      .http()
      .delete(`/v1/suppliers/${s.fine.id}/hold`)
      .query({ reason: '  The partnership review is over  ' })
      .set(bearer(tourManager()))
      .expect(200);
    expect(lifted.body).toMatchObject({
      kind: 'HOLD_LIFTED',
      supplierId: s.fine.id,
      fromStatus: 'ACTIVE',
      toStatus: 'ACTIVE',
      asOf: today,
      actor: 'lee',
      reason: `Hold until ${addDays(today, 20)} lifted early: The partnership review is over`,
      evidence: { manual: true, holdUntil: addDays(today, 20), liftedOn: today, warnings: [] },
      supplier: { status: 'ACTIVE', holdUntil: null },
      warnings: [],
    });
    expect((await decisions('fine'))[0]).toMatchObject({ id: lifted.body.id, kind: 'HOLD_LIFTED' });
    const feed = await t.http().get('/v1/decisions?category=tour&kind=HOLD_LIFTED').set(bearer(admin())).expect(200);
    expect(feed.body.items.map((d: { id: string }) => d.id)).toContain(lifted.body.id);
    expect(await events()).toBe(eventsBefore);

    // The supplier sees it in its own log, and cannot appeal it: the lift holds nothing against it.
    const own = t.token('supplier', { sub: 'supplier-fine', supplierId: s.fine.id });
    const mine = await t.http().get('/v1/me/decisions').set(bearer(own)).expect(200);
    expect(mine.body.items[0]).toMatchObject({ id: lifted.body.id, kind: 'HOLD_LIFTED' });
    const appeal = expectProblem(
      await t
        .http()
        .post('/v1/appeals')
        .set(bearer(own))
        .send({ target: { kind: 'DECISION', id: lifted.body.id }, statement: 'We relied on that hold' }),
      422,
    );
    expect(appeal.detail).toContain('HOLD_LIFTED decision cannot be appealed');

    // Without a reason, the decision still says which hold ended.
    await setStatus('fine', { status: 'SUSPENDED' }).expect(200);
    await setStatus('fine', { status: 'ACTIVE', holdUntil: addDays(today, 9) }).expect(200);
    const plain = await t.http().delete(`/v1/suppliers/${s.fine.id}/hold`).set(bearer(admin())).expect(200);
    expect(plain.body.reason).toBe(`Hold until ${addDays(today, 9)} lifted early`);
  });

  it('any later manual status change replaces the hold', async () => {
    await setStatus('fine', { status: 'SUSPENDED' }).expect(200);
    await setStatus('fine', { status: 'ACTIVE', holdUntil: addDays(todayUtc(), 30) }).expect(200);
    const suspended = await setStatus('fine', { status: 'SUSPENDED' }).expect(200);
    expect(suspended.body.supplier.holdUntil).toBeNull();
    const list = await t.http().get('/v1/suppliers?category=tour').set(bearer(admin())).expect(200);
    for (const item of list.body.items) expect(item).toHaveProperty('holdUntil');
  });
});
