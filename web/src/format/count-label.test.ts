import { describe, expect, it } from 'vitest';
import { countLabel } from './count-label.js';

describe('countLabel', () => {
  it('says one table, two tables, and separates thousands', () => {
    expect(countLabel(1, 'table')).toBe('1 table');
    expect(countLabel(2, 'table')).toBe('2 tables');
    expect(countLabel(0, 'row')).toBe('0 rows');
    expect(countLabel(1099104, 'row')).toBe('1,099,104 rows');
  });
});
