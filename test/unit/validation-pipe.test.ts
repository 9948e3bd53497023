import { ValidationPipe } from '@nestjs/common';
import { describe, expect, it } from 'vitest';

import { CommonException } from '../../src/common/errors/common.exception.js';
import { IdParam } from '../../src/common/http/id.param.js';
import {
  BoundaryValidationPipe,
  createValidationPipe,
  flattenValidationErrors,
  validationFailed,
} from '../../src/common/http/validation.js';

/** The pipe without its shortcut: class-validator on IdParam, as every other DTO. */
const reference = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
});

async function outcome(pipe: ValidationPipe, value: unknown): Promise<unknown> {
  try {
    const result: unknown = await pipe.transform(value, { type: 'param', metatype: IdParam, data: undefined });
    return { instance: result instanceof IdParam, value: { ...(result as object) } };
  } catch (error) {
    expect(error).toBeInstanceOf(CommonException);
    const e = error as CommonException;
    return { status: e.status, code: e.code, detail: e.message, errors: e.fields };
  }
}

const IDS = [
  '0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e',
  '0190F5A8-3C4E-7B1A-9D2E-4F5A6B7C8D9E',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'c73bcdcc-2669-4bf6-81d3-e4ae73fb11fd',
  '0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9',
  '0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e0',
  '0190f5a83c4e7b1a9d2e4f5a6b7c8d9e',
  '{0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e}',
  'g190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e',
  ' 0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e',
  '0190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e\n',
  '',
  'not-a-uuid',
  '1',
  '𝟘190f5a8-3c4e-7b1a-9d2e-4f5a6b7c8d9e',
];

describe('the :id shortcut of the global validation pipe', () => {
  it('is the pipe the app uses', () => {
    expect(createValidationPipe()).toBeInstanceOf(BoundaryValidationPipe);
  });

  it.each(IDS)('answers %j exactly as class-validator on IdParam does', async (id) => {
    expect(await outcome(createValidationPipe(), { id })).toEqual(await outcome(reference, { id }));
  });

  it('leaves parameters it does not know to class-validator, with its answer', async () => {
    for (const value of [{ id: IDS[0], other: 'x' }, {}, { other: IDS[0] }]) {
      expect(await outcome(createValidationPipe(), value)).toEqual(await outcome(reference, value));
    }
  });

  it('refuses a bad id naming the field', async () => {
    expect(await outcome(createValidationPipe(), { id: 'nope' })).toMatchObject({
      status: 400,
      errors: [{ field: 'id', message: 'must be a UUID' }],
    });
  });
});
