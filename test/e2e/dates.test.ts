import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { NightlyScoringJob } from '../../src/jobs/nightly-scoring.cron.job.js';
import { createSupplier, expectProblem, finishedRun, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** PRODUCT.md, Trust rules: "Dates move forward". */
describe('dates move forward', () => {
  let t: TestApp;
  let admin: string;
  let applicant: SupplierBody;
  const tomorrow = () => addDays(todayUtc(), 1);

  async function counts() {
    const { rows } = await t.db.query(`
      SELECT (SELECT count(*) FROM scoring_runs)::int AS runs, (SELECT count(*) FROM admission_applications)::int AS applications,
             (SELECT count(*) FROM audits)::int AS audits, (SELECT count(*) FROM decisions)::int AS decisions,
             (SELECT count(*) FROM score_snapshots)::int AS snapshots`);
    return rows[0] as Record<string, number>;
  }
  async function startRun(body: Record<string, unknown>) {
    return t.http().post('/v1/scoring-runs').set(bearer(admin)).send(body);
  }
  async function run(body: Record<string, unknown>) {
    const res = await startRun(body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const finished = await finishedRun(t, res.body.id);
    expect(finished.status).toBe('SUCCEEDED');
    return finished;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    applicant = await createSupplier(t, { externalRef: 'DATES-1', category: 'hotel' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('every asOf is a real calendar date', () => {
    const impossible: Array<[string, () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>]> = [
      ['a scoring run', () => startRun({ asOf: '2017-02-30' })],
      [
        'an admission application',
        () => t.http().post('/v1/admission-applications').set(bearer(admin)).send({ supplierId: applicant.id, asOf: '2017-02-30' }),
      ],
      ['an audit plan', () => t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel', asOf: '2017-02-30' })],
      ['a simulation', () => t.http().post('/v1/policies/hotel/simulate').set(bearer(admin)).send({ policy: {}, asOf: '2017-02-30' })],
      ['a scorecard', () => t.http().get(`/v1/suppliers/${applicant.id}/scorecard?asOf=2017-02-30`).set(bearer(admin))],
      ['audit targets', () => t.http().get('/v1/audit-targets?category=hotel&asOf=2017-02-30').set(bearer(admin))],
    ];
    it.each(impossible)('2017-02-30 for %s is 400 "no such date" naming asOf', async (_what, send) => {
      const before = await counts();
      const problem = expectProblem(await send(), 400);
      expect(problem.errors).toEqual([{ field: 'asOf', message: 'is no such date: February 2017 has 28 days' }]);
      expect(problem.detail).toBe('asOf is no such date: February 2017 has 28 days');
      expect(await counts()).toEqual(before);
    });

    it('says why a date does not exist, and what shape a date has', async () => {
      const message = async (asOf: string) =>
        expectProblem(await t.http().get(`/v1/suppliers/${applicant.id}/scorecard?asOf=${asOf}`).set(bearer(admin)), 400).errors?.[0];
      expect(await message('2026-13-01')).toEqual({ field: 'asOf', message: 'is no such date: there is no month 13' });
      expect(await message('2026-04-31')).toEqual({ field: 'asOf', message: 'is no such date: April 2026 has 30 days' });
      expect(await message('2023-02-29')).toEqual({ field: 'asOf', message: 'is no such date: February 2023 has 28 days' });
      expect(await message('2026-01-00')).toEqual({ field: 'asOf', message: 'is no such date: January 2026 has 31 days' });
      expect(await message('26-01-01')).toEqual({ field: 'asOf', message: 'must be a date written YYYY-MM-DD' });
      // A leap day is a date.
      await t.http().get(`/v1/suppliers/${applicant.id}/scorecard?asOf=2024-02-29`).set(bearer(admin)).expect(200);
    });
  });

  describe('whatever writes may not be dated after today (UTC)', () => {
    const writes: Array<[string, (asOf: string) => Promise<{ status: number; headers: Record<string, string>; body: unknown }>]> = [
      ['a scoring run', (asOf) => startRun({ asOf })],
      ['a scoring run of a category', (asOf) => startRun({ asOf, category: 'hotel' })],
      [
        'an admission application',
        (asOf) => t.http().post('/v1/admission-applications').set(bearer(admin)).send({ supplierId: applicant.id, asOf }),
      ],
      ['an audit plan', (asOf) => t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel', asOf })],
    ];
    it.each(writes)('%s dated tomorrow, in 2072 or in 2999 is 422 naming asOf, and writes nothing', async (_what, send) => {
      for (const asOf of [tomorrow(), '2072-12-01', '2999-12-31']) {
        const before = await counts();
        const problem = expectProblem(await send(asOf), 422);
        expect(problem.errors).toEqual([{ field: 'asOf', message: `must not be after today (${todayUtc()}, UTC)` }]);
        expect(problem.detail).toBe(`asOf ${asOf} is after today (${todayUtc()}, UTC)`);
        expect(await counts()).toEqual(before);
      }
    });
  });

  describe('reads take any date from 2000-01-01 to today', () => {
    const reads: Array<[string, (asOf: string) => Promise<{ status: number; headers: Record<string, string>; body: unknown }>]> = [
      ['a scorecard', (asOf) => t.http().get(`/v1/suppliers/${applicant.id}/scorecard?asOf=${asOf}`).set(bearer(admin))],
      ['a simulation', (asOf) => t.http().post('/v1/policies/hotel/simulate').set(bearer(admin)).send({ policy: {}, asOf })],
      ['audit targets', (asOf) => t.http().get(`/v1/audit-targets?category=hotel&asOf=${asOf}`).set(bearer(admin))],
    ];
    it.each(reads)('%s takes 2000-01-01 and today, and refuses 1999-12-31 and tomorrow with 422 naming asOf', async (_what, read) => {
      for (const asOf of ['2000-01-01', '2017-01-05', todayUtc()]) {
        const res = await read(asOf);
        expect(res.status, `${asOf}: ${JSON.stringify(res.body)}`).toBe(200);
      }
      const early = expectProblem(await read('1999-12-31'), 422);
      expect(early.errors).toEqual([{ field: 'asOf', message: 'must not be before 2000-01-01' }]);
      expect(early.detail).toBe('asOf 1999-12-31 is before 2000-01-01');
      const late = expectProblem(await read(tomorrow()), 422);
      expect(late.errors).toEqual([{ field: 'asOf', message: `must not be after today (${todayUtc()}, UTC)` }]);
    });

    it('writes before 2000-01-01 are refused the same way', async () => {
      expect(expectProblem(await startRun({ asOf: '1999-12-31' }), 422).errors?.[0].field).toBe('asOf');
    });
  });

  describe('a scoring run goes no further back than the latest succeeded run that covered the same suppliers', () => {
    it('a run of a category that has no policy is 422 naming category, and writes nothing', async () => {
      const before = await counts();
      const problem = expectProblem(await startRun({ asOf: '2017-01-05', category: 'flight' }), 422);
      expect(problem.errors).toEqual([{ field: 'category', message: 'has no policy' }]);
      expect(problem.detail).toContain('Category "flight" has no policy');
      expect(await counts()).toEqual(before);
    });

    it('a run of a category goes back behind neither its own latest run nor a run of all; other categories are free', async () => {
      await run({ asOf: '2017-03-01', category: 'hotel' });
      const before = await counts();
      const behindOwn = expectProblem(await startRun({ asOf: '2017-02-28', category: 'hotel' }), 409);
      expect(behindOwn.detail).toContain('A scoring run of category "hotel" as of 2017-03-01 has succeeded');
      expect(behindOwn.errors?.[0]).toMatchObject({ field: 'asOf', message: expect.stringContaining('must not be before 2017-03-01') });
      expect(await counts()).toEqual(before);

      // Another category's suppliers were not scored by the hotel run: an earlier date is fine.
      await run({ asOf: '2017-02-01', category: 'tour' });
      // The same date is not "before": a re-run (or the run that completes a failed one) is allowed.
      await run({ asOf: '2017-03-01', category: 'hotel' });
    });

    it('a run of all categories goes back behind no run of any category', async () => {
      const behind = expectProblem(await startRun({ asOf: '2017-02-15' }), 409);
      expect(behind.detail).toContain('as of 2017-03-01 has succeeded');
      expect(behind.detail).toContain('a run of all categories may not be dated before 2017-03-01');
      await run({ asOf: '2017-03-01' });
      // Now the run of all covers tour too.
      const tour = expectProblem(await startRun({ asOf: '2017-02-20', category: 'tour' }), 409);
      expect(tour.detail).toContain('A scoring run of all categories as of 2017-03-01 has succeeded');
      await run({ asOf: '2017-03-02', category: 'tour' });
      const all = expectProblem(await startRun({ asOf: '2017-03-01' }), 409);
      expect(all.errors?.[0].message).toContain('must not be before 2017-03-02');
    });

    it('only SUCCEEDED runs count: a failed or running one sets no bar', async () => {
      await t.db.query(`INSERT INTO scoring_runs (status, as_of, category, trigger, created_by, total, finished_at, error)
                        VALUES ('FAILED', '2018-06-01', NULL, 'MANUAL', 'test', 0, now(), 'simulated')`);
      await run({ asOf: '2017-06-01' });
    });

    it('the nightly job runs as of today, again and again on the same day', async () => {
      const job = t.app.get(NightlyScoringJob);
      const now = Date.now();
      await job.tick(new Date(now));
      await job.tick(new Date(now + 1000));
      const { rows } = await t.db.query(
        `SELECT status, to_char(as_of, 'YYYY-MM-DD') AS as_of FROM scoring_runs WHERE trigger = 'SCHEDULE' ORDER BY seq`,
      );
      expect(rows).toEqual([
        { status: 'SUCCEEDED', as_of: todayUtc() },
        { status: 'SUCCEEDED', as_of: todayUtc() },
      ]);
      // After today's run, no run of any scope goes back.
      expectProblem(await startRun({ asOf: '2017-06-02', category: 'hotel' }), 409);
    });
  });
});
