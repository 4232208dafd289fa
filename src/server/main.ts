import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createOrchestrator } from '../agents/create-orchestrator.js';
import { createBwrapPythonRunner } from '../sandbox/bwrap/bwrap-python-runner.js';
import { pythonStartupNotice } from '../sandbox/python-startup-notice.js';
import { systemClock } from '../core/clock.js';
import type { InsightxConfig } from '../core/config.js';
import { CONFIG_FILE_NAME } from '../core/load-config.js';
import type { DataDna } from '../core/dna.js';
import { randomIds } from '../core/ids.js';
import type { Connector } from '../data/connector.js';
import { createDatasourceRegistry } from '../data/datasource-registry.js';
import { FILE_COPY_PREFIX } from '../data/duckdb/duckdb-connector.js';
import { removeStaleTempEntries } from '../data/process-temp-files.js';
import { percentOf, profileDatasource, type DnaProgress } from '../data/dna/index.js';
import type { DnaProgressListener } from '../agents/orchestrator-deps.js';
import { assertReadOnly } from '../data/sql-guard/index.js';
import { createAgentModels } from '../llm/create-agent-models.js';
import { createKeyPools, keyPoolStatePath } from '../llm/key-pool/key-pools.js';
import { routeModelWarnings } from '../llm/route-model-warnings.js';
import { createNotifyRunEventBus } from '../store/notify-run-event-bus.js';
import { describeStore, openStore } from '../store/open-store.js';
import { asResultStore } from '../store/repositories/results-repository.js';
import { createLocalRunEventBus } from '../store/run-event-bus.js';
import { buildApp } from './build-app.js';
import { createStoreSynonymSource } from './datasources/store-synonym-source.js';
import { createDatasourceCatalog } from './datasources/datasource-catalog.js';
import { createQuestionRouter } from './datasources/route-question.js';
import { createFileAccessPolicy } from './datasources/file-access-policy.js';
import { UPLOAD_TEMP_PREFIX } from './routes/datasource-upload-routes.js';
import { isLoopbackHost } from './is-loopback-host.js';
import { createRunService } from './runs/run-service.js';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_STORE_LIVENESS = { heartbeatMs: 10_000, staleAfterMs: 30_000 };

export interface StartServerOptions {
  config: InsightxConfig;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  promptsDir?: string;
  webDistDir?: string;
  /** Where `${NAME}` references in datasource URLs are looked up (the CLI passes its environment). */
  env?: Record<string, string | undefined>;
  /** Where start-up lines go (the URL, the store, local mode). */
  print?: (line: string) => void;
  /** Fastify request logging (default on, as JSON lines on stdout). */
  logRequests?: boolean;
  /** The configuration file (it holds provider keys: no data folder may contain it); default `insightx.config.json` in the working directory. */
  configFile?: string;
  /** How long shutdown lets running runs finish before cancelling them. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  localMode: boolean;
  /** Graceful stop: no new runs, running ones finish (or are cancelled), databases closed. */
  close(): Promise<void>;
}

/**
 * The server's composition root (ARCHITECTURE §2): configuration → store → datasource
 * registry → models → orchestrator → run service → app, then listen.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const print = options.print ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  // The file rules come first: a data folder that exposes the project or the keys stops the start.
  const dataDir = path.resolve(config.dataDir);
  const uploadDir = path.join(dataDir, 'uploads');
  const fileCopiesDir = path.join(dataDir, 'tmp');
  const dataFolders = (config.files.folders ?? [path.join(dataDir, 'files')]).map((folder) => path.resolve(folder));
  const files = createFileAccessPolicy({
    dataFolders,
    uploadDir,
    dataDir,
    protectedPaths: [REPOSITORY_ROOT, process.cwd(), path.resolve(options.configFile ?? CONFIG_FILE_NAME), dataDir],
  });
  for (const folder of [...dataFolders.filter((folder) => folder.startsWith(dataDir)), uploadDir, fileCopiesDir]) mkdirSync(folder, { recursive: true });
  // A crash (SIGKILL, power loss) leaves private file copies and half-written uploads behind.
  const swept = removeStaleTempEntries(fileCopiesDir, FILE_COPY_PREFIX).length + sweepUploads(uploadDir);

  const storeOptions = { databaseUrl: config.store.databaseUrl, schema: config.store.schema, dataDir: config.dataDir, resultMaxBytes: config.limits.resultMaxBytes };
  const store = await openStore(storeOptions);
  const shared = store.db.kind === 'postgres';
  const bus = shared ? await createNotifyRunEventBus(store.db, store.runEvents) : createLocalRunEventBus();

  const registry = createDatasourceRegistry({
    env: options.env,
    dataDir: config.dataDir,
    datasources: config.datasources,
    rowCap: config.limits.rowCap,
    statementTimeoutMs: config.limits.statementTimeoutMs,
    resultMaxBytes: config.limits.resultMaxBytes,
    workDir: fileCopiesDir,
    fileLoad: { maxRows: config.files.maxRows, maxColumns: config.files.maxColumns, timeoutMs: config.files.loadTimeoutMs },
  });
  // Weak: a removed datasource's connector (and its profile) can be collected.
  const profiles = new WeakMap<Connector, Promise<DataDna>>();
  const getDna = (connector: Connector, run: { signal?: AbortSignal; onProgress?: DnaProgressListener } = {}) => {
    let profile = profiles.get(connector);
    if (!profile) {
      // The run that starts the profile hears its progress (dna-progress events).
      const onProgress = run.onProgress && ((message: string, step: DnaProgress) => run.onProgress?.(message, { table: step.table, percent: percentOf(step) }));
      profile = profileDatasource(connector, { cache: { dir: path.join(config.dataDir, 'dna') }, signal: run.signal, ...(onProgress ? { onProgress } : {}) });
      profiles.set(connector, profile);
      profile.catch(() => profiles.delete(connector));
    }
    return profile;
  };
  const datasources = createDatasourceCatalog({
    store,
    configured: config.datasources,
    defaultName: config.defaultDatasource,
    open(source, key) {
      // Registered datasources join the registry under their run key (unique across workspaces).
      if (key !== source.name) registry.register({ ...source, name: key });
      return registry.get(key);
    },
    profile: getDna,
    files,
    forget: (key) => registry.remove(key),
  });

  const pythonRunner = createBwrapPythonRunner();
  const orchestrator = createOrchestrator({
    registry: datasources.connectorSource,
    models: createAgentModels(config, { keyPools: createKeyPools(config, { statePath: keyPoolStatePath(config.dataDir) }) }),
    resultStore: asResultStore(store.results),
    getDna,
    synonyms: createStoreSynonymSource(store),
    promptsDir: options.promptsDir ?? path.join(REPOSITORY_ROOT, 'prompts'),
    ids: randomIds,
    clock: systemClock,
    limits: config.limits,
    pythonRunner,
  });
  const runs = createRunService({
    store,
    orchestrator,
    bus,
    ids: randomIds,
    clock: systemClock,
    resolveDatasource: (workspaceId, requested) => datasources.runKey(workspaceId, requested ?? datasources.defaultName),
    routeDatasource: createQuestionRouter(datasources),
    // A PostgreSQL store may be shared by several instances: runs carry a heartbeat, and only
    // runs whose heartbeat stopped are failed. PGlite belongs to this process alone.
    liveness: shared ? SHARED_STORE_LIVENESS : undefined,
  });
  const recovered = await runs.recoverInterrupted(shared ? { staleAfterMs: SHARED_STORE_LIVENESS.staleAfterMs } : {});

  const localMode = isLoopbackHost(host);
  const localWorkspace = localMode ? await store.workspaces.ensure('local') : undefined;
  const webDistDir = options.webDistDir ?? path.join(REPOSITORY_ROOT, 'web', 'dist');
  const app = await buildApp({
    store,
    runs,
    bus,
    datasources,
    sqlTool: { assertReadOnly, limits: config.limits },
    ids: randomIds,
    auth: { localWorkspaceId: localWorkspace?.id },
    webDistDir,
    uploadDir,
    logger: options.logRequests === false ? false : { level: 'info' },
    version: '0.1.0',
  });
  // The AI SDK's model warnings go to the server log, not to stdout beside the startup lines.
  routeModelWarnings((line) => app.log.warn(line.trim()));
  await app.listen({ host, port: options.port ?? 3000 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  print(`InsightX is listening on ${url}`);
  print(`  store: ${describeStore(storeOptions)}`);
  if (swept > 0) print(`  removed ${swept} temporary file(s) left by an earlier process`);
  if (recovered.length > 0) print(`  marked ${recovered.length} interrupted run(s) as failed`);
  print(
    localMode
      ? '  local single-user mode: no token needed (bound to loopback only)'
      : '  tokens required: send Authorization: Bearer <token> (create one with `insightx token create`)',
  );
  const pythonNotice = await pythonStartupNotice(pythonRunner);
  if (pythonNotice) print(`  ${pythonNotice}`);
  if (!existsSync(path.join(webDistDir, 'index.html'))) print('  web app not built: `npm run build:web`');

  // Warm the default datasource (the sample is generated on first use) so the first question is quick.
  void datasources.connector(localWorkspace?.id ?? '', datasources.defaultName).then(getDna).catch(() => undefined);

  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    localMode,
    close() {
      closing ??= (async () => {
        await runs.shutdown({ graceMs: options.shutdownGraceMs ?? 10_000 });
        await app.close();
        await datasources.close();
        await registry.closeAll();
        await pythonRunner.close?.();
        await bus.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Removes half-written uploads of dead processes from every workspace's upload folder. */
function sweepUploads(uploadDir: string): number {
  let count = 0;
  for (const workspace of readdirSync(uploadDir, { withFileTypes: true })) {
    if (workspace.isDirectory()) count += removeStaleTempEntries(path.join(uploadDir, workspace.name), UPLOAD_TEMP_PREFIX).length;
  }
  return count;
}
