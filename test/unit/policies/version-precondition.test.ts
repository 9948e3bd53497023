import { describe, expect, it } from 'vitest';

import { parseIfMatch, policyETag, preconditionRefusal } from '../../../src/policies/domain/version-precondition.js';

describe('If-Match on policy edits', () => {
  it('a version is its quoted number', () => {
    expect(policyETag(7)).toBe('"7"');
  });

  it('parses *, one tag, a list and weak tags; absent is no precondition', () => {
    expect(parseIfMatch(undefined)).toEqual({ precondition: null });
    expect(parseIfMatch('*')).toEqual({ precondition: { any: true } });
    expect(parseIfMatch(' "7" ')).toEqual({ precondition: { any: false, tags: ['"7"'] } });
    expect(parseIfMatch('"6", "7"')).toEqual({ precondition: { any: false, tags: ['"6"', '"7"'] } });
    expect(parseIfMatch('W/"7"')).toEqual({ precondition: { any: false, tags: ['W/"7"'] } });
  });

  it('refuses what is not an entity tag: bare numbers, empty, unbalanced quotes, control characters, an empty list item', () => {
    for (const header of ['7', '', '   ', '"7', '7"', '"7",', '"a"b"', '"7\u0001"', '"7" "8"', '**']) {
      expect(parseIfMatch(header), JSON.stringify(header)).toEqual({ invalid: expect.stringContaining('quoted versions') });
    }
  });

  it('no precondition never refuses; * needs a version; a tag must name the latest, strongly', () => {
    expect(preconditionRefusal(null, 3)).toBeNull();
    expect(preconditionRefusal(null, null)).toBeNull();
    expect(preconditionRefusal({ any: true }, 3)).toBeNull();
    expect(preconditionRefusal({ any: true }, null)).toMatch(/needs a published version/);
    expect(preconditionRefusal({ any: false, tags: ['"3"'] }, 3)).toBeNull();
    expect(preconditionRefusal({ any: false, tags: ['"2"', '"3"'] }, 3)).toBeNull();
    expect(preconditionRefusal({ any: false, tags: ['"2"'] }, 3)).toBe(
      'The latest version is "3", not "2": another edit was published since; read it and make the change again',
    );
    expect(preconditionRefusal({ any: false, tags: ['W/"3"'] }, 3)).toMatch(/latest version is "3"/);
    expect(preconditionRefusal({ any: false, tags: ['"1"'] }, null)).toMatch(/no version is published yet/);
  });
});
