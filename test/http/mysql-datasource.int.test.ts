import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/core/load-config.js';
import { createDatasourceRegistry } from '../../src/data/datasource-registry.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../support/services.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL datasource registration tests');

describe.skipIf(!available)('registering a MySQL/MariaDB datasource', () => {
  let database: MysqlTestDatabase;
  let test: TestApp;
  let urlWithReference: string;
  const account = `ix_reg_${randomBytes(3).toString('hex')}`;
  const password = `Pw-${randomBytes(8).toString('hex')}`;
  const registry = createDatasourceRegistry({ dataDir: '/nonexistent', datasources: [], env: {} });

  beforeAll(async () => {
    database = await createMysqlTestDatabase('register', ["CREATE TABLE loans (id INT PRIMARY KEY, amount DECIMAL(10,2) COMMENT 'Principal')", 'INSERT INTO loans VALUES (1, 100.50), (2, 200.25)']);
    // An account of its own, with a password that can be looked for in every response.
    await database.run([`CREATE USER '${account}'@'%' IDENTIFIED BY '${password}'`, `GRANT SELECT, INSERT ON \`${database.name}\`.* TO '${account}'@'%'`]);
    const url = new URL(database.url);
    url.username = account;
    url.password = 'PLACEHOLDER';
    urlWithReference = url.toString().replace('PLACEHOLDER', '${INSIGHTX_TEST_MYSQL_PASSWORD}');
    const withEnv = createDatasourceRegistry({ dataDir: '/nonexistent', datasources: [], env: { INSIGHTX_TEST_MYSQL_PASSWORD: password } });
    test = await buildTestApp({
      datasources: {
        configured: [{ kind: 'sample', name: 'sample' }],
        defaultName: 'sample',
        open(config, key) {
          withEnv.register({ ...config, name: key });
          return withEnv.get(key);
        },
        forget: (key) => withEnv.remove(key),
      },
    });
  });
  afterAll(async () => {
    await test?.close();
    await registry.closeAll();
    await database?.run([`DROP USER IF EXISTS '${account}'@'%'`]);
    await database?.drop();
  });

  it('opens {"kind":"mysql"} with the password from an environment reference, and warns that the account can write', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'mysql', name: 'loans', url: urlWithReference } });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { name: string; kind: string; warnings?: string[] };
    expect(body).toMatchObject({ name: 'loans', kind: 'mysql' });
    expect(body.warnings?.join(' ')).toMatch(/can change data .*\(INSERT on "insightx_register_/);
    expect(response.body).not.toContain(password);
  });

  it('names the accepted kinds when the kind is unknown', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'oracle', name: 'x', url: 'oracle://x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/kind: must be one of sample, duckdb, sqlite, file, postgres, mysql \(clickhouse is not supported yet\)/);
    const fromConfig = (() => {
      try {
        return loadConfig({ cwd: tmpdir(), env: {}, overrides: { datasources: [{ kind: 'mssql', name: 'x', url: 'x' }] } });
      } catch (error) {
        return error;
      }
    })();
    expect(fromConfig).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/datasources\.0\.kind: must be one of .*mysql/) });
  });

  it('keeps the password out of the error when the login fails or the variable is missing', async () => {
    const wrong = new URL(database.url);
    wrong.username = account;
    wrong.password = 'Wr0ng-Secret-Value';
    const response = await test.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'mysql', name: 'wrong', url: wrong.toString() } });
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('CONNECTOR_CONNECTION_FAILED');
    expect(response.body).not.toContain('Wr0ng-Secret-Value');

    registry.register({ kind: 'mysql', name: 'unset', url: urlWithReference });
    const error = await registry.get('unset').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/INSIGHTX_TEST_MYSQL_PASSWORD is not set/);
  });
});
