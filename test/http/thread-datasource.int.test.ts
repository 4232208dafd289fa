import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightxConfig } from '../../src/core/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { requestSse } from '../../src/server/testing/sse-client.js';

const quiet = { print: () => undefined, logRequests: false, port: 0 } as const;

/** 40 tickets, 13 of them urgent: a table the default datasource does not have. */
function ticketsCsv(): string {
  const lines = ['ticket_id,priority,team'];
  for (let id = 1; id <= 40; id++) lines.push(`${id},${id % 3 === 0 ? 'urgent' : 'normal'},${id % 2 === 0 ? 'billing' : 'support'}`);
  return lines.join('\n');
}

/**
 * Issue 10, "a thread keeps its datasource": a thread asked about an uploaded file keeps
 * answering from it after the server restarts, even when the client (a reloaded page) no
 * longer sends the datasource; every answer says which datasource it used.
 */
describe('a thread on an uploaded file, across a server restart', () => {
  let dataDir: string;
  let config: InsightxConfig;
  let server: RunningServer | undefined;

  beforeAll(() => {
    dataDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'insightx-thread-ds-')));
    mkdirSync(path.join(dataDir, 'files'));
    // The default datasource: a small payments file, so a silent fallback to it would answer 3.
    writeFileSync(path.join(dataDir, 'files', 'payments.csv'), 'payment_id,status\n1,ok\n2,failed\n3,ok\n');
    config = InsightxConfig.parse({ dataDir, datasources: [{ kind: 'file', name: 'shop', path: path.join(dataDir, 'files', 'payments.csv') }], defaultDatasource: 'shop' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  async function ask(threadId: string, body: Record<string, unknown>) {
    const stream = await requestSse({ url: `${server!.url}/api/threads/${threadId}/messages`, method: 'POST', body });
    const start = stream.events.find((event) => event.type === 'run-start') as { datasource: string } | undefined;
    const route = stream.events.find((event) => event.type === 'route-decided') as { datasource: string } | undefined;
    const end = stream.events.at(-1) as { type: string; status?: string };
    return { start, route, end, events: stream.events };
  }

  async function lastAnswer(threadId: string) {
    const { messages } = await json<{ messages: { role: string; content: string; details: { datasource?: string; sql?: string } }[] }>(
      await fetch(`${server!.url}/api/threads/${threadId}/messages`),
    );
    return messages.filter((message) => message.role === 'assistant').at(-1)!;
  }

  it('answers from the file before and after the restart, and says so on every answer', async () => {
    server = await startServer({ config, ...quiet });
    const upload = await fetch(`${server.url}/api/datasources/upload?name=tickets&filename=tickets.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: ticketsCsv(),
    });
    expect(upload.status).toBe(201);
    // The web creates a thread without a datasource and names it with the first question.
    const thread = await json<{ id: string; datasource: string | null }>(
      await fetch(`${server.url}/api/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    );
    expect(thread.datasource).toBeNull();

    const first = await ask(thread.id, { content: 'How many tickets are there?', datasource: 'tickets' });
    expect(first.end).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(first.start!.datasource.split('@')[0]).toBe('tickets');
    const firstAnswer = await lastAnswer(thread.id);
    expect(firstAnswer.content).toContain('40');
    expect(firstAnswer.details.datasource!.split('@')[0]).toBe('tickets');
    // The choice is the thread's now.
    expect((await json<{ datasource: string }>(await fetch(`${server.url}/api/threads/${thread.id}`))).datasource).toBe('tickets');

    await server.close();
    server = await startServer({ config, ...quiet });

    // A reloaded page sends the question alone.
    const second = await ask(thread.id, { content: 'How many urgent tickets are there?' });
    expect(second.end).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(second.start!.datasource.split('@')[0]).toBe('tickets');
    expect(second.route!.datasource.split('@')[0]).toBe('tickets');
    const secondAnswer = await lastAnswer(thread.id);
    expect(secondAnswer.details.sql).toContain('tickets');
    expect(secondAnswer.content).toContain('13');
    expect(secondAnswer.details.datasource!.split('@')[0]).toBe('tickets');

    // Switching is explicit: naming another datasource moves the thread to it.
    const third = await ask(thread.id, { content: 'How many payments failed?', datasource: 'shop' });
    expect(third.start!.datasource.split('@')[0]).toBe('shop');
    expect((await lastAnswer(thread.id)).content).toContain('1');
    expect((await json<{ datasource: string }>(await fetch(`${server.url}/api/threads/${thread.id}`))).datasource).toBe('shop');
  });
});
