import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/core/load-config.js';
import { startServer as startInsightx } from '../../../src/server/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A real InsightX server on a free loopback port with a fresh data dir. */
export interface RunningServer {
  url: string;
  /** The server's data directory: files put in its `files` folder may be registered as datasources. */
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * Starts the server exactly as `insightx serve` / `npm start` does (the composition root
 * `src/server/main.ts`: PGlite store, DuckDB sample data, the embedded analyst, the built
 * web app from web/dist), on port 0 with a temporary data dir.
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(path.join(repoRoot, 'web/dist/index.html')) || !existsSync(path.join(repoRoot, 'web/dist/viz/runtime.js'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm install does it) before the e2e tests.');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'insightx-e2e-'));
  // Only the data dir is ours: no provider keys from the environment, so the embedded analyst answers.
  const config = loadConfig({ cwd: dataDir, env: {}, overrides: { dataDir } });
  const server = await startInsightx({ config, host: '127.0.0.1', port: 0, logRequests: false, print: () => undefined, shutdownGraceMs: 1000 });
  return {
    url: server.url,
    dataDir,
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
