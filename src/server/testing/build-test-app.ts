import type { FastifyInstance } from 'fastify';
import type { Orchestrator } from '../../agents/orchestrator.js';
import { systemClock } from '../../core/clock.js';
import { randomIds, sequentialIds } from '../../core/ids.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import { asResultStore } from '../../store/repositories/results-repository.js';
import { createNotifyRunEventBus } from '../../store/notify-run-event-bus.js';
import { createLocalRunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';
import type { DatasourceConfig } from '../../core/config.js';
import type { AppDeps, SqlToolDeps } from '../app-deps.js';
import { buildApp } from '../build-app.js';
import { createDatasourceCatalog, type DatasourceCatalogDeps } from '../datasources/datasource-catalog.js';
import { createQuestionRouter } from '../datasources/route-question.js';
import { createFileAccessPolicy } from '../datasources/file-access-policy.js';
import { createRunService, type RunService } from '../runs/run-service.js';
import { createScriptedOrchestrator } from './scripted-orchestrator.js';
import { fakeAssertReadOnly, openFakeDatasource, profileFakeDatasource } from './fake-datasources.js';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  runs: RunService;
  deps: AppDeps;
  /** The local workspace (requests without a token act in it). */
  workspaceId: string;
  close(): Promise<void>;
}

/**
 * The server wired as main.ts wires it, on an in-memory PGlite store, a scripted orchestrator
 * and fake datasources (`sample` configured). Pass `store` to share one store between apps.
 */
export async function buildTestApp(
  options: {
    store?: Store;
    orchestrator?: (store: Store) => Orchestrator;
    stepMs?: number;
    localMode?: boolean;
    bodyLimitBytes?: number;
    webDistDir?: string;
    /** Fan events out through PostgreSQL LISTEN/NOTIFY (several instances on one store). */
    notifyBus?: boolean;
    /** Real datasources instead of the fakes (configured list and how to open one). */
    datasources?: {
      configured: DatasourceConfig[];
      defaultName: string;
      open: DatasourceCatalogDeps['open'];
      forget?: DatasourceCatalogDeps['forget'];
      /** How their Data DNA is made (default: an empty DNA; pass the real profiler to route by it). */
      profile?: DatasourceCatalogDeps['profile'];
    };
    /** Folders whose files any workspace may register (none by default). */
    dataFolders?: string[];
    /** Paths no data folder may contain (main.ts: the project, the config file, the data dir). */
    protectedPaths?: string[];
    /** Turns on uploads into `<uploadDir>/<workspace>` (each workspace may register its own). */
    uploadDir?: string;
    uploadLimitBytes?: number;
    /** The read-only guard for the SQL tool (default: a SELECT/WITH stand-in). */
    assertReadOnly?: SqlToolDeps['assertReadOnly'];
  } = {},
): Promise<TestApp> {
  // A shared store gets random ids: two apps counting from 1 would collide.
  const ids = options.store ? randomIds : sequentialIds();
  const store = options.store ?? (await openTestStore({ ids }));
  const workspace = await store.workspaces.ensure('local');
  const bus = options.notifyBus ? await createNotifyRunEventBus(store.db, store.runEvents) : createLocalRunEventBus();
  const datasources = createDatasourceCatalog({
    store,
    configured: options.datasources?.configured ?? [{ kind: 'sample', name: 'sample' }],
    defaultName: options.datasources?.defaultName ?? 'sample',
    open: options.datasources?.open ?? openFakeDatasource,
    profile: options.datasources?.profile ?? profileFakeDatasource,
    files: createFileAccessPolicy({ dataFolders: options.dataFolders ?? [], uploadDir: options.uploadDir, protectedPaths: options.protectedPaths ?? [] }),
    forget: options.datasources?.forget,
  });
  const orchestrator = options.orchestrator?.(store) ?? createScriptedOrchestrator({ resultStore: asResultStore(store.results), stepMs: options.stepMs });
  const runs = createRunService({
    store,
    orchestrator,
    bus,
    ids,
    clock: systemClock,
    resolveDatasource: (workspaceId, requested) => datasources.runKey(workspaceId, requested ?? datasources.defaultName),
    routeDatasource: createQuestionRouter(datasources),
  });
  const deps: AppDeps = {
    store,
    runs,
    bus,
    datasources,
    sqlTool: { assertReadOnly: options.assertReadOnly ?? fakeAssertReadOnly, limits: { rowCap: 2, statementTimeoutMs: 1000 } },
    ids,
    auth: { localWorkspaceId: options.localMode === false ? undefined : workspace.id },
    bodyLimitBytes: options.bodyLimitBytes,
    webDistDir: options.webDistDir,
    uploadDir: options.uploadDir,
    uploadLimitBytes: options.uploadLimitBytes,
    version: 'test',
  };
  const app = await buildApp(deps);
  return {
    app,
    store,
    runs,
    deps,
    workspaceId: workspace.id,
    async close() {
      await runs.shutdown({ graceMs: 2000 });
      await app.close();
      await datasources.close();
      await bus.close();
      if (!options.store) await store.close();
    },
  };
}
