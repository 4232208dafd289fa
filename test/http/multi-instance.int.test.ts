import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';
import { requestSse } from '../../src/server/testing/sse-client.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { postgresProblem, requireService, TEST_DATABASE_URL } from '../support/services.js';

const url = TEST_DATABASE_URL;
const available = requireService('postgres', await postgresProblem(url), 'The two-instance test');

describe.skipIf(!available)('two server instances on one PostgreSQL store', () => {
  const schema = `insightx_test_${randomBytes(6).toString('hex')}`;
  let store: Store;
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, schema });
    a = await buildTestApp({ store, stepMs: 40, notifyBus: true });
    b = await buildTestApp({ store, stepMs: 40, notifyBus: true });
    baseA = await a.app.listen({ host: '127.0.0.1', port: 0 });
    baseB = await b.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await store?.close();
  });

  it('streams a run started on one instance live from the other (LISTEN/NOTIFY), every event once', async () => {
    const thread = await (await fetch(`${baseA}/api/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
    const started = await fetch(`${baseA}/api/threads/${(thread as { id: string }).id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ content: 'How many payments failed?' }),
    });
    const { runId } = (await started.json()) as { runId: string };
    const fromB = await requestSse({ url: `${baseB}/api/runs/${runId}/events` });
    const seqs = fromB.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    expect(fromB.events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(fromB.events).toEqual(await store.runEvents.list(runId));
  });
});
