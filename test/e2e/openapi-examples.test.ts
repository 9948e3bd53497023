import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../src/common/auth/principal.js';
import { createSupplier, finishedRun, forceStatus, publishPolicy } from '../support/fixtures.js';
import { compensate, insertComplaint } from '../support/ledger-fixtures.js';
import { type JsonObject, readSpec, toJsonSchema } from '../support/openapi-contract.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The spec's examples are what a person copies from Swagger UI: each must be valid against its
 * schema, none a generated placeholder, and each request body, sent as it is (only the ids of
 * records standing in for real ones replaced), must be accepted.
 */

type Schema = JsonObject;

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> }>;
  'x-roles'?: Role[];
}

const spec = readSpec() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

function resolve(schema: Schema): Schema {
  const ref = schema.$ref as string | undefined;
  return ref ? resolve(spec.components.schemas[ref.replace('#/components/schemas/', '')]) : schema;
}

/** The example Swagger UI shows for a schema, where every value comes from an `example`. */
function exampleOf(schema: Schema, at: string): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.$ref) return exampleOf(resolve(schema), at);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => exampleOf(s, at)));
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties as Record<string, Schema>).map(([k, s]) => [k, exampleOf(s, `${at}.${k}`)]));
  }
  if (schema.type === 'array') return [exampleOf(schema.items as Schema, `${at}[]`)];
  throw new Error(`${at} has no example: Swagger UI would show a placeholder`);
}

const addFormats = ajvFormats as unknown as typeof ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(
  { $id: 'openapi.json', definitions: Object.fromEntries(Object.entries(spec.components.schemas).map(([n, s]) => [n, toJsonSchema(s)])) },
  'openapi.json',
);

function schemaErrors(schema: Schema, value: unknown): string {
  const validate = ajv.compile(toJsonSchema(schema));
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

describe('OpenAPI examples', () => {
  it('every property of every schema has an example, valid against the property, and none is a placeholder', () => {
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(spec.components.schemas)) {
      for (const [property, propertySchema] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        const at = `${name}.${property}`;
        const nested = propertySchema.$ref ?? (propertySchema.items as Schema | undefined)?.$ref ?? propertySchema.allOf;
        if (propertySchema.example === undefined) {
          if (!nested) problems.push(`${at} has no example`);
          continue;
        }
        if (JSON.stringify(propertySchema.example).includes('"string"')) problems.push(`${at}: "string" is a placeholder`);
        const errors = schemaErrors(propertySchema, propertySchema.example);
        if (errors) problems.push(`${at}: example ${JSON.stringify(propertySchema.example)}: ${errors}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every request and response body example is valid against its schema', () => {
    const problems: string[] = [];
    for (const { operation } of operations) {
      const bodies = [
        ...Object.values(operation.requestBody?.content ?? {}).map((c) => ['request', c.schema] as const),
        ...Object.entries(operation.responses).flatMap(([status, r]) =>
          Object.values(r.content ?? {})
            .filter((c) => c.schema && !c.examples)
            .map((c) => [status, c.schema!] as const),
        ),
      ];
      for (const [what, schema] of bodies) {
        try {
          const errors = schemaErrors(schema, exampleOf(schema, `${operation.operationId} ${what}`));
          if (errors) problems.push(`${operation.operationId} ${what}: ${errors}`);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every error example is a problem of the status it is documented under', () => {
    const problems: string[] = [];
    for (const { operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const content = response.content?.['application/problem+json'];
        if (!content?.examples || Object.keys(content.examples).length === 0) {
          problems.push(`${operation.operationId} ${status}: no application/problem+json example`);
          continue;
        }
        for (const [key, { value }] of Object.entries(content.examples)) {
          const errors = schemaErrors(content.schema!, value);
          if (errors) problems.push(`${operation.operationId} ${status} ${key}: ${errors}`);
          const problem = value as { status: number; type: string };
          if (problem.status !== Number(status)) problems.push(`${operation.operationId} ${status} ${key}: status ${problem.status}`);
          if (!problem.type.startsWith('urn:supplier-governance:problem:'))
            problems.push(`${operation.operationId} ${key}: type ${problem.type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('OpenAPI request examples, sent to a seeded service', () => {
  let t: TestApp;
  const shopperToken = (shopperId: string) => t.token('mystery_shopper', { sub: 'shopper-example', shopperId });
  const admin = () => bearer(t.token('admin'));

  /** What each operation with a body needs: its path parameters, the records its body's ids stand for, who calls. */
  interface Prepared {
    params?: Record<string, string>;
    ids?: Record<string, string>;
    /** Dates the rules tie to today (a hold: after today, at most 180 days ahead): no fixed example stays valid. */
    values?: Record<string, string>;
    token?: string;
    /** Whole fields replaced, where an id sits deeper than the body's top level (an appeal's target). */
    patch?: Record<string, unknown>;
  }
  const seeded: Record<string, string> = {};

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function activeSupplier(): Promise<string> {
    const s = await createSupplier(t);
    await forceStatus(t, s.id, 'ACTIVE');
    return s.id;
  }

  const supplierToken = (supplierId: string) => t.token('supplier', { sub: 'supplier-example', supplierId });

  /** A supplier on probation, as a run's PENALTY leaves it (the decision written as the run writes it). */
  async function penalised(): Promise<string> {
    const id = await activeSupplier();
    await forceStatus(t, id, 'PROBATION');
    await t.db.query(`UPDATE suppliers SET probation_ends_at = current_date + 30 WHERE id = $1`, [id]);
    await t.db.query(
      `INSERT INTO decisions (id, supplier_id, kind, from_status, to_status, as_of, policy_version, reason, actor)
       VALUES (gen_random_uuid(), $1, 'PENALTY', 'ACTIVE', 'PROBATION', current_date, 1, 'Below the penalty bar', 'job:scoring-run')`,
      [id],
    );
    return id;
  }

  async function penaltyOf(supplierId: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM decisions WHERE supplier_id = $1 AND kind = 'PENALTY'`, [supplierId]);
    return rows[0].id;
  }

  async function assignAudit(supplierId: string, shopperId: string): Promise<string> {
    const res = await t.http().post('/v1/audits').set(admin()).send({ supplierId, shopperId, dueAt: '2030-01-15T18:00:00Z' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  // In this order: a later operation may use what an earlier example created (the supplier the
  // review batch names, the review an exclusion reverts, the report a review accepts).
  const sequence: Array<[operationId: string, prepare: () => Prepared | Promise<Prepared>]> = [
    ['Policies_publish', () => ({ params: { category: 'hotel' } })],
    ['Policies_amend', () => ({ params: { category: 'hotel' } })],
    ['Simulation_simulate', () => ({ params: { category: 'hotel' } })],
    ['Suppliers_create', () => ({})],
    ['Reviews_batch', () => ({})],
    ['OrderVolumes_store', () => ({})],
    [
      'Reviews_exclude',
      async () => {
        const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM reviews WHERE external_id = 'rv-000123'`);
        seeded.reviewId = rows[0].id;
        return { params: { id: seeded.reviewId } };
      },
    ],
    ['Reviews_revert', () => ({ params: { id: seeded.reviewId } })],
    // Proposals as the exclusion rule queues them: one of the review above (accepted: excluded again), one of another review.
    ['ExclusionProposals_accept', async () => ({ params: { id: await proposal(seeded.reviewId) } })],
    ['ExclusionProposals_reject', async () => ({ params: { id: await proposal(EXAMPLE_OTHER_REVIEW) } })],
    [
      'Suppliers_changeStatus',
      async () => {
        // The example lifts a suspension (to ACTIVE, with a hold).
        const id = await activeSupplier();
        await forceStatus(t, id, 'SUSPENDED');
        return { params: { id }, values: { holdUntil: inDays(30) } };
      },
    ],
    ['Admission_apply', async () => ({ ids: { supplierId: (await createSupplier(t)).id } })],
    [
      'Admission_override',
      async () => {
        const applicant = await createSupplier(t);
        const res = await t.http().post('/v1/admission-applications').set(admin()).send({ supplierId: applicant.id });
        expect(res.body.outcome).toBe('PENDING_EVIDENCE');
        return { params: { id: res.body.id as string }, values: { holdUntil: inDays(30) } };
      },
    ],
    ['Events_create', () => ({})],
    ['Audits_createShopper', () => ({})],
    [
      'Audits_assign',
      async () => {
        const shopper = await t
          .http()
          .post('/v1/shoppers')
          .set(admin())
          .send({ displayName: 'Example shopper', categories: ['hotel'], maxOpenAudits: 5 });
        seeded.shopperId = shopper.body.id as string;
        return { ids: { supplierId: await activeSupplier(), shopperId: seeded.shopperId } };
      },
    ],
    [
      'Audits_report',
      async () => {
        seeded.auditId = await assignAudit(await activeSupplier(), seeded.shopperId);
        await t
          .http()
          .post(`/v1/audits/${seeded.auditId}/accept`)
          .set(bearer(shopperToken(seeded.shopperId)))
          .expect(200);
        // Assigned before the example's visit (2026-11-20T19:00:00Z), as a real assignment would be.
        await t.db.query(`UPDATE audits SET assigned_at = '2026-11-18T09:00:00Z' WHERE id = $1`, [seeded.auditId]);
        return { params: { id: seeded.auditId }, token: shopperToken(seeded.shopperId) };
      },
    ],
    ['Audits_review', () => ({ params: { id: seeded.auditId } })],
    ['Audits_plan', () => ({})],
    ['ScoringRuns_start', () => ({})],
    [
      'Ledger_settle',
      async () => {
        // A charge of 100.00 CNY made before the example's settledAt: a SUPPLIER-fault complaint compensated.
        const supplierId = await activeSupplier();
        const complaintId = await insertComplaint(t, supplierId, { fault: 'SUPPLIER' });
        const { charge } = await compensate(t, { complaintId, supplierId, amount: 100, chargeable: true });
        seeded.chargeId = charge!.id;
        return { params: { chargeId: seeded.chargeId } };
      },
    ],
    ['Ledger_waive', () => ({ params: { chargeId: seeded.chargeId } })],
    [
      'Appeals_create',
      async () => {
        // A supplier on probation by a run's PENALTY appeals it (the example's target is a decision).
        const supplierId = await penalised();
        return { patch: { target: { kind: 'DECISION', id: await penaltyOf(supplierId) } }, token: supplierToken(supplierId) };
      },
    ],
    [
      'Appeals_rule',
      async () => {
        // The example grants: the supplier goes back to ACTIVE.
        const supplierId = await penalised();
        const res = await t
          .http()
          .post('/v1/appeals')
          .set(bearer(supplierToken(supplierId)))
          .send({ target: { kind: 'DECISION', id: await penaltyOf(supplierId) }, statement: 'The reviews are about the annex.' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return { params: { id: res.body.id as string } };
      },
    ],
    // The complaint the create example opens (about the supplier Suppliers_create registered) is
    // answered and resolved by the step examples; one of the batch's is withdrawn.
    ['Complaints_create', () => ({})],
    ['Complaints_batch', () => ({})],
    ['ComplaintSteps_respond', async () => ({ params: { id: await complaintId('SD-2026-000123') } })],
    ['ComplaintSteps_resolve', async () => ({ params: { id: await complaintId('SD-2026-000123') } })],
    ['ComplaintSteps_withdraw', async () => ({ params: { id: await complaintId('SD-2026-000124') } })],
    // Paid on the complaint resolved SUPPLIER above: charged at once.
    ['ComplaintSteps_compensate', async () => ({ params: { id: await complaintId('SD-2026-000123') } })],
  ];

  const EXAMPLE_OTHER_REVIEW = '01937c02-2a5b-7c63-b172-5e8f90a1b2c3';
  async function proposal(reviewId: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO exclusion_proposals (review_id, supplier_id, category, aspects, policy_version)
       SELECT $1, id, 'hotel', '{weather}', 1 FROM suppliers WHERE category = 'hotel' LIMIT 1 RETURNING id`,
      [reviewId],
    );
    return rows[0].id;
  }

  async function complaintId(externalId: string): Promise<string> {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM complaints WHERE external_id = $1`, [externalId]);
    return rows[0].id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers every operation that takes a body', () => {
    const withBody = operations.filter((o) => o.operation.requestBody).map((o) => o.operation.operationId);
    expect(sequence.map(([id]) => id).sort()).toEqual(withBody.sort());
  });

  it.each(sequence)('%s accepts its request body example', async (operationId, prepare) => {
    const { path, method, operation } = operations.find((o) => o.operation.operationId === operationId)!;
    const prepared = await prepare();
    const body = exampleOf(operation.requestBody!.content['application/json'].schema, operationId) as Record<string, unknown>;
    for (const [field, id] of Object.entries({ ...prepared.ids, ...prepared.values, ...prepared.patch })) {
      expect(body, `${operationId} example names a ${field}`).toHaveProperty(field);
      body[field] = id;
    }
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = prepared.params?.[name];
      if (!value) throw new Error(`${operationId}: no seeded value for {${name}}`);
      return value;
    });
    const roles = operation['x-roles'] ?? [];
    const token = prepared.token ?? t.token(roles.includes('admin') ? 'admin' : roles[0]);
    const res = await t.http()[method as 'post' | 'put' | 'delete'](url).set(bearer(token)).send(body);
    expect(res.status, `${method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(200);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    if (['Reviews_batch', 'OrderVolumes_store', 'Complaints_batch'].includes(operationId)) expect(res.body.rejected).toEqual([]);
    if (operationId === 'ScoringRuns_start') expect((await finishedRun(t, res.body.id as string)).status).toBe('SUCCEEDED');
  });
});
