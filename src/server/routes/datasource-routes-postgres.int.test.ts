import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../../test/support/services.js';
import { createDatasourceRegistry, type DatasourceRegistry } from '../../data/datasource-registry.js';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

const available = requireService('postgres', await postgresProblem(), 'Registering PostgreSQL datasources');
const PASSWORD = 'Pg-Reg1stry-Secret';

describe.runIf(available)('registering a PostgreSQL datasource', () => {
  let database: ScratchPostgresDatabase;
  let registry: DatasourceRegistry;
  let t: TestApp;
  let role: string;
  let templateUrl: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'insightx-pg-registry-'));

  beforeAll(async () => {
    database = await createScratchPostgresDatabase('registry');
    role = `insightx_writer_${database.name.slice(-10)}`;
    await database.run([
      'CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric(12,2))',
      'INSERT INTO accounts VALUES (1, 10.50), (2, 20.25)',
      `CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`,
      `GRANT SELECT, UPDATE ON accounts TO ${role}`,
    ]);
    const url = new URL(database.url);
    url.username = role;
    templateUrl = `${url.toString().replace(`${role}@`, `${role}:\${PG_TEST_PASSWORD}@`)}`;
    registry = createDatasourceRegistry({ dataDir, datasources: [], env: { PG_TEST_PASSWORD: PASSWORD } });
    t = await buildTestApp({ datasources: { configured: [], defaultName: 'sample', open: (config, key) => (registry.register({ ...config, name: key }), registry.get(key)), forget: (key) => registry.remove(key) } });
  });
  afterAll(async () => {
    await t?.close();
    await registry?.closeAll();
    await database?.run([`REVOKE ALL ON accounts FROM ${role}`, `DROP ROLE IF EXISTS ${role}`]).catch(() => undefined);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens {"kind":"postgres"} with the password taken from ${VAR} in the environment', async () => {
    expect(templateUrl).toContain('${PG_TEST_PASSWORD}');
    registry.register({ kind: 'postgres', name: 'bank', url: templateUrl });
    const connector = await registry.get('bank');
    expect(connector.dialect).toBe('postgres');
    expect((await connector.query('SELECT sum(balance) FROM accounts')).rows).toEqual([[30.75]]);
  });

  it('names a missing environment variable, and never shows a wrong password', async () => {
    const missing = createDatasourceRegistry({ dataDir, datasources: [{ kind: 'postgres', name: 'bank', url: templateUrl }], env: {} });
    await expect(missing.get('bank')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('PG_TEST_PASSWORD') });
    const wrong = createDatasourceRegistry({ dataDir, datasources: [{ kind: 'postgres', name: 'bank', url: templateUrl }], env: { PG_TEST_PASSWORD: 'Wrong-Secret-9' } });
    const error = (await wrong.get('bank').then(() => undefined, (caught: unknown) => caught)) as Error & { code: string; details: unknown };
    expect(error.code).toBe('CONNECTOR_CONNECTION_FAILED');
    expect(error.message).toMatch(/password authentication failed/);
    expect(JSON.stringify({ message: error.message, details: error.details, stack: error.stack })).not.toMatch(/Wrong-Secret-9|Pg-Reg1stry-Secret/);
  });

  it('answers the API with a warning when the account can write, and errors without the password or the internal key', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'postgres', name: 'bank', url: templateUrl } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'bank', kind: 'postgres', origin: 'workspace' });
    expect(created.json().warnings.join(' ')).toMatch(/can change 1 table \(public\.accounts\)/);
    expect(created.body).not.toContain(PASSWORD);

    const badUrl = templateUrl.replace('${PG_TEST_PASSWORD}', 'Typed-In-Secret-7');
    const refused = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'postgres', name: 'typo', url: badUrl } });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
    expect(refused.body).toContain('"typo"');
    expect(refused.body).not.toContain('Typed-In-Secret-7');
    expect(refused.body).not.toMatch(/typo@/);
  });

  it('tests the connection of a registered datasource with POST /api/datasources/:name/test', async () => {
    const tested = await t.app.inject({ method: 'POST', url: '/api/datasources/bank/test' });
    expect(tested.statusCode).toBe(200);
    expect(tested.json()).toMatchObject({ name: 'bank', ok: true, tables: 1 });
    expect(tested.json().warnings.join(' ')).toMatch(/can change 1 table/);
    expect(tested.body).not.toContain(PASSWORD);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/datasources/nope/test' });
    expect(unknown.statusCode).toBe(404);
  });

  it('tests a connection before registering it with POST /api/datasources/test: tables and warnings, nothing saved', async () => {
    const tested = await t.app.inject({ method: 'POST', url: '/api/datasources/test', payload: { kind: 'postgres', name: 'candidate', url: templateUrl } });
    expect(tested.statusCode).toBe(200);
    expect(tested.json()).toMatchObject({ name: 'candidate', ok: true, tables: 1 });
    expect(tested.json().warnings.join(' ')).toMatch(/can change 1 table/);
    expect(tested.body).not.toContain(PASSWORD);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources as { name: string }[];
    expect(listed.map((source) => source.name)).not.toContain('candidate');

    const badUrl = templateUrl.replace('${PG_TEST_PASSWORD}', 'Typed-In-Secret-8');
    const refused = await t.app.inject({ method: 'POST', url: '/api/datasources/test', payload: { kind: 'postgres', name: 'candidate', url: badUrl } });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
    expect(refused.body).not.toContain('Typed-In-Secret-8');
    expect(refused.body).not.toMatch(/candidate@|#test-/);
  });
});
