import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrchestrator } from '../agents/create-orchestrator.js';
import type { Orchestrator } from '../agents/orchestrator.js';
import type { SynonymSource } from '../agents/orchestrator-deps.js';
import { systemClock } from '../core/clock.js';
import type { InsightxConfig } from '../core/config.js';
import type { DataDna } from '../core/dna.js';
import { randomIds } from '../core/ids.js';
import type { Connector } from '../data/connector.js';
import { createDatasourceRegistry } from '../data/datasource-registry.js';
import { profileDatasource } from '../data/dna/index.js';
import { ensureSampleDatabase } from '../data/samples/generate-sample-database.js';
import { createAgentModels } from '../llm/create-agent-models.js';
import { createKeyPools, keyPoolStatePath } from '../llm/key-pool/key-pools.js';
import { createBwrapPythonRunner } from '../sandbox/bwrap/bwrap-python-runner.js';
import type { PythonRunner } from '../sandbox/python-runner.js';
import { createMemoryResultStore } from '../store/result-store.js';

/** The repository's `prompts/` folder, found from this file so any working directory works. */
export const DEFAULT_PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prompts');

/** Progress of slow preparation steps (sample generation, profiling), for a spinner. */
export type PrepareProgress = (message: string) => void;

export interface CliRuntime {
  config: InsightxConfig;
  orchestrator: Orchestrator;
  /** Sandboxed Python for statistics questions; `pythonStartupNotice(runner)` says when it is off. */
  pythonRunner: PythonRunner;
  /** Opens a datasource and profiles it, generating the sample database first when needed. */
  prepare(nameOrPath: string, onProgress?: PrepareProgress): Promise<{ connector: Connector; dna: DataDna }>;
  close(): Promise<void>;
}

/**
 * The CLI's composition root: every dependency of a run, built once from the configuration.
 * The business tests and the benchmark use it too, so they run what a user runs.
 */
export function createCliRuntime(config: InsightxConfig, options: { promptsDir?: string; pythonRunner?: PythonRunner; env?: Record<string, string | undefined>; synonyms?: SynonymSource } = {}): CliRuntime {
  const registry = createDatasourceRegistry({
    env: options.env,
    dataDir: config.dataDir,
    datasources: config.datasources,
    rowCap: config.limits.rowCap,
    statementTimeoutMs: config.limits.statementTimeoutMs,
    resultMaxBytes: config.limits.resultMaxBytes,
  });
  // Profiles are kept per connector for the life of the process; the profiler's own cache
  // under dataDir makes the next process fast too.
  const profiles = new Map<Connector, Promise<DataDna>>();
  let progress: PrepareProgress | undefined;
  const getDna = (connector: Connector, run: { signal?: AbortSignal } = {}): Promise<DataDna> => {
    let profile = profiles.get(connector);
    if (!profile) {
      profile = profileDatasource(connector, { cache: { dir: path.join(config.dataDir, 'dna') }, onProgress: (message: string) => progress?.(message), signal: run.signal });
      profiles.set(connector, profile);
      profile.catch(() => profiles.delete(connector));
    }
    return profile;
  };
  // Detection is lazy and cached: the first statistics question (or the start-up notice) runs it.
  const pythonRunner = options.pythonRunner ?? createBwrapPythonRunner();
  const sampleNames = new Set(config.datasources.filter((source) => source.kind === 'sample').map((source) => source.name));

  const orchestrator = createOrchestrator({
    registry,
    // Tiers map agents to `provider:model`; remote providers call through their key pools, whose
    // per-key usage is kept in dataDir for `insightx keys`.
    models: createAgentModels(config, { keyPools: createKeyPools(config, { statePath: keyPoolStatePath(config.dataDir) }) }),
    resultStore: createMemoryResultStore(),
    getDna,
    synonyms: options.synonyms,
    promptsDir: options.promptsDir ?? DEFAULT_PROMPTS_DIR,
    ids: randomIds,
    clock: systemClock,
    limits: config.limits,
    pythonRunner,
  });

  return {
    config,
    orchestrator,
    pythonRunner,
    async prepare(nameOrPath, onProgress) {
      progress = onProgress;
      try {
        if (sampleNames.has(nameOrPath)) await ensureSampleDatabase(config.dataDir, { onProgress });
        const connector = await registry.get(nameOrPath);
        return { connector, dna: await getDna(connector) };
      } finally {
        progress = undefined;
      }
    },
    close: async () => {
      await pythonRunner.close?.();
      await registry.closeAll();
    },
  };
}
