import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import type { RunOutcome } from '../../src/agents/orchestrator.js';
import type { RunEventPayload } from '../../src/core/events.js';
import { loadConfig } from '../../src/core/load-config.js';
import type { Cell } from '../../src/core/query-result.js';
import { createCliRuntime, type CliRuntime } from '../../src/cli/create-runtime.js';
import { ensureSharedSample } from './sample-data-dir.js';

export interface BusinessRuntime {
  /** Runs the whole pipeline (embedded model) on the sample data, as `insightx ask` does. */
  ask(question: string): Promise<RunOutcome & { events: RunEventPayload[] }>;
  /** A hand-written query's rows, run on the same database. */
  query(sql: string): Promise<Cell[][]>;
  close(): Promise<void>;
}

let runs = 0;

/** The CLI's composition over the shared sample data dir (generated on first use). */
export async function openBusinessRuntime(): Promise<BusinessRuntime> {
  const config = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: await ensureSharedSample() } });
  const runtime: CliRuntime = createCliRuntime(config);
  const { connector } = await runtime.prepare('sample');
  return {
    async ask(question) {
      const events: RunEventPayload[] = [];
      runs += 1;
      const outcome = await runtime.orchestrator.run({
        runId: `run_${runs}`,
        threadId: null,
        question,
        datasource: 'sample',
        emit: (event) => void events.push(event),
      });
      return { ...outcome, events };
    },
    async query(sql) {
      return (await connector.query(sql, { limit: 10_000 })).rows;
    },
    close: () => runtime.close(),
  };
}

/**
 * Opens one runtime before the enclosing `describe`'s tests and closes it after them (call it
 * inside `describe`). Returns a getter, since the runtime exists only once `beforeAll` has run.
 */
export function useBusinessRuntime(): () => BusinessRuntime {
  let runtime: BusinessRuntime | undefined;
  beforeAll(async () => {
    runtime = await openBusinessRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });
  return () => {
    if (!runtime) throw new Error('the business runtime is used before beforeAll opened it');
    return runtime;
  };
}
