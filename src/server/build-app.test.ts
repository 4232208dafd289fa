import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './testing/build-test-app.js';

describe('app: auth, health, openapi, web app, errors', () => {
  let local: TestApp;
  let secured: TestApp;
  let token: string;
  beforeAll(async () => {
    local = await buildTestApp();
    secured = await buildTestApp({ store: local.store, localMode: false });
    token = (await local.store.apiTokens.create(local.workspaceId, 'test')).token;
  });
  afterAll(async () => {
    await secured.close();
    await local.close();
  });

  it('answers health without a token', async () => {
    const response = await secured.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', store: { kind: 'pglite', ok: true }, localMode: false });
  });

  it('requires a bearer token outside local mode', async () => {
    const response = await secured.app.inject({ method: 'GET', url: '/api/threads' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('AUTH_REQUIRED');
    const ok = await secured.app.inject({ method: 'GET', url: '/api/threads', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a wrong or revoked token, even in local mode', async () => {
    const wrong = await local.app.inject({ method: 'GET', url: '/api/threads', headers: { authorization: 'Bearer ixk_wrong' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('AUTH_INVALID_TOKEN');
    const malformed = await local.app.inject({ method: 'GET', url: '/api/threads', headers: { authorization: 'Basic abc' } });
    expect(malformed.json().code).toBe('AUTH_INVALID_TOKEN');
    const { token: revoked, record } = await local.store.apiTokens.create(local.workspaceId);
    await local.store.apiTokens.revoke(local.workspaceId, record.id);
    expect((await local.app.inject({ method: 'GET', url: '/api/threads', headers: { authorization: `Bearer ${revoked}` } })).statusCode).toBe(401);
  });

  it('serves an OpenAPI document listing every route', async () => {
    const document = (await secured.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/threads/{id}/messages', '/api/runs/{id}/events', '/api/data/{resultId}', '/api/tools/sql', '/api/templates/{id}', '/api/messages/{id}/feedback']),
    );
  });

  it('says how to build the web app when it is not built', async () => {
    const response = await local.app.inject({ method: 'GET', url: '/' });
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('npm run build');
  });

  it('serves the built web app with a single-page fallback', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'insightx-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>InsightX app</title>');
    writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
    const web = await buildTestApp({ store: local.store, webDistDir: dist });
    try {
      expect((await web.app.inject({ method: 'GET', url: '/' })).body).toContain('InsightX app');
      expect((await web.app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
      expect((await web.app.inject({ method: 'GET', url: '/threads/thr_1' })).body).toContain('InsightX app');
      expect((await web.app.inject({ method: 'GET', url: '/api/nope' })).json().code).toBe('NOT_FOUND');
    } finally {
      await web.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('answers an unexpected error with 500 INTERNAL and a generic message', async () => {
    const broken = await buildTestApp({ store: local.store });
    try {
      broken.app.get('/api/boom', async () => {
        throw new Error('password=hunter2 leaked in a driver message');
      });
      const response = await broken.app.inject({ method: 'GET', url: '/api/boom' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ code: 'INTERNAL', message: 'An unexpected error; the details are in the server log.' });
    } finally {
      await broken.close();
    }
  });
});
