import { describe, expect, it } from 'vitest';

import { EXAMPLE } from '../../src/common/http/examples.js';
import { type ObservedResponse, OpenApiContract } from '../support/openapi-contract.js';

const contract = new OpenApiContract();

const supplier = {
  id: EXAMPLE.supplierId,
  externalRef: 'HTL-000123',
  name: 'Hotel Russo Palace',
  category: 'hotel',
  city: null,
  themes: [],
  status: 'APPLICANT',
  tier: null,
  probationEndsAt: null,
  holdUntil: null,
  auditFailedOn: null,
  createdAt: EXAMPLE.createdAt,
  updatedAt: EXAMPLE.createdAt,
};

function observed(status: number, body: unknown, over: Partial<ObservedResponse> = {}): ObservedResponse {
  return {
    method: 'GET',
    path: `/v1/suppliers/${EXAMPLE.supplierId}`,
    status,
    contentType: status < 400 ? 'application/json; charset=utf-8' : 'application/problem+json; charset=utf-8',
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    ...over,
  };
}

const notFound = {
  type: 'urn:supplier-governance:problem:supplier-not-found',
  title: 'Not Found',
  status: 404,
  detail: `Supplier ${EXAMPLE.supplierId} does not exist`,
  instance: `/v1/suppliers/${EXAMPLE.supplierId}`,
  requestId: EXAMPLE.requestId,
};

describe('the OpenAPI contract the e2e responses are held to', () => {
  it('accepts a documented status whose body matches its schema, nulls where the spec says nullable', () => {
    expect(contract.violations(observed(200, supplier))).toEqual([]);
    expect(contract.violations(observed(404, notFound))).toEqual([]);
  });

  it('names an undocumented status with the documented ones', () => {
    const [violation] = contract.violations(observed(409, { ...notFound, status: 409 }));
    expect(violation).toMatch(/^Suppliers_get: status 409 is not documented \(documented: 200, 400, 401, 403, 404, 413, 415, 429\)$/);
  });

  it('refuses a content type the status does not declare', () => {
    expect(contract.violations(observed(404, notFound, { contentType: 'application/json' }))).toEqual([
      'Suppliers_get: 404 answered application/json; documented: application/problem+json',
    ]);
  });

  it('refuses a body missing a required field, with a wrong enum value, or with an undeclared field', () => {
    const { name: _name, ...nameless } = supplier;
    expect(contract.violations(observed(200, nameless)).join('\n')).toMatch(/must have required property 'name'/);
    expect(contract.violations(observed(200, { ...supplier, tier: 'BRONZE' })).join('\n')).toMatch(/\/tier must be equal to one of/);
    expect(contract.violations(observed(200, { ...supplier, secret: 'x' })).join('\n')).toMatch(
      /must NOT have additional properties \(secret\)/,
    );
  });

  it('refuses a problem whose type none of the status examples names', () => {
    expect(contract.violations(observed(404, { ...notFound, type: 'urn:supplier-governance:problem:review-not-found' }))).toEqual([
      'Suppliers_get: 404 problem type urn:supplier-governance:problem:review-not-found is in none of its examples (urn:supplier-governance:problem:supplier-not-found)',
    ]);
  });

  it('refuses a body where the spec documents none', () => {
    const deleted = { method: 'DELETE', path: `/v1/webhooks/${EXAMPLE.webhookId}` };
    expect(contract.violations(observed(204, undefined, deleted))).toEqual([]);
    expect(contract.violations(observed(204, {}, deleted))).toHaveLength(1);
  });

  it('prefers a literal path segment over a template and ignores routes outside the spec', () => {
    const coverage = { path: '/v1/audits/coverage' };
    const body = { category: 'hotel', activeSuppliers: 10, audited: 8, coverage: 0.8, target: 0.8 };
    expect(contract.violations(observed(200, body, coverage))).toEqual([]);
    expect(contract.violations(observed(200, {}, { path: '/docs-json' }))).toEqual([]);
  });
});
