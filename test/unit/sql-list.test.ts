import { describe, expect, it } from 'vitest';

import { sqlList, sqlTextList } from '../../src/database/sql-list.js';

describe('sqlList', () => {
  it('joins values with commas, null as an empty item', () => {
    expect(sqlList(['a', 1, null, 0.25, 'WATCH'])).toBe('a,1,,0.25,WATCH');
    expect(sqlList([])).toBe('');
  });

  it('refuses an item holding a comma, which would split in two', () => {
    expect(() => sqlList(['x,y'])).toThrow(/comma/);
  });
});

describe('sqlTextList', () => {
  it('starts every item with the separator and writes null as its own mark', () => {
    expect(sqlTextList(['a, b', null, ''])).toBe('\x1ea, b\x1e\x1f\x1e');
    expect(sqlTextList([])).toBe('');
  });

  it('refuses an item holding a control character of the list', () => {
    expect(() => sqlTextList(['x\x1ey'])).toThrow(/control character/);
    expect(() => sqlTextList(['x\x1f'])).toThrow(/control character/);
  });
});
