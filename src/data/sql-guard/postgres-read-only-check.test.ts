import { describe, expect, it } from 'vitest';
import { checkPostgresReadOnly, isForbiddenPostgresFunction } from './postgres-read-only-check.js';

function codeOf(sql: string): string | undefined {
  try {
    checkPostgresReadOnly(sql);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('PostgreSQL read-only check (parser only)', () => {
  it('refuses side-effect functions wherever they are called, however they are spelled', () => {
    for (const name of ['pg_read_file', 'PG_SLEEP', 'lo_import', 'lo_export', 'dblink', 'nextval', 'setval', 'set_config', 'pg_terminate_backend', 'pg_advisory_xact_lock', 'txid_current', 'query_to_xml']) {
      expect(isForbiddenPostgresFunction(name), name).toBe(true);
    }
    expect(codeOf('SELECT pg_catalog."pg_sleep"(5)')).toBe('SQL_FORBIDDEN_FUNCTION');
    expect(codeOf('SELECT x FROM (SELECT nextval(\'s\') AS x) AS inner_query')).toBe('SQL_FORBIDDEN_FUNCTION');
    expect(isForbiddenPostgresFunction('percentile_cont')).toBe(false);
  });

  it('tells a sampling method from a function call, and a keyword in a name from a clause', () => {
    expect(codeOf('SELECT count(*) FROM t TABLESAMPLE SYSTEM (5) REPEATABLE (42)')).toBeUndefined();
    expect(codeOf('SELECT count(*) FROM t TABLESAMPLE BERNOULLI (5)')).toBeUndefined();
    expect(codeOf('SELECT system(1)')).toBe('SQL_FORBIDDEN_FUNCTION');
    expect(codeOf('SELECT 1 AS for_update FROM t')).toBeUndefined();
    expect(codeOf('SELECT * FROM t FOR NO KEY UPDATE')).toBe('SQL_NOT_READ_ONLY');
  });

  it('names what is wrong with statements that are not one plain SELECT', () => {
    expect(codeOf('SELECT * INTO copy FROM t')).toBe('SQL_NOT_READ_ONLY');
    expect(codeOf('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toBe('SQL_DATA_MODIFYING_CTE');
    expect(codeOf("COPY t TO PROGRAM 'id'")).toBe('SQL_FORBIDDEN_STATEMENT');
    expect(codeOf('REFRESH MATERIALIZED VIEW v')).toBe('SQL_NOT_READ_ONLY');
    expect(codeOf('SELECT 1; SELECT 2')).toBe('SQL_MULTIPLE_STATEMENTS');
    expect(codeOf("SELECT E'\\'' ; DELETE FROM t; --'")).toBe('SQL_PARSE_ERROR');
    expect(codeOf('selec 1')).toBe('SQL_PARSE_ERROR');
    expect(codeOf('')).toBe('SQL_PARSE_ERROR');
  });
});
