import { describe, expect, it } from 'vitest';
import { normalizePostgresValue, parseArrayLiteral } from './postgres-normalize-value.js';

describe('PostgreSQL value normalisation', () => {
  it('turns exact big integers into numbers and keeps larger ones as text', () => {
    expect(normalizePostgresValue('42', 'bigint')).toBe(42);
    expect(normalizePostgresValue('-9007199254740991', 'bigint')).toBe(-9007199254740991);
    expect(normalizePostgresValue('9007199254740993', 'bigint')).toBe('9007199254740993');
  });

  it('makes numerics numbers unless a double would lose digits', () => {
    expect(normalizePostgresValue('92.50', 'decimal')).toBe(92.5);
    expect(normalizePostgresValue('-0.000001', 'decimal')).toBe(-0.000001);
    expect(normalizePostgresValue('123456789012345.67', 'decimal')).toBe(123456789012345.67);
    expect(normalizePostgresValue('1234567890123456.78', 'decimal')).toBe('1234567890123456.78');
    expect(normalizePostgresValue('12345678901234567890', 'decimal')).toBe('12345678901234567890');
    expect(normalizePostgresValue('1000000000000000000000', 'decimal')).toBe(1e21);
  });

  it('makes unparseable values null, never 0', () => {
    expect(normalizePostgresValue('NaN', 'decimal')).toBeNull();
    expect(normalizePostgresValue('Infinity', 'number')).toBeNull();
    expect(normalizePostgresValue('-Infinity', 'decimal')).toBeNull();
    expect(normalizePostgresValue('x1', 'bigint')).toBeNull();
    expect(normalizePostgresValue('', 'number')).toBeNull();
    expect(normalizePostgresValue('infinity', 'date')).toBeNull();
    expect(normalizePostgresValue('infinity', 'timestamptz')).toBeNull();
    expect(normalizePostgresValue('2024-01-01 00:00:00 BC', 'timestamp')).toBeNull();
    expect(normalizePostgresValue('{"a":', 'json')).toBeNull();
    expect(normalizePostgresValue('yes', 'boolean')).toBeNull();
  });

  it('writes timestamps in ISO 8601, zoned ones with their offset, and intervals as ISO durations', () => {
    expect(normalizePostgresValue('2024-05-01 10:11:12', 'timestamp')).toBe('2024-05-01T10:11:12');
    expect(normalizePostgresValue('2024-05-01 10:11:12.25+00', 'timestamptz')).toBe('2024-05-01T10:11:12.25+00:00');
    expect(normalizePostgresValue('2024-05-01 10:11:12+05:30', 'timestamptz')).toBe('2024-05-01T10:11:12+05:30');
    expect(normalizePostgresValue('P1Y2M3DT04H05M06.5S', 'interval')).toBe('P1Y2M3DT04H05M06.5S');
    expect(normalizePostgresValue('1 day 02:00:00', 'interval')).toBeNull();
    expect(normalizePostgresValue('t', 'boolean')).toBe(true);
  });

  it('writes json compactly and arrays as JSON text with normalised elements', () => {
    expect(normalizePostgresValue('{"a": [1, 2]}', 'json')).toBe('{"a":[1,2]}');
    expect(normalizePostgresValue('{1,NULL,3}', { array: 'number' })).toBe('[1,null,3]');
    expect(normalizePostgresValue('{"a b","c\\"d",NULL}', { array: 'string' })).toBe('["a b","c\\"d",null]');
    expect(normalizePostgresValue('{{1,2},{3,4}}', { array: 'bigint' })).toBe('[[1,2],[3,4]]');
    expect(normalizePostgresValue('{"{\\"k\\": 1}"}', { array: 'json' })).toBe('[{"k":1}]');
    expect(normalizePostgresValue('{2024-01-01,infinity}', { array: 'date' })).toBe('["2024-01-01",null]');
    expect(parseArrayLiteral('[0:1]={7,8}')).toEqual(['7', '8']);
    expect(normalizePostgresValue('{1,2', { array: 'number' })).toBeNull();
  });
});
