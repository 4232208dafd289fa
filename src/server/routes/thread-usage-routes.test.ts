import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';
import { tablesInSql } from './tables-in-sql.js';

describe('thread usage routes', () => {
  let t: TestApp;
  let threadId: string;
  beforeAll(async () => {
    t = await buildTestApp({ stepMs: 0 });
    threadId = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id;
    for (const content of ['How many payments failed?', 'and last month?']) {
      await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content } });
    }
  });
  afterAll(() => t.close());

  it('sums token usage by agent and model', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/tokens` });
    expect(response.json()).toEqual({
      threadId,
      total: { inputTokens: 240, outputTokens: 60, costUsd: 0, calls: 2 },
      byModel: [{ agent: 'composer', model: 'local:analyst', inputTokens: 240, outputTokens: 60, costUsd: 0, calls: 2, estimated: true }],
    });
  });

  it('lists the datasources and tables the thread read', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/databases` });
    expect(response.json()).toEqual({ threadId, datasources: [{ name: 'sample', tables: ['payments'], runs: 2 }] });
  });

  it('answers 404 for an unknown thread', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/threads/thr_nope/tokens' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/threads/thr_nope/databases' })).statusCode).toBe(404);
  });

  it('reads table names with a parser, leaving CTEs out', () => {
    expect(tablesInSql('WITH f AS (SELECT * FROM payments) SELECT * FROM f JOIN users u ON u.id = f.user_id')).toEqual(['payments', 'users']);
  });
});
