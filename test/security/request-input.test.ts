import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/server/http/json-body-parser.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

const json = { 'content-type': 'application/json' };

describe('request input: NUL bytes, deep nesting, media types and encodings', () => {
  let t: TestApp;
  let uploadDir: string;
  beforeAll(async () => {
    uploadDir = mkdtempSync(path.join(tmpdir(), 'insightx-upload-'));
    t = await buildTestApp({ uploadDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: string | Buffer, headers: Record<string, string> = json) => t.app.inject({ method: 'POST', url, headers, payload });

  describe('NUL bytes', () => {
    it('refuses a thread title with a NUL byte, naming the field, and creates nothing', async () => {
      const before = (await t.store.threads.list(t.workspaceId, { limit: 500, offset: 0 })).length;
      const response = await post('/api/threads', JSON.stringify({ title: 'Q3\u0000 revenue' }));
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('INPUT_INVALID');
      expect(response.json().message).toContain('title');
      expect(response.json().message).toContain('NUL');
      expect((await t.store.threads.list(t.workspaceId, { limit: 500, offset: 0 })).length).toBe(before);
    });

    it('refuses a question with a NUL byte', async () => {
      const thread = (await post('/api/threads', JSON.stringify({ title: 'nul question' }))).json();
      const response = await post(`/api/threads/${thread.id}/messages`, JSON.stringify({ content: 'How many\u0000 payments failed?' }));
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain('content');
      expect(await t.store.messages.list(t.workspaceId, thread.id)).toEqual([]);
    });

    it('refuses a template prompt with a NUL byte, and one hidden in a nested key', async () => {
      const prompt = await post('/api/templates', JSON.stringify({ prompt: 'Revenue\u0000 by month' }));
      expect(prompt.statusCode).toBe(400);
      expect(prompt.json().message).toContain('prompt');
      const key = await post('/api/templates', JSON.stringify({ prompt: 'Revenue', parameters: { region: { ['a\u0000b']: 1 } } }));
      expect(key.statusCode).toBe(400);
      expect(key.json().message).toContain('parameters.region');
      expect(await t.store.templates.list(t.workspaceId)).toEqual([]);
    });

    it('does not run SQL cut short at a NUL byte, and the refusal is a 400', async () => {
      const auditBefore = (await t.store.auditLog.list(t.workspaceId)).length;
      const response = await post('/api/tools/sql', JSON.stringify({ sql: 'SELECT 1\u0000; DROP TABLE payments' }));
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('INPUT_INVALID');
      expect(response.json().message).toContain('sql');
      expect(response.json()).not.toHaveProperty('resultId');
      expect((await t.store.auditLog.list(t.workspaceId)).length).toBe(auditBefore);
    });

    it('refuses a NUL byte in the query string and in a path parameter', async () => {
      const query = await t.app.inject({ method: 'GET', url: '/api/threads?limit=1%00' });
      expect(query.statusCode).toBe(400);
      expect(query.json().message).toContain('limit');
      const param = await t.app.inject({ method: 'GET', url: '/api/threads/thr%00_1' });
      expect(param.statusCode).toBe(400);
      expect(param.json().message).toContain('id');
    });

    it('keeps an escaped backslash followed by u0000 (plain text, not a NUL)', async () => {
      const response = await post('/api/threads', JSON.stringify({ title: 'C:\\u0000 folder' }));
      expect(response.statusCode).toBe(201);
      expect(response.json().title).toBe('C:\\u0000 folder');
    });
  });

  describe('deep nesting', () => {
    it('refuses JSON nested 50,000 levels deep with a 400 that says the limit', async () => {
      const deep = `{"prompt":"Revenue","parameters":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
      const response = await post('/api/templates', deep);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('HTTP_BODY_TOO_DEEP');
      expect(response.json().message).toContain(String(MAX_JSON_DEPTH));
      const objects = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      expect((await post('/api/templates', objects)).json().code).toBe('HTTP_BODY_TOO_DEEP');
    });

    it('accepts nesting at the limit, and brackets inside strings do not count', async () => {
      const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
      // The body object and the parameters object are two levels already.
      const atLimit = await post('/api/templates', `{"prompt":"at limit [[[[","parameters":{"x":${nested(MAX_JSON_DEPTH - 2)}}}`);
      expect(atLimit.statusCode).toBe(201);
      const overLimit = await post('/api/templates', `{"prompt":"over","parameters":{"x":${nested(MAX_JSON_DEPTH - 1)}}}`);
      expect(overLimit.json().code).toBe('HTTP_BODY_TOO_DEEP');
      await t.store.templates.delete(t.workspaceId, atLimit.json().id);
    });
  });

  describe('media types and encodings', () => {
    it('answers 415 to a JSON route sent application/octet-stream, and creates nothing', async () => {
      const before = (await t.store.threads.list(t.workspaceId, { limit: 500, offset: 0 })).length;
      const response = await post('/api/threads', Buffer.from('{"title":"binary"}'), { 'content-type': 'application/octet-stream' });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
      expect(response.json().message).toContain('application/json');
      expect((await t.store.threads.list(t.workspaceId, { limit: 500, offset: 0 })).length).toBe(before);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('answers 415 to %s on a JSON route', async (type) => {
      const response = await post('/api/threads', '{"title":"x"}', { 'content-type': type });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 415 to a body sent without a Content-Type', async () => {
      const response = await post('/api/threads', '{"title":"untyped"}', {});
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 415 to JSON declared in a charset other than UTF-8', async () => {
      const latin1 = Buffer.from('{"title":"Caf\u00e9"}', 'latin1');
      const response = await post('/api/threads', latin1, { 'content-type': 'application/json; charset=iso-8859-1' });
      expect(response.statusCode).toBe(415);
      expect(response.json().message).toContain('UTF-8');
    });

    it('refuses Latin-1 bytes sent as JSON instead of turning them into replacement characters', async () => {
      const latin1 = Buffer.from('{"title":"Caf\u00e9"}', 'latin1');
      const response = await post('/api/threads', latin1);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('HTTP_BODY_INVALID_JSON');
      expect(response.json().message).toContain('UTF-8');
      const titles = (await t.store.threads.list(t.workspaceId, { limit: 500, offset: 0 })).map((thread) => thread.title);
      expect(titles.some((title) => title.includes('\ufffd'))).toBe(false);
    });

    it('keeps accepting UTF-8 JSON, with or without charset=utf-8', async () => {
      for (const type of ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8']) {
        const response = await post('/api/threads', Buffer.from('{"title":"Caf\u00e9 \u2713"}', 'utf8'), { 'content-type': type });
        expect(response.statusCode).toBe(201);
        expect(response.json().title).toBe('Caf\u00e9 \u2713');
      }
    });

    it('still takes a raw file upload as application/octet-stream', async () => {
      const response = await post('/api/datasources/upload?name=sales&filename=sales.csv', Buffer.from('month,revenue\n2024-01,10\n'), {
        'content-type': 'application/octet-stream',
      });
      expect(response.statusCode).toBe(201);
      expect(readdirSync(path.join(uploadDir, t.workspaceId)).some((name) => /^sales-.*\.csv$/.test(name))).toBe(true);
    });
  });
});
