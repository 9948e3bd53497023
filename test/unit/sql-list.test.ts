import { describe, expect, it } from 'vitest';
import { sqlList } from '../../src/database/sql-list.js';

describe('sqlList', () => {
  it('joins values with commas, null as an empty item', () => {
    expect(sqlList(['a', 1, null, 0.25, 'WATCH'])).toBe('a,1,,0.25,WATCH');
    expect(sqlList([])).toBe('');
  });

  it('refuses an item holding a comma, which would split in two', () => {
    expect(() => sqlList(['x,y'])).toThrow(/comma/);
  });
});
