import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('datasource routes', () => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await buildTestApp();
    otherToken = (await t.store.apiTokens.create((await t.store.workspaces.ensure('other')).id)).token;
  });
  afterAll(() => t.close());

  it('lists the configured datasources and the default', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/datasources' });
    expect(response.json()).toEqual({ default: 'sample', datasources: [{ name: 'sample', kind: 'sample', origin: 'config', createdAt: null }] });
  });

  it('registers a file in the workspace only, and shows its DNA', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'sales', path: '/data/sales.csv' } });
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
    await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'twice', path: '/data/a.csv' } });
    const twice = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'twice', path: '/data/b.csv' } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain('already exists');
    const outside = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'etc', path: '/etc/passwd' } });
    expect(outside.json().code).toBe('DATASOURCE_UNSUPPORTED');
    const unreadable = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'gone', path: '/data/missing.csv' } });
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
