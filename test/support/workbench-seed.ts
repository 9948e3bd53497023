import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { openComplaint } from './complaints.js';
import { createSupplier, forceStatus, publishPolicy, reviewSeries, runScoring, sendReviews, type SupplierBody } from './fixtures.js';
import { bearer, type TestApp } from './test-app.js';

export interface WorkbenchSeed {
  penalised: SupplierBody;
  steady: SupplierBody;
  rewarded: SupplierBody;
  penaltyReason: string;
  appealId: string;
  shopperId: string;
}

/**
 * A hotel category a manager could meet on a Monday: Hotel Russo Palace slid from 95% to 57%
 * positive and was put on probation by last night's run, and has appealed; two others do well.
 * Four weekly runs give the trend chart points.
 */
export async function seedWorkbench(t: TestApp): Promise<WorkbenchSeed> {
  const today = todayUtc();
  await publishPolicy(t, 'hotel', { evaluationWindows: [365], minReviews: 20 });
  const penalised = await createSupplier(t, { name: 'Hotel Russo Palace', externalRef: 'HTL-RUSSO', city: 'Venice' });
  const steady = await createSupplier(t, { name: 'Albergo Sole', externalRef: 'HTL-SOLE', city: 'Florence' });
  const rewarded = await createSupplier(t, { name: 'Canal View Inn', externalRef: 'HTL-CANAL', city: 'Venice' });
  await sendReviews(t, [
    ...reviewSeries(penalised.externalRef, 'a', 40, 38, addDays(today, -300), addDays(today, -100)),
    ...reviewSeries(penalised.externalRef, 'b', 30, 12, addDays(today, -100), addDays(today, -2)),
    ...reviewSeries(steady.externalRef, 'a', 40, 34, addDays(today, -300), addDays(today, -2)),
    ...reviewSeries(rewarded.externalRef, 'a', 40, 40, addDays(today, -300), addDays(today, -2)),
  ]);
  for (const s of [penalised, steady, rewarded]) await forceStatus(t, s.id, 'ACTIVE');
  await t.db.query(`UPDATE suppliers SET tier = 'GOOD' WHERE id = ANY($1)`, [[penalised.id, steady.id, rewarded.id]]);
  for (const daysAgo of [22, 15, 8, 1]) await runScoring(t, { asOf: addDays(today, -daysAgo), category: 'hotel' });

  const admin = bearer(t.token('admin'));
  const decisions = await t.http().get(`/v1/suppliers/${penalised.id}/decisions`).set(admin).expect(200);
  const penalty = (decisions.body.items as Array<{ id: string; kind: string; reason: string }>).find((d) => d.kind === 'PENALTY');
  if (!penalty) throw new Error(`the seed expected a PENALTY for ${penalised.name}: ${JSON.stringify(decisions.body.items)}`);
  const supplierToken = t.token('supplier', { sub: 'supplier-HTL-RUSSO', supplierId: penalised.id });
  const appeal = await t
    .http()
    .post('/v1/appeals')
    .set(bearer(supplierToken))
    .send({
      target: { kind: 'DECISION', id: penalty.id },
      statement: 'The bad reviews are from guests of the annex, which another company runs.',
    })
    .expect(201);
  await openComplaint(t, penalised.externalRef, { description: 'Room not cleaned on arrival.' });
  const shopper = await t
    .http()
    .post('/v1/shoppers')
    .set(admin)
    .send({ displayName: 'Mei', city: 'Venice', categories: ['hotel'], maxOpenAudits: 3 })
    .expect(201);
  return {
    penalised,
    steady,
    rewarded,
    penaltyReason: penalty.reason,
    appealId: appeal.body.id as string,
    shopperId: shopper.body.id as string,
  };
}
