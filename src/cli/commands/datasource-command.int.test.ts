import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../../../test/support/mysql-test-database.js';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { mysqlProblem, postgresProblem, requireService } from '../../../test/support/services.js';
import { runCli } from '../main.js';

const pgAvailable = requireService('postgres', await postgresProblem(), 'Registering datasources from the CLI');
const myAvailable = requireService('mysql', await mysqlProblem(), 'Registering datasources from the CLI');

const SECRET = `Pw-${randomBytes(6).toString('hex')}`;

async function cli(cwd: string, env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (text: string) => { out += text; return true; } };
  const code = await runCli(argv, { cwd, env, stdout: sink, stderr: sink });
  return { code, out };
}

describe.skipIf(!pgAvailable || !myAvailable)('insightx datasource add/list/test/remove', () => {
  let pgDb: ScratchPostgresDatabase;
  let myDb: MysqlTestDatabase;
  let cwd: string;
  let pgUrlWithReference: string;
  const env = { PG_PASSWORD: SECRET };

  beforeAll(async () => {
    pgDb = await createScratchPostgresDatabase('cliadd');
    await pgDb.run(['CREATE TABLE loans (id int PRIMARY KEY, amount numeric)', 'INSERT INTO loans VALUES (1, 10.5), (2, 20)']);
    myDb = await createMysqlTestDatabase('cliadd', ['CREATE TABLE staff (id int PRIMARY KEY, name varchar(40))']);
    cwd = mkdtempSync(path.join(tmpdir(), 'insightx-cli-ds-'));
    const url = new URL(pgDb.url);
    url.password = 'PLACEHOLDER';
    pgUrlWithReference = url.toString().replace('PLACEHOLDER', '${PG_PASSWORD}');
  });
  afterAll(async () => {
    await pgDb?.drop();
    await myDb?.drop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('adds a PostgreSQL database by URL with a password reference, tests it, warns that the account can write, and never prints the password', async () => {
    const added = await cli(cwd, env, 'datasource', 'add', 'loans_db', pgUrlWithReference);
    expect(added.out).toContain('Connection to "loans_db" works: 1 table.');
    expect(added.out).toMatch(/Warning: .*writ/i);
    expect(added.code).toBe(0);
    expect(added.out).not.toContain(SECRET);
    const file = readFileSync(path.join(cwd, 'insightx.config.json'), 'utf8');
    expect(file).toContain('${PG_PASSWORD}');
    expect(file).not.toContain(SECRET);
  });

  it('adds a MariaDB database whose password is written out, and list masks it', async () => {
    const url = new URL(myDb.url);
    url.password = SECRET;
    // The real account has no such password: the add fails, and the error does not show it.
    const refused = await cli(cwd, env, 'datasource', 'add', 'staff_db', url.toString());
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('"staff_db" was not added');
    expect(refused.out).not.toContain(SECRET);
    const untested = await cli(cwd, env, 'datasource', 'add', 'staff_db', url.toString(), '--no-test');
    expect(untested.code).toBe(0);
    expect(untested.out).not.toContain(SECRET);
    const listed = await cli(cwd, env, 'datasource', 'list');
    expect(listed.out).toMatch(/staff_db\s+mysql\s+mysql:\/\/insightx:\*\*\*@127\.0\.0\.1:3306\//);
    expect(listed.out).toMatch(/loans_db\s+postgres\s+postgres:\/\/postgres:\*\*\*@/);
    expect(listed.out).toMatch(/\* sample/);
    expect(listed.out).not.toContain(SECRET);
    const tested = await cli(cwd, env, 'datasource', 'test', 'staff_db');
    expect(tested.code).toBe(1);
    expect(tested.out).toContain('cannot connect to "staff_db"');
    expect(tested.out).not.toContain(SECRET);
  });

  it('tests and removes a datasource; a second add of one name is refused', async () => {
    expect((await cli(cwd, env, 'datasource', 'test', 'loans_db')).code).toBe(0);
    const twice = await cli(cwd, env, 'datasource', 'add', 'loans_db', pgUrlWithReference);
    expect(twice.code).toBe(2);
    expect(twice.out).toContain('already in');
    const removed = await cli(cwd, env, 'datasource', 'remove', 'staff_db');
    expect(removed.code).toBe(0);
    const listed = await cli(cwd, env, 'datasource', 'list', '--json');
    expect(JSON.parse(listed.out).datasources.map((d: { name: string }) => d.name)).toEqual(['sample', 'loans_db']);
    expect((await cli(cwd, env, 'datasource', 'remove', 'staff_db')).code).toBe(2);
  });
});
