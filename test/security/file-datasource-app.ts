import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileLoadLimits } from '../../src/data/duckdb/duckdb-connection-options.js';
import { createDatasourceRegistry } from '../../src/data/datasource-registry.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

export interface FileDatasourceApp extends TestApp {
  /** A scratch folder outside every allowed folder (a stand-in for the project, /etc, …). */
  root: string;
  /** The data folder workspaces may register files from. */
  dataFolder: string;
  uploadDir: string;
  /** Where private copies of loaded files go. */
  workDir: string;
  /** A token acting in a second workspace. */
  otherToken: string;
  /** Runs SQL on a datasource of the local workspace through the catalog, as a question would. */
  query(name: string, sql: string): Promise<unknown[][]>;
}

/**
 * The test app on real datasources: files are opened by the data layer's registry (DuckDB,
 * private copies in `workDir`), wired as main.ts wires it, in a scratch folder removed on close.
 */
export async function buildFileDatasourceApp(
  options: { fileLoad?: Partial<FileLoadLimits>; /** A restart: the store and folders of an earlier app (which removes them). */ restartOf?: FileDatasourceApp } = {},
): Promise<FileDatasourceApp> {
  const earlier = options.restartOf;
  const root = earlier?.root ?? realpathSync(mkdtempSync(path.join(tmpdir(), 'insightx-security-')));
  const dataFolder = path.join(root, 'data');
  const uploadDir = path.join(root, 'uploads');
  const workDir = path.join(root, 'work');
  if (!earlier) for (const folder of [dataFolder, uploadDir, workDir]) mkdirSync(folder);
  const registry = createDatasourceRegistry({ dataDir: root, datasources: [], workDir, fileLoad: options.fileLoad });
  const app = await buildTestApp({
    store: earlier?.store,
    dataFolders: [dataFolder],
    uploadDir,
    datasources: {
      configured: [],
      defaultName: 'none',
      open(config, key) {
        registry.register({ ...config, name: key });
        return registry.get(key);
      },
      forget: (key) => registry.remove(key),
    },
  });
  const otherToken = (await app.store.apiTokens.create((await app.store.workspaces.ensure('other')).id)).token;
  return {
    ...app,
    root,
    dataFolder,
    uploadDir,
    workDir,
    otherToken,
    async query(name, sql) {
      const connector = await app.deps.datasources.connector(app.workspaceId, name);
      return (await connector.query(sql)).rows;
    },
    async close() {
      await app.close();
      await registry.closeAll();
      if (!earlier) rmSync(root, { recursive: true, force: true });
    },
  };
}
