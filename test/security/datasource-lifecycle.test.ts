import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFileDatasourceApp, type FileDatasourceApp } from './file-datasource-app.js';

describe('datasource names', () => {
  let t: FileDatasourceApp;
  beforeAll(async () => {
    t = await buildFileDatasourceApp();
    writeFileSync(path.join(t.dataFolder, 'sales.csv'), 'n\n1\n');
  });
  afterAll(() => t.close());

  it('refuses an empty name, a 5,000-character name and one with ";" saying what is allowed', async () => {
    for (const name of ['', 'x'.repeat(5000), 'sales; DROP TABLE x', '1sales', 'sales@other']) {
      const registered = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name, path: path.join(t.dataFolder, 'sales.csv') } });
      expect(registered.statusCode).toBe(400);
      expect(registered.json().code).toBe('INPUT_INVALID');
      expect(registered.json().message).toContain('a datasource name is a letter, then letters, digits, _ or -');
      expect(registered.body.length).toBeLessThan(1000);
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/datasources/upload?name=${encodeURIComponent(name)}&filename=a.csv`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: 'n\n1\n',
      });
      expect(uploaded.statusCode).toBe(400);
      expect(uploaded.json().message).toContain('a datasource name is a letter');
    }
    const listed = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources;
    expect(listed).toEqual([]);
    expect(readdirSync(t.uploadDir)).toEqual([]);
  });
});

describe('uploads and removal', () => {
  let t: FileDatasourceApp;
  beforeAll(async () => {
    t = await buildFileDatasourceApp();
  });
  afterAll(() => t.close());

  const upload = (name: string, body: string) =>
    t.app.inject({ method: 'POST', url: `/api/datasources/upload?name=${name}&filename=${name}.csv`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
  const rows = (count: number, label: string) => `label,n\n${Array.from({ length: count }, (_, index) => `${label},${index}`).join('\n')}\n`;

  it("keeps the winner's rows when two uploads of the same name race, also after a restart", async () => {
    const [first, second] = await Promise.all([upload('payments', rows(20_000, 'first')), upload('payments', rows(20_000, 'second'))]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().code).toBe('DATASOURCE_NAME_TAKEN');
    const winner = first.statusCode === 201 ? 'first' : 'second';

    expect(await t.query('payments', 'SELECT DISTINCT label, count(*) FROM payments GROUP BY label')).toEqual([[winner, 20_000]]);
    const files = readdirSync(path.join(t.uploadDir, t.workspaceId));
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(t.uploadDir, t.workspaceId, files[0]), 'utf8')).toBe(rows(20_000, winner));

    const restarted = await buildFileDatasourceApp({ restartOf: t });
    try {
      // The same store, a fresh process: the stored datasource still opens with the winner's rows.
      const stored = await t.store.datasources.getByName(t.workspaceId, 'payments');
      const connector = await restarted.deps.datasources.connectorSource.get(`payments@${t.workspaceId}`);
      expect(stored).toBeDefined();
      expect((await connector.query('SELECT DISTINCT label FROM payments')).rows).toEqual([[winner]]);
    } finally {
      await restarted.close();
    }
  });

  it('removes an uploaded datasource with DELETE: gone from the list, its file deleted, its name free again', async () => {
    expect((await upload('refunds', rows(3, 'old'))).statusCode).toBe(201);
    const folder = path.join(t.uploadDir, t.workspaceId);
    const file = readdirSync(folder).find((name) => name.startsWith('refunds-'))!;

    const removed = await t.app.inject({ method: 'DELETE', url: '/api/datasources/refunds' });
    expect(removed.statusCode).toBe(204);
    const names = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);
    expect(names).not.toContain('refunds');
    expect(existsSync(path.join(folder, file))).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/datasources/refunds/dna' })).statusCode).toBe(404);

    expect((await upload('refunds', rows(5, 'new'))).statusCode).toBe(201);
    expect(await t.query('refunds', 'SELECT label, count(*) FROM refunds GROUP BY label')).toEqual([['new', 5]]);
  });

  it("keeps a data folder's file when its datasource is removed", async () => {
    const file = path.join(t.dataFolder, 'orders.csv');
    writeFileSync(file, 'id\n1\n');
    expect((await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'orders', path: file } })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/datasources/orders' })).statusCode).toBe(204);
    expect(readFileSync(file, 'utf8')).toBe('id\n1\n');
  });

  it("answers 404 for an unknown datasource and for another workspace's, which stays", async () => {
    expect((await t.app.inject({ method: 'DELETE', url: '/api/datasources/nope' })).json().code).toBe('DATASOURCE_NOT_FOUND');
    expect((await upload('mine', rows(1, 'x'))).statusCode).toBe(201);
    const theirs = await t.app.inject({ method: 'DELETE', url: '/api/datasources/mine', headers: { authorization: `Bearer ${t.otherToken}` } });
    expect(theirs.statusCode).toBe(404);
    expect(await t.query('mine', 'SELECT count(*) FROM mine')).toEqual([[1]]);
  });
});
