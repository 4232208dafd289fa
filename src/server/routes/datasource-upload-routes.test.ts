import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('POST /api/datasources/upload', () => {
  let t: TestApp;
  let uploadDir: string;
  beforeAll(async () => {
    uploadDir = mkdtempSync(path.join(tmpdir(), 'insightx-upload-'));
    t = await buildTestApp({ uploadDir, uploadLimitBytes: 1024 });
  });
  afterAll(async () => {
    await t.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const upload = (query: string, body: string | Buffer) =>
    t.app.inject({ method: 'POST', url: `/api/datasources/upload?${query}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });

  it('stores the file in the workspace folder and registers it', async () => {
    const response = await upload('name=sales&filename=Sales%202024.csv', 'month,revenue\n2024-01,10\n');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ name: 'sales', kind: 'file', origin: 'workspace' });
    const [file, ...others] = readdirSync(path.join(uploadDir, t.workspaceId));
    expect(others).toEqual([]);
    expect(file).toMatch(/^sales-[0-9a-f]+\.csv$/);
    expect(readFileSync(path.join(uploadDir, t.workspaceId, file), 'utf8')).toBe('month,revenue\n2024-01,10\n');
    const names = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);
    expect(names).toContain('sales');
  });

  it('refuses a file it cannot read as a table, a bad name and a taken name', async () => {
    expect((await upload('name=report&filename=report.xlsx', 'x')).json().code).toBe('DATASOURCE_UNSUPPORTED');
    expect((await upload('name=../etc&filename=a.csv', 'x')).json().code).toBe('INPUT_INVALID');
    expect((await upload('name=sales&filename=again.csv', 'a\n1\n')).json().message).toContain('already exists');
  });

  it('refuses a file over the limit and keeps nothing of it', async () => {
    const response = await upload('name=big&filename=big.csv', Buffer.alloc(4096, 'a'));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('HTTP_BODY_TOO_LARGE');
    const left = readdirSync(path.join(uploadDir, t.workspaceId)).filter((name) => !name.startsWith('sales-'));
    expect(left).toEqual([]);
    const names = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);
    expect(names).not.toContain('big');
  });
});
