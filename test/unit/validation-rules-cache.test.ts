import 'reflect-metadata';

import { getMetadataStorage, IsInt, IsString, MaxLength, registerDecorator, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';

import { rememberValidationRules } from '../../src/common/http/validation-rules-cache.js';

type Storage = ReturnType<typeof getMetadataStorage>;

/** A storage that counts its real lookups and answers a fresh list each time. */
function countingStorage(): { storage: Storage; lookups: () => number } {
  let lookups = 0;
  const storage = {
    getTargetValidationMetadatas: () => {
      lookups++;
      return [];
    },
    addValidationMetadata: () => undefined,
  } as unknown as Storage;
  return { storage, lookups: () => lookups };
}

describe('rememberValidationRules', () => {
  it('looks a class up once for the same arguments and again for other arguments', () => {
    const { storage, lookups } = countingStorage();
    rememberValidationRules(storage);
    class A {}
    class B {}
    const first = storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false);
    expect(storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false)).toBe(first);
    // No groups and an empty list of groups mean the same to class-validator.
    expect(storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false, [])).toBe(first);
    expect(lookups()).toBe(1);
    storage.getTargetValidationMetadatas(B, undefined as unknown as string, false, false);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, true, false);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, true);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false, ['admin']);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false, ['admin', 'x']);
    storage.getTargetValidationMetadatas(A, 'SomeSchema', false, false);
    expect(lookups()).toBe(7);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false, ['admin']);
    storage.getTargetValidationMetadatas(A, 'SomeSchema', false, false);
    expect(lookups()).toBe(7);
  });

  it('forgets every answer when a rule is registered', () => {
    const { storage, lookups } = countingStorage();
    rememberValidationRules(storage);
    class A {}
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false);
    storage.addValidationMetadata({} as Parameters<Storage['addValidationMetadata']>[0]);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false);
    expect(lookups()).toBe(2);
  });

  it('leaves a target that is not a class to class-validator, every time', () => {
    const { storage, lookups } = countingStorage();
    rememberValidationRules(storage);
    const notAClass = undefined as unknown as () => void;
    storage.getTargetValidationMetadatas(notAClass, undefined as unknown as string, false, false);
    storage.getTargetValidationMetadatas(notAClass, undefined as unknown as string, false, false);
    expect(lookups()).toBe(2);
  });

  it('wraps a storage once, however often it is called', () => {
    const { storage, lookups } = countingStorage();
    rememberValidationRules(storage);
    const wrapped = storage.getTargetValidationMetadatas;
    rememberValidationRules(storage);
    expect(storage.getTargetValidationMetadatas).toBe(wrapped);
    class A {}
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false);
    storage.getTargetValidationMetadatas(A, undefined as unknown as string, false, false);
    expect(lookups()).toBe(1);
  });

  it('keeps class-validator right on the global storage: inherited rules, later classes and later rules', async () => {
    rememberValidationRules();
    class Base {
      @IsInt() count!: unknown;
    }
    class Child extends Base {
      @IsString() name!: unknown;
    }
    const fieldsOf = async (o: object): Promise<string[]> => (await validate(o)).map((e) => e.property).sort();
    expect(await fieldsOf(Object.assign(new Child(), { count: 'x', name: 1 }))).toEqual(['count', 'name']);
    expect(await fieldsOf(Object.assign(new Child(), { count: 1, name: 'n' }))).toEqual([]);

    // A class defined after the first validation inherits the rules of both.
    class GrandChild extends Child {
      @MaxLength(2) code!: unknown;
    }
    expect(await fieldsOf(Object.assign(new GrandChild(), { count: 'x', name: 1, code: 'long' }))).toEqual(['code', 'count', 'name']);

    // A rule added to a class already looked up applies to it and to its subclasses from then on.
    registerDecorator({
      name: 'isPositive',
      target: Base,
      propertyName: 'count',
      validator: { validate: (value: unknown) => typeof value === 'number' && value > 0 },
    });
    expect(await fieldsOf(Object.assign(new Child(), { count: -1, name: 'n' }))).toEqual(['count']);
    expect(await fieldsOf(Object.assign(new GrandChild(), { count: -1, name: 'n', code: 'ok' }))).toEqual(['count']);
  });
});
