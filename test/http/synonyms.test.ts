import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightxConfig } from '../../src/core/config.js';
import type { RunEvent } from '../../src/core/events.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { parseSse } from '../../src/server/testing/parse-sse.js';

/** 12 subscriptions: 5 live (2 in the north), 4 cancelled, 3 paused; fees 10/25/40. */
const SUBSCRIPTIONS = [
  'subscription_id,plan,status,monthly_fee,region',
  '1,basic,live,10,north', '2,pro,live,25,north', '3,team,live,40,south', '4,basic,live,10,east', '5,pro,live,25,south',
  '6,basic,cancelled,10,north', '7,team,cancelled,40,east', '8,pro,cancelled,25,south', '9,basic,cancelled,10,east',
  '10,team,paused,40,north', '11,pro,paused,25,east', '12,basic,paused,10,south',
].join('\n');

describe('synonyms saved through the API are used by the next question', () => {
  let dataDir: string;
  let server: RunningServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read by field
  const api = async (method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${server.url}${url}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  /** Asks in a new thread (or the given one) on the subscriptions datasource; returns the run's events. */
  const ask = async (question: string, threadId?: string): Promise<RunEvent[]> => {
    const thread = threadId ?? (await api('POST', '/api/threads', { datasource: 'subs' })).body.id;
    const response = await fetch(`${server.url}/api/threads/${thread}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: question }) });
    return parseSse(await response.text()).map((message) => message.data);
  };
  const textOf = (events: RunEvent[]) => events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
  const route = (events: RunEvent[]) => events.find((event): event is Extract<RunEvent, { type: 'run-end' }> => event.type === 'run-end')?.route;
  const rowsOf = async (events: RunEvent[]) => {
    const ready = events.find((event): event is Extract<RunEvent, { type: 'data-ready' }> => event.type === 'data-ready');
    expect(ready, `no data-ready in ${events.map((event) => event.type).join(', ')}`).toBeDefined();
    return ((await api('GET', `/api/data/${ready!.resultId}`)).body as { rows: unknown[][] }).rows;
  };

  beforeAll(async () => {
    dataDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'insightx-synonyms-')));
    mkdirSync(path.join(dataDir, 'files'));
    writeFileSync(path.join(dataDir, 'files', 'subscriptions.csv'), `${SUBSCRIPTIONS}\n`);
    const config = InsightxConfig.parse({ dataDir, datasources: [], defaultDatasource: 'none' });
    server = await startServer({ config, print: () => undefined, logRequests: false, port: 0 });
    const registered = await api('POST', '/api/datasources', { kind: 'file', name: 'subs', path: path.join(dataDir, 'files', 'subscriptions.csv') });
    expect(registered.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks about an unknown word, then answers it once the word is saved as a value of a column', async () => {
    const before = await ask('How many active subscriptions?');
    expect(route(before)).toBe('CLARIFY');

    const saved = await api('POST', '/api/datasources/subs/synonyms', { word: 'active', table: 'subscriptions', column: 'status', value: 'live' });
    expect(saved.status).toBe(201);
    expect(saved.body.meaning).toBe(`"active" means subscriptions.status = 'live'`);

    const after = await ask('How many active subscriptions?');
    expect(route(after)).not.toBe('CLARIFY');
    expect(await rowsOf(after)).toEqual([[5]]);
  });

  it('reads a word saved for a column as that column', async () => {
    expect(route(await ask('Total monthly fee by territory'))).toBe('CLARIFY');
    expect((await api('POST', '/api/datasources/subs/synonyms', { word: 'territory', table: 'subscriptions', column: 'region' })).status).toBe(201);
    const after = await ask('Total monthly fee by territory');
    expect(route(after)).not.toBe('CLARIFY');
    const rows = (await rowsOf(after)).map((row) => [row[0], Number(row[1])]).sort();
    expect(rows).toEqual([['east', 85], ['north', 85], ['south', 100]]);
  });

  it('lists the synonyms, shows them in the Data DNA, and removes one', async () => {
    const listed = await api('GET', '/api/datasources/subs/synonyms');
    expect(listed.body.synonyms.map((synonym: { word: string }) => synonym.word)).toEqual(['active', 'territory']);
    const dna = (await api('GET', '/api/datasources/subs/dna')).body;
    expect(dna.savedSynonyms).toHaveLength(2);
    expect(dna.staleSynonyms).toEqual([]);
    const columns = dna.tables[0].columns as { name: string; synonyms: string[]; valueSynonyms?: unknown[] }[];
    expect(columns.find((column) => column.name === 'region')?.synonyms).toContain('territory');
    expect(columns.find((column) => column.name === 'status')?.valueSynonyms).toEqual([{ word: 'active', value: 'live' }]);

    const territory = listed.body.synonyms.find((synonym: { word: string }) => synonym.word === 'territory');
    expect((await api('DELETE', `/api/datasources/subs/synonyms/${territory.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/datasources/subs/synonyms/${territory.id}`)).body.code).toBe('NOT_FOUND');
    expect(route(await ask('Total monthly fee by territory'))).toBe('CLARIFY');
  });

  it('takes a correction typed in the thread: saves it, says so, and answers the previous question with it', async () => {
    const thread = (await api('POST', '/api/threads', { datasource: 'subs' })).body.id as string;
    expect(route(await ask('Number of subscriptions per tier', thread))).toBe('CLARIFY');
    const corrected = await ask('by tier I mean plan', thread);
    expect(textOf(corrected)).toContain('Saved: "tier" means subscriptions.plan. Asking again: "Number of subscriptions per tier"');
    expect(route(corrected)).not.toBe('CLARIFY');
    const rows = (await rowsOf(corrected)).map((row) => [row[0], Number(row[1])]).sort();
    expect(rows).toEqual([['basic', 5], ['pro', 4], ['team', 3]]);
    const { messages } = (await api('GET', `/api/threads/${thread}/messages`)).body;
    expect(messages.at(-1).content).toContain('Saved: "tier" means subscriptions.plan');
    // Next time, in a new thread, the word reads with no question.
    expect(route(await ask('Number of subscriptions per tier'))).not.toBe('CLARIFY');
    expect((await api('GET', '/api/datasources/subs/synonyms')).body.synonyms.map((synonym: { word: string }) => synonym.word)).toContain('tier');
  });

  it('refuses a synonym for a column the datasource does not have, naming its columns', async () => {
    const response = await api('POST', '/api/datasources/subs/synonyms', { word: 'tier', table: 'subscriptions', column: 'tier_level' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('plan') });
    expect((await api('POST', '/api/datasources/subs/synonyms', { word: 'x', table: 'subscriptions', value: 'live' })).body.code).toBe('INPUT_INVALID');
  });
});
