import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('POST /api/messages/:id/feedback', () => {
  let t: TestApp;
  let answerId: string;
  let questionId: string;
  beforeAll(async () => {
    t = await buildTestApp({ stepMs: 0 });
    const threadId = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id;
    await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'How many payments failed?' } });
    const messages = (await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/messages` })).json().messages;
    [questionId, answerId] = messages.map((message: { id: string }) => message.id);
  });
  afterAll(() => t.close());

  it('records a vote with a correction, and a second vote replaces it', async () => {
    const down = await t.app.inject({ method: 'POST', url: `/api/messages/${answerId}/feedback`, payload: { rating: 'down', correction: 'It is 41.' } });
    expect(down.statusCode).toBe(201);
    expect(down.json()).toMatchObject({ messageId: answerId, rating: 'down', correction: 'It is 41.' });
    const up = await t.app.inject({ method: 'POST', url: `/api/messages/${answerId}/feedback`, payload: { rating: 'up' } });
    expect(up.json()).toMatchObject({ rating: 'up', correction: null });
    const threadId = (await t.store.messages.get(t.workspaceId, answerId))!.threadId;
    const messages = (await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/messages` })).json().messages;
    expect(messages.map((message: { feedback: unknown }) => message.feedback)).toEqual([null, { rating: 'up', correction: null }]);
  });

  it('learns the question → SQL pair from an up vote', async () => {
    const learned = await t.store.learnedQueries.search(t.workspaceId, 'sample', 'failed payments');
    expect(learned.map((query) => query.question)).toEqual(['How many payments failed?']);
  });

  it('refuses feedback on a question, a bad rating and an unknown message', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/messages/${questionId}/feedback`, payload: { rating: 'up' } })).json().code).toBe('INPUT_INVALID');
    expect((await t.app.inject({ method: 'POST', url: `/api/messages/${answerId}/feedback`, payload: { rating: 'meh' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/messages/msg_nope/feedback', payload: { rating: 'up' } })).statusCode).toBe(404);
  });
});
