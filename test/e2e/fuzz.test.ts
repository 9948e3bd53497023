/**
 * Issue 15 item 9: for every operation of the committed spec, a few hundred generated requests
 * (mostly malformed: types, nulls, nesting, encodings, control characters, huge values, bad
 * cursors and dates, every role's token and none), each answer judged by test/support/fuzz/oracle.ts.
 * Deterministic: FUZZ_SEED (default below) picks the requests; a failure prints the seed and the
 * path to replay it. Longer runs: `npm run fuzz -- --runs 2000`.
 */
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, it } from 'vitest';

import { fuzzOperation, loadSpec, seedWorld, type Target } from '../support/fuzz/run.js';
import type { World } from '../support/fuzz/values.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const spec = loadSpec();

describe(`fuzzing every operation of openapi/openapi.json (seed ${SEED}, ${RUNS} requests each)`, () => {
  let t: TestApp;
  let target: Target;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    target = { port: (t.app.getHttpServer().address() as AddressInfo).port, jwtSecret: TEST_JWT_SECRET };
    world = await seedWorld(target);
    // Exclusion proposals as the rule queues them, for the operations that decide one.
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO exclusion_proposals (review_id, supplier_id, category, aspects, policy_version)
       SELECT r.id, r.supplier_id, 'hotel', '{weather}', 1 FROM reviews r WHERE r.id = ANY($1::uuid[]) RETURNING id`,
      [world.ids.reviews],
    );
    world.ids['exclusion-proposals'] = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await t.close();
  });

  for (const op of spec.operations) {
    it(`${op.method.toUpperCase()} ${op.path} (${op.id})`, async () => {
      await fuzzOperation(target, spec, op, world, { runs: RUNS, seed: SEED, endOnFailure: true });
    });
  }
});
