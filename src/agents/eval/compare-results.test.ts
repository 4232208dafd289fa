import { describe, expect, it } from 'vitest';
import { goldIsOrdered, resultsMatch } from './compare-results.js';

describe('resultsMatch (score.py rules)', () => {
  it('compares rows as multisets when the gold has no ORDER BY, duplicates included', () => {
    expect(resultsMatch([['a', 1], ['b', 2]], [['b', 2], ['a', 1]], false)).toBe(true);
    expect(resultsMatch([['a', 1], ['a', 1]], [['a', 1]], false)).toBe(false);
    expect(resultsMatch([['a', 1], ['b', 2]], [['a', 1], ['a', 1]], false)).toBe(false);
  });

  it('requires the same order when the gold orders', () => {
    expect(resultsMatch([['a'], ['b']], [['b'], ['a']], true)).toBe(false);
    expect(resultsMatch([['a'], ['b']], [['a'], ['b']], true)).toBe(true);
  });

  it('rounds floats to 6 places and treats 4 and 4.0 as one value, but not "4"', () => {
    expect(resultsMatch([[1 / 3]], [[0.3333333]], false)).toBe(true);
    expect(resultsMatch([[0.333333]], [[0.333334]], false)).toBe(false);
    expect(resultsMatch([[4]], [[4.0]], false)).toBe(true);
    expect(resultsMatch([[4]], [['4']], false)).toBe(false);
  });

  it('fails on a different column count or column order', () => {
    expect(resultsMatch([['Leeds', 2]], [['Leeds', 2, 7]], false)).toBe(false);
    expect(resultsMatch([['Leeds', 2]], [[2, 'Leeds']], false)).toBe(false);
  });

  it('reads ORDER BY anywhere in the gold, as score.py does', () => {
    expect(goldIsOrdered('SELECT a FROM t ORDER  BY a')).toBe(true);
    expect(goldIsOrdered('select a from t order\nby a limit 1')).toBe(true);
    expect(goldIsOrdered('SELECT border FROM t')).toBe(false);
  });
});
