import { describe, expect, it } from 'vitest';
import { normalizeDuckDbValue } from './duckdb-normalize-value.js';

describe('DuckDB value normalisation', () => {
  it('turns exact big integers into numbers and keeps larger ones as text', () => {
    expect(normalizeDuckDbValue('42', 'bigint')).toBe(42);
    expect(normalizeDuckDbValue('-9007199254740991', 'bigint')).toBe(-9007199254740991);
    expect(normalizeDuckDbValue('9007199254740993', 'bigint')).toBe('9007199254740993');
  });

  it('makes unparseable values null, never 0', () => {
    expect(normalizeDuckDbValue('abc', 'decimal')).toBeNull();
    expect(normalizeDuckDbValue('x1', 'bigint')).toBeNull();
    expect(normalizeDuckDbValue('NaN', 'number')).toBeNull();
    expect(normalizeDuckDbValue('infinity', 'timestamp')).toBeNull();
    expect(normalizeDuckDbValue('not a date', 'date')).toBeNull();
  });

  it('writes timestamps in ISO 8601 and nested values as JSON text', () => {
    expect(normalizeDuckDbValue('2024-05-01 10:11:12', 'timestamp')).toBe('2024-05-01T10:11:12');
    expect(normalizeDuckDbValue('2024-05-01 10:11:12.25+05', 'timestamp')).toBe('2024-05-01T10:11:12.25+05:00');
    expect(normalizeDuckDbValue('12.50', 'decimal')).toBe(12.5);
    expect(normalizeDuckDbValue({ a: [1, 2] }, 'json')).toBe('{"a":[1,2]}');
  });
});
