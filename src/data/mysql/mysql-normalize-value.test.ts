import { describe, expect, it } from 'vitest';
import { normalizeMysqlValue } from './mysql-normalize-value.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('MySQL value normalisation', () => {
  it('turns exact decimals into numbers and keeps those a double cannot hold as text', () => {
    expect(normalizeMysqlValue(bytes('92.50'), 'decimal')).toBe(92.5);
    expect(normalizeMysqlValue(bytes('-0.00'), 'decimal')).toBe(0);
    expect(normalizeMysqlValue(bytes('00012.3400'), 'decimal')).toBe(12.34);
    expect(normalizeMysqlValue(bytes('12345678901234567.89'), 'decimal')).toBe('12345678901234567.89');
    expect(normalizeMysqlValue(bytes('0.1234567890123456789'), 'decimal')).toBe('0.1234567890123456789');
  });

  it('turns big integers into numbers when exact and keeps larger ones as digits', () => {
    expect(normalizeMysqlValue(bytes('42'), 'bigint')).toBe(42);
    expect(normalizeMysqlValue(bytes('9007199254740993'), 'bigint')).toBe('9007199254740993');
    expect(normalizeMysqlValue(bytes('18446744073709551615'), 'bigint')).toBe('18446744073709551615');
  });

  it('makes zero dates and unparseable values null, never 0', () => {
    expect(normalizeMysqlValue(bytes('0000-00-00'), 'date')).toBeNull();
    expect(normalizeMysqlValue(bytes('2024-00-10'), 'date')).toBeNull();
    expect(normalizeMysqlValue(bytes('2024-02-30'), 'date')).toBeNull();
    expect(normalizeMysqlValue(bytes('0000-00-00 00:00:00'), 'datetime')).toBeNull();
    expect(normalizeMysqlValue(bytes('abc'), 'decimal')).toBeNull();
    expect(normalizeMysqlValue(bytes('x1'), 'bigint')).toBeNull();
    expect(normalizeMysqlValue(bytes('inf'), 'float')).toBeNull();
    expect(normalizeMysqlValue(bytes('0000'), 'year')).toBeNull();
    expect(normalizeMysqlValue(bytes('{broken'), 'json')).toBeNull();
  });

  it('writes dates and times in ISO 8601; TIMESTAMP (UTC in the session) with Z', () => {
    expect(normalizeMysqlValue(bytes('2024-03-11'), 'date')).toBe('2024-03-11');
    expect(normalizeMysqlValue(bytes('2024-05-01 10:11:12'), 'datetime')).toBe('2024-05-01T10:11:12');
    expect(normalizeMysqlValue(bytes('2024-05-01 10:11:12.250000'), 'timestamp')).toBe('2024-05-01T10:11:12.250000Z');
    expect(normalizeMysqlValue(bytes('-838:59:59'), 'time')).toBe('-838:59:59');
    expect(normalizeMysqlValue(bytes('2024'), 'year')).toBe(2024);
  });

  it('keeps JSON, ENUM and SET as text, BIT as a number and binary as hex', () => {
    expect(normalizeMysqlValue(bytes('{"a": [1, 2]}'), 'json')).toBe('{"a": [1, 2]}');
    expect(normalizeMysqlValue(bytes('red,blue'), 'text')).toBe('red,blue');
    expect(normalizeMysqlValue(Buffer.from([0x01, 0x01]), 'bit')).toBe(257);
    expect(normalizeMysqlValue(Buffer.from([0xde, 0xad]), 'binary')).toBe('0xDEAD');
    expect(normalizeMysqlValue(null, 'text')).toBeNull();
  });
});
