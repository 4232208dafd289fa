import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';
import { AppError, toAppError } from './app-error.js';

describe('error codes', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

  it('every code in the registry has a row in docs/errors.md', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !doc.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('every code documented exists in the registry', () => {
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it('an AppError carries its registry status and category', () => {
    const error = new AppError('SQL_NOT_READ_ONLY', 'DELETE is not allowed', { details: { sql: 'DELETE FROM t' } });
    expect(error.httpStatus).toBe(400);
    expect(error.category).toBe('user');
    expect(error.toJSON()).toEqual({ code: 'SQL_NOT_READ_ONLY', message: 'DELETE is not allowed', details: { sql: 'DELETE FROM t' } });
  });

  it('unknown throwables become INTERNAL with the cause kept', () => {
    const cause = new Error('boom');
    const wrapped = toAppError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBe(cause);
  });
});
