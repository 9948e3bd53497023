/**
 * The values the OpenAPI examples use, so that one supplier, audit or run is the same everywhere
 * in the spec (a supplier's id in a decision, an event and a 404 is one id). UUID v7, like the ids
 * the service issues; dates in late 2026, in the past of every request the examples show.
 */
export const EXAMPLE = {
  supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70',
  otherSupplierId: '01937b6e-5b3d-7e21-9f40-3cad5e6f7081',
  reviewId: '01937c02-1f4a-7b52-a061-4d7e8f90a1b2',
  decisionId: '01937d9a-88c1-7f03-b172-5e8f9a0b1c2d',
  applicationId: '01937d9a-7e20-7a14-8283-6f9a0b1c2d3e',
  runId: '01937da1-0c35-7b25-9394-7a0b1c2d3e4f',
  shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50',
  auditId: '01937e55-6e57-7d47-b5b6-9c2d3e4f5061',
  webhookId: '01937f01-7f68-7e58-86c7-ad3e4f506172',
  appealId: '01937f40-8a79-7f69-97d8-be4f50617283',
  proposalId: '01937f80-9b8a-7a7a-a8e9-cf5061728394',
  requestId: '5d0f3c8e-2b7a-4c1d-9e6f-0a1b2c3d4e5f',
  category: 'hotel',
  asOf: '2026-11-25',
  createdAt: '2026-11-25T10:00:00.000Z',
  actor: 'manager@example.com',
} as const;
