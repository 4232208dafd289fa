import { describe, expect, it } from 'vitest';
import { resolveSecretReferences } from './resolve-secret-references.js';

describe('resolveSecretReferences', () => {
  it('puts a password from the environment into the URL, percent-encoded so the URL still parses', () => {
    const url = resolveSecretReferences('mysql://app:${DB_PASSWORD}@db:3306/sales', { DB_PASSWORD: 'p@ss/w:rd' }, 'sales');
    expect(url).toBe('mysql://app:p%40ss%2Fw%3Ard@db:3306/sales');
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('p@ss/w:rd');
    expect(parsed.hostname).toBe('db');
  });

  it('leaves values after the user information as written, so a host may carry its port', () => {
    expect(resolveSecretReferences('postgres://reader:${PW}@${DB_HOST}/prod?application_name=${APP}', { PW: 'a b', DB_HOST: 'db:5433', APP: 'insightx' }, 'prod')).toBe(
      'postgres://reader:a%20b@db:5433/prod?application_name=insightx',
    );
    expect(resolveSecretReferences('mysql://${DB_HOST}/sales?note=x@y', { DB_HOST: 'db' }, 'sales')).toBe('mysql://db/sales?note=x@y');
  });

  it('names a missing or empty variable and never shows a value', () => {
    const error = (() => {
      try {
        return resolveSecretReferences('mysql://app:${DB_PASSWORD}@db/sales', { OTHER: 'Secret-Value-1' }, 'sales');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', details: { name: 'sales', variable: 'DB_PASSWORD' } });
    expect((error as Error).message).toMatch(/DB_PASSWORD is not set/);
    expect(() => resolveSecretReferences('postgres://r:${PW}@db/p', { PW: '' }, 'p')).toThrow(/PW is not set \(it is empty\)/);
  });

  it('returns a URL without references unchanged', () => {
    expect(resolveSecretReferences('postgres://reader:plain@db/prod', {}, 'prod')).toBe('postgres://reader:plain@db/prod');
  });
});
