import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { complaintFields } from '../support/complaints.js';
import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;
const H = 60 * MIN;

describe('the complaint SLA report', () => {
  let t: TestApp;
  const admin = () => bearer(t.token('admin'));
  const report = (query: string, auth = admin()) => t.http().get(`/v1/complaints/sla?${query}`).set(auth);

  /** Opens a tour complaint at `openedAt`; answers it after `respondMinutes`, resolves it after `resolveHours`, or withdraws it. */
  async function complaint(openedAt: string, respondMinutes: number | null, resolveHours: number | null = null, withdraw = false) {
    const res = await t.http().post('/v1/complaints').set(admin()).send(complaintFields('SLA-1', { openedAt })).expect(201);
    const id = res.body.id as string;
    const opened = Date.parse(openedAt);
    if (respondMinutes !== null) {
      const respondedAt = new Date(opened + respondMinutes * MIN).toISOString();
      await t.http().post(`/v1/complaints/${id}/response`).set(admin()).send({ message: 'Answered', respondedAt }).expect(200);
    }
    if (resolveHours !== null) {
      const resolvedAt = new Date(opened + resolveHours * H).toISOString();
      await t
        .http()
        .post(`/v1/complaints/${id}/resolution`)
        .set(admin())
        .send({ fault: 'NONE', resolution: 'Done', resolvedAt })
        .expect(200);
    }
    if (withdraw) await t.http().post(`/v1/complaints/${id}/withdrawal`).set(admin()).send({ reason: 'Withdrawn' }).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'tour');
    await publishPolicy(t, 'hotel');
    await createSupplier(t, { externalRef: 'SLA-1', category: 'tour' });
    await complaint('2026-11-10T10:00:00Z', 10, 5);
    await complaint('2026-11-10T11:00:00Z', 20, 80); // resolved late
    await complaint('2026-11-11T00:00:00Z', 30);
    await complaint('2026-11-11T09:00:00Z', 40);
    await complaint('2026-11-12T09:00:00Z', 50, 10);
    await complaint('2026-11-12T10:00:00Z', 60);
    await complaint('2026-11-13T10:00:00Z', 70);
    await complaint('2026-11-13T11:00:00Z', 80);
    await complaint('2026-11-14T10:00:00Z', 90);
    await complaint('2026-11-14T23:59:59Z', 24 * 60 + 5); // answered late
    await complaint('2026-11-14T12:00:00Z', null); // never answered
    await complaint('2026-11-14T13:00:00Z', 5, null, true); // withdrawn: left out
    await complaint('2026-11-15T00:00:00Z', null); // after the period
    await complaint('2026-11-09T23:59:59Z', null); // before it
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the figures of a known set: inclusive UTC dates, nearest-rank median and p90, withdrawn left out', async () => {
    const res = await report('category=tour&from=2026-11-10&to=2026-11-14').expect(200);
    expect(res.body).toEqual({
      category: 'tour',
      from: '2026-11-10',
      to: '2026-11-14',
      opened: 11,
      respondedInTime: 9,
      responseRate: 9 / 11,
      medianResponseMinutes: 50, // 10 answered: the 5th
      p90ResponseMinutes: 90, // the 9th
      resolvedInTime: 2,
      resolutionRate: 2 / 11,
      // Overdue now, whenever opened: 7 answered but unresolved past resolveBy, the 3 never answered.
      overdueNow: 10,
      target: 1,
    });
  });

  it('a period with no complaint has null rates; one day takes that day only', async () => {
    const empty = await report('category=hotel&from=2026-11-01&to=2026-11-30').expect(200);
    expect(empty.body).toMatchObject({ opened: 0, responseRate: null, resolutionRate: null, medianResponseMinutes: null, overdueNow: 0 });
    const day = await report('category=tour&from=2026-11-12&to=2026-11-12').expect(200);
    expect(day.body).toMatchObject({ opened: 2, respondedInTime: 2, medianResponseMinutes: 50, p90ResponseMinutes: 60, resolvedInTime: 1 });
  });

  it('refuses a bad period naming the field: from after to or out of range (422), not a date (400)', async () => {
    expect(expectProblem(await report('category=tour&from=2026-11-14&to=2026-11-10'), 422).errors?.[0].field).toBe('from');
    expect(expectProblem(await report('category=tour&from=2026-11-10&to=2999-01-01'), 422).errors?.[0].field).toBe('to');
    expect(expectProblem(await report('category=tour&from=1999-12-31&to=2026-11-10'), 422).errors?.[0].field).toBe('from');
    expect(expectProblem(await report('category=tour&from=2026-02-30&to=2026-11-10'), 400).errors?.[0].field).toBe('from');
    expect(expectProblem(await report('from=2026-11-10&to=2026-11-14'), 400).errors?.[0].field).toBe('category');
  });

  it('is for admins, integration and the category’s managers', async () => {
    await report('category=tour&from=2026-11-10&to=2026-11-14', bearer(t.token('category_manager', { categories: ['tour'] }))).expect(200);
    await report('category=tour&from=2026-11-10&to=2026-11-14', bearer(t.token('integration'))).expect(200);
    expectProblem(
      await report('category=tour&from=2026-11-10&to=2026-11-14', bearer(t.token('category_manager', { categories: ['hotel'] }))),
      403,
    );
  });
});
