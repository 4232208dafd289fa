import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightxConfig } from '../../src/core/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';

const quiet = { print: () => undefined, logRequests: false, port: 0 } as const;

describe('the server started from the project folder', () => {
  let dataDir: string;
  let server: RunningServer;
  let deadPid: number;
  const host = hostname().replace(/[^A-Za-z0-9]+/g, '_').slice(0, 40);

  beforeAll(async () => {
    dataDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'insightx-server-files-')));
    // A process that has exited: what a SIGKILLed server leaves behind is named after its pid.
    deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const copies = path.join(dataDir, 'tmp');
    mkdirSync(path.join(copies, `insightx-files-${host}-${deadPid}-abc-XYZ123`), { recursive: true });
    writeFileSync(path.join(copies, `insightx-files-${host}-${deadPid}-abc-XYZ123`, 'files.duckdb'), Buffer.alloc(4096));
    mkdirSync(path.join(copies, `insightx-files-${host}-1-abc-LIVE01`), { recursive: true });
    mkdirSync(path.join(dataDir, 'uploads', 'ws_1'), { recursive: true });
    writeFileSync(path.join(dataDir, 'uploads', 'ws_1', `.upload-${host}-${deadPid}-abc-0a1b.part`), 'half a file');
    writeFileSync(path.join(dataDir, 'uploads', 'ws_1', 'sales-0a1b.csv'), 'a\n1\n');
    mkdirSync(path.join(dataDir, 'files'));
    writeFileSync(path.join(dataDir, 'files', 'orders.csv'), 'id,total\n1,5\n2,7\n');
    const config = InsightxConfig.parse({ dataDir, datasources: [], defaultDatasource: 'none' });
    server = await startServer({ config, ...quiet });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const register = (body: Record<string, unknown>) =>
    fetch(`${server.url}/api/datasources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("refuses the project's files in the working directory (package.json, the config file)", async () => {
    for (const file of ['package.json', 'insightx.config.json', path.resolve('package.json')]) {
      const response = await register({ kind: 'file', name: 'project', path: file });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('DATASOURCE_PATH_NOT_ALLOWED');
    }
  });

  it("refuses InsightX's own data dir (the store, key state), and an upload by its path", async () => {
    for (const file of [path.join(dataDir, 'store', 'PG_VERSION'), path.join(dataDir, 'uploads', 'ws_1', 'sales-0a1b.csv')]) {
      const response = await register({ kind: 'file', name: 'internal', path: file });
      expect(response.status).toBe(403);
    }
  });

  it('registers a file from the default data folder, <dataDir>/files', async () => {
    const response = await register({ kind: 'file', name: 'orders', path: path.join(dataDir, 'files', 'orders.csv') });
    expect(response.status).toBe(201);
  });

  it('removed the temporary files a dead process left, and kept those of live ones and the uploads', () => {
    expect(readdirSync(path.join(dataDir, 'tmp')).filter((name) => name.includes(`-${deadPid}-`))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'tmp', `insightx-files-${host}-1-abc-LIVE01`))).toBe(true);
    expect(readdirSync(path.join(dataDir, 'uploads', 'ws_1'))).toEqual(['sales-0a1b.csv']);
  });
});

describe('a data folder that would expose the project', () => {
  it('stops the start with CONFIG_INVALID naming the setting', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'insightx-server-folders-'));
    try {
      for (const folders of [[process.cwd()], ['/'], [dataDir], [path.join(dataDir, 'uploads')]]) {
        const config = InsightxConfig.parse({ dataDir, datasources: [], defaultDatasource: 'none', files: { folders } });
        await expect(startServer({ config, ...quiet })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('files.folders') });
      }
      // A configuration file kept elsewhere (INSIGHTX_CONFIG) is protected where it is.
      const shared = path.join(dataDir, 'shared');
      mkdirSync(shared);
      const configFile = path.join(shared, 'insightx.json');
      writeFileSync(configFile, '{}');
      const config = InsightxConfig.parse({ dataDir: path.join(dataDir, 'state'), datasources: [], defaultDatasource: 'none', files: { folders: [shared] } });
      await expect(startServer({ config, configFile, ...quiet })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
