import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasourceRegistry } from '../../data/datasource-registry.js';
import { profileDatasource } from '../../data/dna/profile-datasource.js';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';
import { parseSse } from '../testing/parse-sse.js';

describe('a thread question that needs two datasources', () => {
  let t: TestApp;
  let dir: string;
  let registry: ReturnType<typeof createDatasourceRegistry>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'insightx-split-'));
    const employees = path.join(dir, 'employees.csv');
    writeFileSync(employees, 'employee_id,full_name,department,salary\n1,Ana,Risk,5200\n2,Rui,Risk,4800\n3,Eva,Sales,3900\n4,Leo,IT,6100\n');
    const customers = path.join(dir, 'customers.csv');
    writeFileSync(customers, 'customer_id,city,segment\n1,Porto,retail\n2,Lisbon,business\n3,Porto,retail\n4,Braga,business\n');
    const configured = [
      { kind: 'file' as const, name: 'hr', path: employees },
      { kind: 'file' as const, name: 'crm', path: customers },
    ];
    registry = createDatasourceRegistry({ dataDir: dir, datasources: configured });
    t = await buildTestApp({
      stepMs: 1,
      datasources: { configured, defaultName: 'hr', open: (_config, key) => registry.get(key), profile: (connector, options) => profileDatasource(connector, options) },
    });
  });
  afterAll(async () => {
    await t.close();
    await registry.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (content: string) => {
    const threadId = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id as string;
    const response = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, headers: { accept: 'application/json' }, payload: { content } });
    const runId = response.json().runId as string;
    await t.runs.settled(runId);
    const events = parseSse((await t.app.inject({ method: 'GET', url: `/api/runs/${runId}/events` })).body).map((event) => event.data as { type: string } & Record<string, unknown>);
    return { threadId, events };
  };

  it('says which part lives where and offers each part separately, with no number and no SQL', async () => {
    const { threadId, events } = await ask('What is the average salary of employees per customer city?');
    const route = events.find((event) => event.type === 'route-decided');
    expect(route).toMatchObject({ route: 'CLARIFY' });
    expect(route?.reason).toMatch(/lives in hr/);
    expect(route?.reason).toMatch(/lives in crm/);
    const answer = events
      .filter((event) => event.type === 'text-delta')
      .map((event) => event.delta)
      .join('');
    expect(answer).toContain('needs two datasources');
    expect(answer).toContain('separately');
    expect(answer).not.toMatch(/\d/);
    expect(events.some((event) => event.type === 'sql-attempt' || event.type === 'data-ready')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', route: 'CLARIFY' });
    const { messages } = (await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}/messages` })).json();
    const reply = (messages as { role: string; content: string }[]).find((message) => message.role === 'assistant');
    expect(reply?.content).toBe(answer);
    // The thread keeps no datasource: its next question is routed afresh.
    expect((await t.app.inject({ method: 'GET', url: `/api/threads/${threadId}` })).json().datasource).toBeNull();
  });

  it('still routes a question one datasource covers to that datasource', async () => {
    const { events } = await ask('How many customers live in Porto?');
    expect(events.find((event) => event.type === 'route-decided')).toMatchObject({ datasource: expect.stringMatching(/crm/) });
    expect(events.some((event) => event.type === 'text-delta' && String(event.delta).includes('needs two datasources'))).toBe(false);
  });
});
