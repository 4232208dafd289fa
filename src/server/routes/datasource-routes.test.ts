import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('datasource routes', () => {
  let t: TestApp;
  let otherToken: string;
  let data: string;
  beforeAll(async () => {
    data = realpathSync(mkdtempSync(path.join(tmpdir(), 'insightx-routes-data-')));
    for (const name of ['sales.csv', 'a.csv', 'b.csv']) writeFileSync(path.join(data, name), 'x\n1\n');
    t = await buildTestApp({ dataFolders: [data] });
    otherToken = (await t.store.apiTokens.create((await t.store.workspaces.ensure('other')).id)).token;
  });
  afterAll(async () => {
    await t.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('lists the configured datasources and the default', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/datasources' });
    expect(response.json()).toEqual({ default: 'sample', datasources: [{ name: 'sample', kind: 'sample', origin: 'config', createdAt: null }] });
  });

  it('registers a file in the workspace only, and shows its DNA', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'sales', path: path.join(data, 'sales.csv') } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'sales', kind: 'file', origin: 'workspace' });
    const names = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);
    expect(names).toEqual(['sample', 'sales']);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/datasources', headers: { authorization: `Bearer ${otherToken}` } });
    expect(theirs.json().datasources.map((source: { name: string }) => source.name)).toEqual(['sample']);

    const dna = await t.app.inject({ method: 'GET', url: '/api/datasources/sales/dna' });
    expect(dna.json()).toMatchObject({ datasource: 'sales', dialect: 'duckdb' });
    const theirDna = await t.app.inject({ method: 'GET', url: '/api/datasources/sales/dna', headers: { authorization: `Bearer ${otherToken}` } });
    expect(theirDna.statusCode).toBe(404);
  });

  it('refuses a duplicate name, a file outside the allowed folders and an unreadable file', async () => {
    await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'twice', path: path.join(data, 'a.csv') } });
    const twice = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'twice', path: path.join(data, 'b.csv') } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'DATASOURCE_NAME_TAKEN' });
    expect(twice.json().message).toContain('already exists');
    const outside = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'etc', path: '/etc/passwd' } });
    expect(outside.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    const unreadable = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'gone', path: path.join(data, 'missing.csv') } });
    expect(unreadable.json().code).toBe('DATASOURCE_UNREADABLE');
  });

  it('refuses an unknown kind with INPUT_INVALID', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'oracle', name: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INPUT_INVALID');
  });

  it('answers 404 for the DNA of an unknown datasource', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/datasources/nope/dna' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('DATASOURCE_NOT_FOUND');
  });
});
