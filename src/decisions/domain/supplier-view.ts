import type { Decision } from './decision.js';

/** What a supplier reads where a person decided: never the person's name (PRODUCT.md, the supplier's own view). */
export const PERSON_SEEN_BY_SUPPLIERS = 'category manager';

/** Whether an actor is one of the service's own jobs (`job:<name>`) rather than a person. */
export function isJobActor(actor: string): boolean {
  return actor.startsWith('job:');
}

/**
 * A decision as its supplier may read it: the evidence, reason and next step as they are, but a
 * person who decided (the actor, and whoever the evidence says reviewed or made it: a field
 * ending in `By`) is "category manager". A job stays named: it is not a person.
 */
export function decisionForSupplier(decision: Decision): Decision {
  const evidence =
    decision.evidence === null
      ? null
      : Object.fromEntries(
          Object.entries(decision.evidence).map(([key, value]) => [
            key,
            /By$/.test(key) && typeof value === 'string' && !isJobActor(value) ? PERSON_SEEN_BY_SUPPLIERS : value,
          ]),
        );
  return { ...decision, actor: isJobActor(decision.actor) ? decision.actor : PERSON_SEEN_BY_SUPPLIERS, evidence };
}
