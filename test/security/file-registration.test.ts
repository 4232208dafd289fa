import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFileDatasourceApp, type FileDatasourceApp } from './file-datasource-app.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('registering a file as a datasource', () => {
  let t: FileDatasourceApp;
  beforeAll(async () => {
    t = await buildFileDatasourceApp();
    writeFileSync(path.join(t.dataFolder, 'sales.csv'), 'region,revenue\nnorth,10\nsouth,32\n');
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>, token?: string) =>
    t.app.inject({ method: 'POST', url: '/api/datasources', payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const names = async () => (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);

  it('registers a file from a data folder and answers from its rows', async () => {
    const response = await register({ kind: 'file', name: 'sales', path: path.join(t.dataFolder, 'sales.csv') });
    expect(response.statusCode).toBe(201);
    expect(await t.query('sales', 'SELECT sum(revenue) FROM sales')).toEqual([[42]]);
  });

  it('refuses the config file, by relative and by absolute path, and lists nothing', async () => {
    const config = path.join(t.root, 'insightx.config.json');
    writeFileSync(config, JSON.stringify({ providers: { openai: { keys: ['sk-secret-key'] } } }));
    for (const file of ['insightx.config.json', config, path.join(t.dataFolder, '..', 'insightx.config.json')]) {
      const response = await register({ kind: 'file', name: 'insightx_config', path: file });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
      expect(response.body).not.toContain('sk-secret-key');
    }
    expect(await names()).not.toContain('insightx_config');
  });

  it("refuses the project's package.json, whatever kind it is registered as", async () => {
    for (const kind of ['file', 'duckdb', 'sqlite']) {
      const response = await register({ kind, name: 'pkg', path: path.join(PROJECT_ROOT, 'package.json') });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    }
    expect(await names()).not.toContain('pkg');
  });

  it('does not tell whether a file outside the folders exists', async () => {
    const existing = await register({ kind: 'file', name: 'probe', path: '/etc/hostname' });
    const missing = await register({ kind: 'file', name: 'probe', path: '/etc/no-such-file.csv' });
    expect([existing.statusCode, existing.json().code]).toEqual([403, 'DATASOURCE_PATH_NOT_ALLOWED']);
    expect([missing.statusCode, missing.json().code]).toEqual([403, 'DATASOURCE_PATH_NOT_ALLOWED']);
    expect(existing.json().message.replace('/etc/hostname', 'P')).toBe(missing.json().message.replace('/etc/no-such-file.csv', 'P'));
  });

  it("refuses another workspace's upload path", async () => {
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/datasources/upload?name=secret&filename=secret.csv',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${t.otherToken}` },
      payload: 'salary\n250000\n',
    });
    expect(upload.statusCode).toBe(201);
    const otherWorkspace = readdirSync(t.uploadDir).find((folder) => folder !== t.workspaceId)!;
    const [file] = readdirSync(path.join(t.uploadDir, otherWorkspace));
    const stolen = await register({ kind: 'file', name: 'stolen', path: path.join(t.uploadDir, otherWorkspace, file) });
    expect(stolen.statusCode).toBe(403);
    expect(stolen.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    expect(await names()).not.toContain('stolen');
  });

  it('refuses a symlink in the data folder that points outside it', async () => {
    symlinkSync('/etc/passwd', path.join(t.dataFolder, 'passwd.csv'));
    const response = await register({ kind: 'file', name: 'passwd', path: path.join(t.dataFolder, 'passwd.csv') });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    expect(response.body).not.toContain('root:');
    expect(await names()).not.toContain('passwd');
  });

  it('stops reading a registered file that was swapped for a symlink pointing outside', async () => {
    const file = path.join(t.dataFolder, 'swap.csv');
    writeFileSync(file, 'n\n1\n');
    expect((await register({ kind: 'file', name: 'swap', path: file })).statusCode).toBe(201);
    await t.app.inject({ method: 'DELETE', url: '/api/datasources/swap' });
    writeFileSync(file, 'n\n1\n');
    expect((await register({ kind: 'file', name: 'swap', path: file })).statusCode).toBe(201);
    await t.deps.datasources.close(); // a restart: nothing is open any more
    rmSync(file);
    symlinkSync('/etc/passwd', file);
    const dna = await t.app.inject({ method: 'GET', url: '/api/datasources/swap/dna?refresh=true' });
    expect(dna.statusCode).toBe(403);
    expect(dna.json().code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    await expect(t.query('swap', 'SELECT * FROM swap')).rejects.toMatchObject({ code: 'DATASOURCE_PATH_NOT_ALLOWED' });
  });

  it('refuses a path the engine would read as a pattern of several files', async () => {
    const response = await register({ kind: 'file', name: 'everything', path: path.join(t.dataFolder, '*.csv') });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('rename the file');
  });

  it('keeps the config file out of reach even when the data folder holds a link to it', async () => {
    const config = path.join(t.root, 'insightx.config.json');
    symlinkSync(config, path.join(t.dataFolder, 'config.json'));
    const response = await register({ kind: 'file', name: 'linked_config', path: path.join(t.dataFolder, 'config.json') });
    expect(response.statusCode).toBe(403);
    expect(readFileSync(config, 'utf8')).toContain('sk-secret-key');
    expect(response.body).not.toContain('sk-secret-key');
  });
});
