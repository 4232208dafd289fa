import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';
import { parseSse } from '../testing/parse-sse.js';

describe('run routes', () => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await buildTestApp({ stepMs: 1 });
    otherToken = (await t.store.apiTokens.create((await t.store.workspaces.ensure('other')).id)).token;
  });
  afterAll(() => t.close());

  const askInBackground = async (content: string) => {
    const threadId = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id;
    const response = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, headers: { accept: 'application/json' }, payload: { content } });
    return response.json().runId as string;
  };

  it('replays all events of a finished run, then only those after Last-Event-ID', async () => {
    const runId = await askInBackground('How many payments failed?');
    await t.runs.settled(runId);
    const all = parseSse((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events` })).body);
    expect(all[0].event).toBe('run-start');
    expect(all.at(-1)?.event).toBe('run-end');
    const resumed = parseSse((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events`, headers: { 'last-event-id': '5' } })).body);
    expect(resumed.map((event) => event.id)).toEqual(all.slice(6).map((event) => event.id));
    const byQuery = parseSse((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events?lastEventId=${all.length - 2}` })).body);
    expect(byQuery.map((event) => event.event)).toEqual(['run-end']);
  });

  it('tails a live run from its start', async () => {
    const runId = await askInBackground('How many payments failed?');
    const events = parseSse((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events` })).body);
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index));
    expect(events.at(-1)?.data).toMatchObject({ type: 'run-end', status: 'completed' });
  });

  it('cancels a running run: run-end cancelled, status cancelled', async () => {
    const slow = await buildTestApp({ stepMs: 200, store: t.store });
    try {
      const threadId = (await slow.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id;
      const runId = (await slow.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, headers: { accept: 'application/json' }, payload: { content: 'q' } })).json().runId;
      const cancel = await slow.app.inject({ method: 'POST', url: `/api/runs/${runId}/cancel` });
      expect(cancel.statusCode).toBe(202);
      expect(cancel.json()).toEqual({ runId, status: 'cancelling' });
      const events = parseSse((await slow.app.inject({ method: 'GET', url: `/api/runs/${runId}/events` })).body);
      expect(events.at(-1)?.data).toMatchObject({ type: 'run-end', status: 'cancelled' });
      expect((await slow.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json().status).toBe('cancelled');
      const again = await slow.app.inject({ method: 'POST', url: `/api/runs/${runId}/cancel` });
      expect(again.json()).toEqual({ runId, status: 'cancelled' });
    } finally {
      await slow.close();
    }
  });

  it("answers 404 for an unknown run and for another workspace's run", async () => {
    const runId = await askInBackground('How many payments failed?');
    await t.runs.settled(runId);
    const headers = { authorization: `Bearer ${otherToken}` };
    for (const [method, url] of [
      ['GET', `/api/runs/${runId}`],
      ['GET', `/api/runs/${runId}/events`],
      ['POST', `/api/runs/${runId}/cancel`],
    ] as const) {
      expect((await t.app.inject({ method, url, headers })).statusCode, url).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/runs/run_nope/events' })).json().code).toBe('NOT_FOUND');
  });

  it('refuses a Last-Event-ID that is not a number', async () => {
    const runId = await askInBackground('How many payments failed?');
    const response = await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events`, headers: { 'last-event-id': 'abc' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INPUT_INVALID');
  });
});
