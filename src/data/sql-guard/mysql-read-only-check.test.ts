import { describe, expect, it } from 'vitest';
import { backtickIdentifiers, checkMysqlReadOnly } from './mysql-read-only-check.js';

describe('MySQL read-only check (parser only)', () => {
  it('gives the parser double-quoted identifiers in backticks, leaving strings and comments alone', () => {
    expect(backtickIdentifiers('SELECT "t"."a b", \'say "hi"\', `x` FROM "t" -- "c"\n')).toBe('SELECT `t`.`a b`, \'say "hi"\', `x` FROM `t` -- "c"\n');
    expect(backtickIdentifiers("SELECT 'it\\'s \"x\"' AS \"q\"\"uote\"")).toBe("SELECT 'it\\'s \"x\"' AS `q\"uote`");
  });

  it('accepts the SQL the profiler and the analyst write (ANSI-quoted identifiers)', () => {
    expect(() => checkMysqlReadOnly('SELECT count(*) FROM "loans" WHERE "customer_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "customers" WHERE "customers"."id" = "loans"."customer_id")', 'mariadb')).not.toThrow();
    expect(() => checkMysqlReadOnly('SELECT CAST(DATE_FORMAT(issued_on, \'%Y-%m-01\') AS DATE) AS "month", count(*) FROM loans GROUP BY 1 ORDER BY 1', 'mysql')).not.toThrow();
  });

  it('falls back to tokens where the grammar is narrower than the server, still refusing what is forbidden', () => {
    expect(() => checkMysqlReadOnly('SELECT status, sum(amount) AS total FROM loans GROUP BY status ORDER BY total DESC', 'mariadb')).not.toThrow();
    expect(() => checkMysqlReadOnly('SELECT status, sleep(5) FROM loans', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_FUNCTION' }));
    expect(() => checkMysqlReadOnly('SELECT status FROM loans INTO OUTFILE \'/tmp/x\'', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_STATEMENT' }));
    expect(() => checkMysqlReadOnly('SELECT status, @a FROM loans', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_FUNCTION' }));
    expect(() => checkMysqlReadOnly("SELECT status, 'a\\' FROM loans", 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_PARSE_ERROR' }));
  });

  it('refuses what MySQL reads differently from a comment or string reader', () => {
    expect(() => checkMysqlReadOnly("SELECT id --LOAD_FILE('/etc/passwd')\nFROM loans", 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_STATEMENT' }));
    expect(() => checkMysqlReadOnly('SELECT id FROM loans\u0000 WHERE id = 1', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_STATEMENT' }));
    expect(() => checkMysqlReadOnly("SELECT '--x /*! */' AS text FROM loans -- fine\n", 'mariadb')).not.toThrow();
  });

  it('finds a hidden call even when a double-quoted identifier sits beside it', () => {
    expect(() => checkMysqlReadOnly('SELECT "id", LOAD_FILE(\'/etc/passwd\') FROM "loans"', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_FUNCTION' }));
    expect(() => checkMysqlReadOnly('SELECT * FROM "mysql"."user"', 'mariadb')).toThrow(expect.objectContaining({ code: 'SQL_FORBIDDEN_FUNCTION' }));
  });
});
