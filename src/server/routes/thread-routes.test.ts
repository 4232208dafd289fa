import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('thread routes', () => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await buildTestApp({ bodyLimitBytes: 4096 });
    const other = await t.store.workspaces.ensure('other');
    otherToken = (await t.store.apiTokens.create(other.id)).token;
  });
  afterAll(() => t.close());

  it('creates, lists, gets, renames and deletes a thread', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/threads', payload: { title: 'Payments' } });
    expect(created.statusCode).toBe(201);
    const thread = created.json();
    expect(thread).toMatchObject({ title: 'Payments', datasource: null });

    const list = await t.app.inject({ method: 'GET', url: '/api/threads' });
    expect(list.json().threads.map((item: { id: string }) => item.id)).toContain(thread.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` })).json().title).toBe('Payments');

    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/threads/${thread.id}`, payload: { title: 'Failed payments' } });
    expect(renamed.json().title).toBe('Failed payments');

    expect((await t.app.inject({ method: 'DELETE', url: `/api/threads/${thread.id}` })).statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('NOT_FOUND');
  });

  it('creates a thread on a datasource and refuses an unknown one', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/threads', payload: { datasource: 'sample' } });
    expect(created.json()).toMatchObject({ title: 'New thread', datasource: 'sample' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/threads', payload: { datasource: 'nope' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DATASOURCE_NOT_FOUND');
  });

  it("answers 404 for another workspace's thread", async () => {
    const thread = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: { title: 'Mine' } })).json();
    const headers = { authorization: `Bearer ${otherToken}` };
    for (const [method, url] of [
      ['GET', `/api/threads/${thread.id}`],
      ['PATCH', `/api/threads/${thread.id}`],
      ['DELETE', `/api/threads/${thread.id}`],
      ['GET', `/api/threads/${thread.id}/messages`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers, payload: method === 'PATCH' ? { title: 'x' } : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const theirs = await t.app.inject({ method: 'GET', url: '/api/threads', headers });
    expect(theirs.json().threads).toEqual([]);
  });

  it('answers bad JSON with HTTP_BODY_INVALID_JSON', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/threads', headers: { 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('HTTP_BODY_INVALID_JSON');
  });

  it('answers an oversized body with HTTP_BODY_TOO_LARGE', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/threads', payload: { title: 'x'.repeat(10_000) } });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('HTTP_BODY_TOO_LARGE');
  });

  it('answers an invalid field with INPUT_INVALID naming it', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: '/api/threads/thr_x', payload: { title: 42 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INPUT_INVALID' });
    expect(response.json().message).toContain('title');
  });

  it('answers an unknown route with NOT_FOUND', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});
