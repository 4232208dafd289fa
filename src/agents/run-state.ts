import type { DataDna } from '../core/dna.js';
import type { EmitEvent, Route } from '../core/events.js';
import type { Interpretation } from '../core/interpretation.js';
import type { Connector } from '../data/connector.js';
import type { StoredResult } from '../store/result-store.js';
import type { AgentPrompts } from './agent-prompts.js';
import type { OrchestratorDeps } from './orchestrator-deps.js';
import type { RunOutcome, RunRequest, RunUsage } from './orchestrator.js';

/** Where a run is; named in the `error` event so a failure says which step broke. */
export type RunStage = 'input' | 'datasource' | 'router' | 'sql' | 'python' | 'viz' | 'composer';

/** What the steps of one run share. Each step reads what earlier steps wrote. */
export interface RunState {
  /** The run's request; a typed correction replaces its question with the one asked again. */
  request: RunRequest;
  readonly deps: OrchestratorDeps;
  readonly prompts: AgentPrompts;
  readonly emit: EmitEvent;
  readonly signal: AbortSignal | undefined;
  stage: RunStage;
  connector: Connector | null;
  dna: DataDna | null;
  route: Route | null;
  routeReason: string;
  routeOptions: string[];
  result: StoredResult | null;
  sql: string | null;
  chart: { type: string; code: string } | null;
  /** The reading of the question behind the query that ran, when the embedded analyst can tell it. */
  interpretation: Interpretation | null;
  /** The statistics step's code and result (Python, or the SQL-only method without Python). */
  python: RunOutcome['python'];
  answer: string;
  /** Said before the answer (a typed correction's confirmation); part of the stored answer. */
  preface: string;
  /** Things the answer must mention (a skipped step, a fallback). */
  notes: string[];
  usage: RunUsage;
}

export function createRunState(request: RunRequest, deps: OrchestratorDeps, prompts: AgentPrompts): RunState {
  return {
    request,
    deps,
    prompts,
    emit: request.emit,
    signal: request.signal,
    stage: 'input',
    connector: null,
    dna: null,
    route: null,
    routeReason: '',
    routeOptions: [],
    result: null,
    sql: null,
    chart: null,
    interpretation: null,
    python: null,
    answer: '',
    preface: '',
    notes: [],
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 },
  };
}
