import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';
import { parseSse } from '../testing/parse-sse.js';
import type { ScriptedOrchestratorOptions } from '../testing/scripted-orchestrator.js';
import { createScriptedOrchestrator } from '../testing/scripted-orchestrator.js';
import { asResultStore } from '../../store/repositories/results-repository.js';
import type { RunRequest } from '../../agents/orchestrator.js';

describe('message routes', () => {
  let t: TestApp;
  let calls: RunRequest[];
  beforeAll(async () => {
    t = await buildTestApp({
      orchestrator: (store) => {
        const orchestrator = createScriptedOrchestrator({ resultStore: asResultStore(store.results), stepMs: 1 } satisfies ScriptedOrchestratorOptions);
        calls = orchestrator.calls;
        return orchestrator;
      },
    });
  });
  afterAll(() => t.close());

  const newThread = async () => (await t.app.inject({ method: 'POST', url: '/api/threads', payload: { title: 'Q' } })).json().id as string;

  it('streams the run as SSE in the documented order with sequential ids', async () => {
    const threadId = await newThread();
    const response = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'How many payments failed?' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(response.body);
    expect(events.map((event) => event.event)).toEqual([
      'run-start', 'agent-start', 'route-decided', 'agent-start', 'tool-call', 'sql-attempt', 'data-ready', 'tool-result',
      'agent-start', 'text-delta', 'text-delta', 'text-delta', 'usage', 'run-end',
    ]);
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index));
    const start = events[0].data;
    expect(start.type === 'run-start' && start.runId).toBe(response.headers['x-run-id']);
    const text = events.flatMap((event) => (event.data.type === 'text-delta' ? [event.data.delta] : [])).join('');
    expect(text).toBe('42 payments failed out of 1,000.');
  });

  it('stores the question before the run and the answer before run-end', async () => {
    const threadId = await newThread();
    await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'How many payments failed?' } });
    const messages = (await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/messages` })).json().messages;
    expect(messages.map((message: { role: string; content: string }) => [message.role, message.content])).toEqual([
      ['user', 'How many payments failed?'],
      ['assistant', '42 payments failed out of 1,000.'],
    ]);
    expect(messages[1].details).toMatchObject({ status: 'completed', route: 'SQL_ONLY', resultId: expect.stringMatching(/^res_/) });
  });

  it('answers 202 with the run id when the client accepts JSON, and the run completes', async () => {
    const threadId = await newThread();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/messages`,
      headers: { accept: 'application/json' },
      payload: { content: 'How many payments failed?' },
    });
    expect(response.statusCode).toBe(202);
    const { runId, eventsUrl } = response.json();
    expect(eventsUrl).toBe(`/api/runs/${runId}/events`);
    await t.runs.settled(runId);
    expect((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json().status).toBe('completed');
  });

  it('passes the earlier turns of the thread to a follow-up', async () => {
    const threadId = await newThread();
    await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'How many payments failed?' } });
    await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'and for iOS?' } });
    const followUp = calls.find((call) => call.threadId === threadId && call.question === 'and for iOS?');
    expect(followUp?.history).toEqual([
      expect.objectContaining({ question: 'How many payments failed?', answer: '42 payments failed out of 1,000.', route: 'SQL_ONLY' }),
    ]);
  });

  it('refuses an empty question and an unknown thread', async () => {
    const threadId = await newThread();
    const empty = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('INPUT_EMPTY_QUESTION');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/threads/thr_nope/messages', payload: { content: 'q' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
  });

  it('ends a failing run with an error event then run-end failed', async () => {
    const threadId = await newThread();
    const events = parseSse((await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'this will [fail]' } })).body);
    expect(events.slice(-2).map((event) => event.data)).toEqual([
      expect.objectContaining({ type: 'error', code: 'ANALYST_CANNOT_ANSWER' }),
      expect.objectContaining({ type: 'run-end', status: 'failed' }),
    ]);
  });

  it('reports an unexpected fault as INTERNAL without its detail', async () => {
    const threadId = await newThread();
    const response = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: '[crash] please' } });
    const events = parseSse(response.body);
    expect(response.body).not.toContain('secret');
    expect(events.slice(-2).map((event) => event.data)).toEqual([
      expect.objectContaining({ type: 'error', code: 'INTERNAL' }),
      expect.objectContaining({ type: 'run-end', status: 'failed' }),
    ]);
  });
});
