import type { Clock } from '../core/clock.js';
import type { DataDna } from '../core/dna.js';
import type { IdGenerator } from '../core/ids.js';
import type { Synonym, SynonymInput } from '../core/synonym.js';
import type { Connector } from '../data/connector.js';
import type { AgentModels } from '../llm/agent-models.js';
import type { PythonRunner } from '../sandbox/python-runner.js';
import type { ResultStore } from '../store/result-store.js';

/** The part of the datasource registry the pipeline uses (`createDatasourceRegistry` provides it). */
export interface ConnectorSource {
  /** A configured datasource by name, or a file path; throws DATASOURCE_NOT_FOUND / _UNREADABLE. */
  get(nameOrPath: string): Promise<Connector>;
}

/** Profiles a datasource; the composition root decides the cache (DNA is expensive on big tables). */
export type DnaSource = (connector: Connector, options: { signal?: AbortSignal; onProgress?: DnaProgressListener }) => Promise<DataDna>;

/** Told before each table is profiled (and at the end, 100): a line for people and the percent done. */
export type DnaProgressListener = (message: string, progress: { table: string; percent: number }) => void;

/** Whose synonyms: the run's datasource key and, on the server, the workspace asking. */
export interface SynonymScope {
  datasource: string;
  workspaceId?: string;
}

/** A datasource's saved synonyms (the store on the server); merged into the DNA of each run. */
export interface SynonymSource {
  list(scope: SynonymScope): Promise<readonly Synonym[]>;
  /** Saves a correction typed in a question ("by active I mean status = 'live'"). */
  save(scope: SynonymScope, input: SynonymInput): Promise<Synonym>;
}

export interface OrchestratorLimits {
  rowCap: number;
  statementTimeoutMs: number;
  /** SQL attempts per question, the first included (at most 5). */
  sqlAttempts: number;
}

/** Everything a run needs, built once by a composition root (CLI, server) and passed in. */
export interface OrchestratorDeps {
  registry: ConnectorSource;
  models: AgentModels;
  resultStore: ResultStore;
  /** The Data DNA of a connector, usually `profileDatasource` with a cache. */
  getDna: DnaSource;
  /** The person's saved synonyms (corrections), merged into the DNA of each run by `applySynonyms`. */
  synonyms?: SynonymSource;
  /** Folder with `<agent>.md` instructions (the repository's `prompts/`). */
  promptsDir: string;
  ids: IdGenerator;
  clock: Clock;
  limits: OrchestratorLimits;
  /** URL of a stored result for `data-ready`; `/api/data/:id` by default. */
  resultUrl?: (resultId: string) => string;
  /**
   * Sandboxed Python for SQL_THEN_PY / PYTHON_ONLY (`createBwrapPythonRunner`). Absent or
   * unavailable: statistics fall back to SQL-only methods and the answer says so.
   */
  pythonRunner?: PythonRunner;
}
