import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/core/events.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';
import { requestSse } from '../../src/server/testing/sse-client.js';

describe('SSE over real HTTP: drop the connection mid-run, resume with Last-Event-ID', () => {
  let t: TestApp;
  let base: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read by field
  const getJson = async (url: string, init?: RequestInit): Promise<any> => (await fetch(url, init)).json();
  const newThread = async (): Promise<string> =>
    (await getJson(`${base}/api/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).id;
  beforeAll(async () => {
    // Pauses between events make "mid-run" real: the run is still going when the client drops.
    t = await buildTestApp({ stepMs: 40 });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t.close());

  it('gets every event exactly once across the drop, and the run is not cancelled', async () => {
    const threadId = await newThread();

    const first = await requestSse({
      url: `${base}/api/threads/${threadId}/messages`,
      method: 'POST',
      body: { content: 'How many payments failed?' },
      onEvent: (event) => (event.type === 'tool-call' ? 'drop' : undefined),
    });
    expect(first.status).toBe(200);
    expect(first.dropped).toBe(true);
    const runId = first.headers['x-run-id'] as string;
    const lastId = first.events.at(-1)!.seq;
    expect(first.events.some((event) => event.type === 'run-end')).toBe(false);

    const resumed = await requestSse({ url: `${base}/api/runs/${runId}/events`, headers: { 'last-event-id': String(lastId) } });
    expect(resumed.dropped).toBe(false);
    const received: RunEvent[] = [...first.events, ...resumed.events];
    const seqs = received.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    expect(received.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });

    // What the client assembled is exactly what the store holds.
    const stored = await t.store.runEvents.list(runId);
    expect(received).toEqual(stored);
    const run = await getJson(`${base}/api/runs/${runId}`);
    expect(run.status).toBe('completed');
  });

  it('a client that drops and never comes back does not stop the run', async () => {
    const threadId = await newThread();
    const first = await requestSse({
      url: `${base}/api/threads/${threadId}/messages`,
      method: 'POST',
      body: { content: 'How many payments failed?' },
      onEvent: (event) => (event.type === 'run-start' ? 'drop' : undefined),
    });
    const runId = first.headers['x-run-id'] as string;
    await t.runs.settled(runId);
    const { messages } = await getJson(`${base}/api/threads/${threadId}/messages`);
    expect(messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
    expect(messages[1].content).toBe('42 payments failed out of 1,000.');
  });
});
