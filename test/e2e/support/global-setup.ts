import type { TestProject } from 'vitest/node';
import { hasChromium } from './launch-browser.js';
import { startServer } from './start-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    insightxUrl: string;
    /** Empty when the suite runs against an existing server whose data dir it does not know. */
    insightxDataDir: string;
  }
}

/**
 * One real InsightX server for the whole e2e run (starting one, with its sample data and
 * Data DNA, is the slow part). `INSIGHTX_E2E_URL` points the suite at a server that is
 * already running instead, e.g. `npm start` while working on the UI.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasChromium) {
    project.provide('insightxUrl', '');
    project.provide('insightxDataDir', '');
    return async () => undefined;
  }
  const existing = process.env.INSIGHTX_E2E_URL;
  if (existing) {
    project.provide('insightxUrl', existing);
    project.provide('insightxDataDir', process.env.INSIGHTX_E2E_DATA_DIR ?? '');
    return async () => undefined;
  }
  const server = await startServer();
  project.provide('insightxUrl', server.url);
  project.provide('insightxDataDir', server.dataDir);
  return () => server.stop();
}
