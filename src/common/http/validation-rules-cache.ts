import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;

const REMEMBERING = Symbol('rememberValidationRules');

/**
 * Makes class-validator look up a class's rules once rather than on every validation.
 *
 * To find the rules a class inherits, class-validator tests the class against every class that has
 * rules (`instanceof`, in `MetadataStorage.getTargetValidationMetadatas`), on every call:
 * typestack/class-validator#2686, open. With all of this service's DTOs loaded, that scan was
 * three quarters of the validation pipe's time on a simple read (issue 20, reads), while the same
 * validation in a process that loads one DTO costs 5 µs.
 *
 * The answer depends only on the rules registered and on the call's arguments, so it is remembered
 * per class and arguments and forgotten whenever a rule is registered (decorators run when a class
 * is defined; a schema registers rules one by one). Callers read the list and never change it.
 * Idempotent: the storage is global and wrapped once.
 */
export function rememberValidationRules(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [REMEMBERING]?: true };
  if (marked[REMEMBERING]) return;
  marked[REMEMBERING] = true;

  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let remembered = new WeakMap<object, Map<string, Rules>>();

  storage.addValidationMetadata = (metadata) => {
    remembered = new WeakMap();
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Not a class (an object without a prototype has no constructor): class-validator's own answer, or its error.
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema === undefined ? '-' : `+${schema}`}|${always ? 1 : 0}${strictGroups ? 1 : 0}|${groups?.length ? groups.join('\u0000') : ''}`;
    let byArguments = remembered.get(target);
    if (!byArguments) remembered.set(target, (byArguments = new Map()));
    let rules = byArguments.get(key);
    if (!rules) byArguments.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
