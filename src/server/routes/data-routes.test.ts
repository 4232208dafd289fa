import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';
import { parseSse } from '../testing/parse-sse.js';

describe('data routes', () => {
  let t: TestApp;
  let resultId: string;
  let otherToken: string;
  beforeAll(async () => {
    t = await buildTestApp({ stepMs: 0 });
    otherToken = (await t.store.apiTokens.create((await t.store.workspaces.ensure('other')).id)).token;
    const threadId = (await t.app.inject({ method: 'POST', url: '/api/threads', payload: {} })).json().id;
    const events = parseSse((await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/messages`, payload: { content: 'How many payments failed?' } })).body);
    const ready = events.find((event) => event.data.type === 'data-ready')!.data;
    if (ready.type !== 'data-ready') throw new Error('no data-ready');
    resultId = ready.resultId;
    expect(ready.url).toBe(`/api/data/${resultId}`);
  });
  afterAll(() => t.close());

  it('gives the full result as JSON by default', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/data/${resultId}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toMatchObject({
      id: resultId,
      columns: [{ name: 'status', type: 'VARCHAR' }, { name: 'payments', type: 'BIGINT' }],
      rows: [['failed', 42], ['succeeded', 958]],
      rowCount: 2,
      truncated: false,
    });
  });

  it('gives it as CSV with a header row', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/data/${resultId}?format=csv` });
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body).toBe('status,payments\r\nfailed,42\r\nsucceeded,958\r\n');
  });

  it('gives it as Parquet that a reader reads back', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/data/${resultId}?format=parquet` });
    expect(response.headers['content-type']).toBe('application/vnd.apache.parquet');
    const bytes = response.rawPayload;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(await parquetReadObjects({ file })).toEqual([
      { status: 'failed', payments: 42 },
      { status: 'succeeded', payments: 958 },
    ]);
  });

  it('refuses an unsupported format with HTTP_UNSUPPORTED_FORMAT', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/data/${resultId}?format=xlsx` });
    expect(response.statusCode).toBe(406);
    expect(response.json().code).toBe('HTTP_UNSUPPORTED_FORMAT');
  });

  it("answers 404 for an unknown result and for another workspace's", async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/data/res_nope' })).json().code).toBe('NOT_FOUND');
    const theirs = await t.app.inject({ method: 'GET', url: `/api/data/${resultId}`, headers: { authorization: `Bearer ${otherToken}` } });
    expect(theirs.statusCode).toBe(404);
  });
});
