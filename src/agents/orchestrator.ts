import type { EmitEvent, Route, RunStatus } from '../core/events.js';
import type { Interpretation } from '../core/interpretation.js';
import type { QueryColumn, Cell } from '../core/query-result.js';

/**
 * The contract between the agent pipeline and its callers (CLI, server, eval harness).
 * One call answers one question; every step is reported through `emit`.
 */

/** A previous question and answer in the same thread, for follow-ups ("and for iOS?", "why is that?"). */
export interface PriorTurn {
  question: string;
  route: Route | null;
  sql: string | null;
  answer: string | null;
  /** The result id of the turn's data, when it had one (PYTHON_ONLY analyses reuse it). */
  resultId: string | null;
}

export interface RunRequest {
  runId: string;
  threadId: string | null;
  question: string;
  /** Datasource name as registered (see DatasourceRegistry). */
  datasource: string;
  /** Why `datasource`, when it was chosen among several by `routeDatasource` (reported in `route-decided`). */
  datasourceChoice?: { reason: string; scores: { datasource: string; score: number }[] };
  /** The workspace asking (server runs); its saved synonyms of the datasource apply. */
  workspaceId?: string;
  history?: PriorTurn[];
  signal?: AbortSignal;
  emit: EmitEvent;
  /** Overrides configuration for this run (`--no-fast-path`). */
  fastPath?: boolean;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  calls: number;
}

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  route: Route | null;
  sql: string | null;
  columns: QueryColumn[];
  rows: Cell[][];
  rowCount: number;
  resultId: string | null;
  answer: string;
  chart: { type: string; code: string } | null;
  /** How the query that ran reads the question (the `interpretation` event); absent when no reading of the embedded analyst wrote that SQL. */
  interpretation?: Interpretation | null;
  /** CLARIFY: the choices offered, each a full question that answers directly when asked. */
  options?: string[];
  /**
   * The statistics step: the code that ran and its JSON result. `language` is `sql` when Python
   * was unavailable and the SQL-only method (z-scores in SQL) ran instead; `method` names it.
   */
  python: { code: string; result: unknown; language?: 'python' | 'sql'; method?: string | null } | null;
  usage: RunUsage;
  error: { code: string; message: string } | null;
}

export interface Orchestrator {
  run(request: RunRequest): Promise<RunOutcome>;
}
