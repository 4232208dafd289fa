import { describe, expect, it } from 'vitest';
import { normalizeSqliteValue } from './sqlite-normalize-value.js';

describe('SQLite value normalisation', () => {
  it('turns safe bigints into numbers, keeps larger ones as text, blobs as hex', () => {
    expect(normalizeSqliteValue(7n)).toBe(7);
    expect(normalizeSqliteValue(9007199254740993n)).toBe('9007199254740993');
    expect(normalizeSqliteValue(Buffer.from([0xca, 0xfe]))).toBe('\\xcafe');
  });

  it('keeps text from numeric columns as text and non-finite numbers as null', () => {
    expect(normalizeSqliteValue('n/a')).toBe('n/a');
    expect(normalizeSqliteValue(Number.POSITIVE_INFINITY)).toBeNull();
    expect(normalizeSqliteValue(undefined)).toBeNull();
  });
});
