import { AppError, toAppError } from '../core/app-error.js';
import { loadAgentPrompts } from './agent-prompts.js';
import type { OrchestratorDeps } from './orchestrator-deps.js';
import type { Orchestrator, RunOutcome, RunRequest } from './orchestrator.js';
import { createRunState, type RunState } from './run-state.js';
import { answerWithoutData } from './steps/answer-without-data.js';
import { driverStep } from './steps/driver-step.js';
import { composeStep } from './steps/compose-step.js';
import { prepareDatasource } from './steps/prepare-datasource.js';
import { pythonStep } from './steps/python-step.js';
import { reusePreviousResult } from './steps/reuse-previous-result.js';
import { routeStep } from './steps/route-step.js';
import { sqlStep } from './steps/sql-step.js';
import { applyTypedCorrection } from './steps/typed-correction.js';
import { vizStep } from './steps/viz-step.js';

function isCancelled(state: RunState, error: AppError): boolean {
  return state.signal?.aborted === true || error.code === 'RUN_CANCELLED' || error.code === 'CONNECTOR_QUERY_CANCELLED';
}

async function runSteps(state: RunState): Promise<void> {
  if (state.request.question.trim() === '') {
    throw new AppError('INPUT_EMPTY_QUESTION', 'The question is empty: ask it in words, e.g. "How many payments failed?".');
  }
  await prepareDatasource(state);
  // "by active I mean status = 'live'": saved, confirmed, and the previous question asked again.
  if ((await applyTypedCorrection(state)) && state.route === 'ANSWER') return;
  await routeStep(state);
  // Load the Python sandbox (interpreter, pandas) while the SQL runs; a failure shows in the python step.
  if (state.route === 'SQL_THEN_PY' || state.route === 'PYTHON_ONLY') state.deps.pythonRunner?.warm?.().catch(() => undefined);
  if (state.route === 'CLARIFY' || state.route === 'REJECT') return answerWithoutData(state);
  if (state.route !== 'ANSWER') {
    const reused = state.route === 'PYTHON_ONLY' && (await reusePreviousResult(state));
    const drove = !reused && state.route === 'SQL_ONLY' && (await driverStep(state));
    if (!reused && !drove) await sqlStep(state);
    if (!state.result) {
      // The SQL agent declined with a reason: that reason is the answer.
      await state.emit({ type: 'text-delta', delta: state.answer });
      return;
    }
    if (state.route === 'SQL_THEN_PY' || state.route === 'PYTHON_ONLY') await pythonStep(state);
    await vizStep(state);
  }
  await composeStep(state);
}

function outcome(state: RunState, status: RunOutcome['status'], error: AppError | null): RunOutcome {
  const { result } = state;
  return {
    runId: state.request.runId,
    status,
    route: state.route,
    sql: state.sql,
    columns: result?.columns ?? [],
    rows: result?.rows ?? [],
    rowCount: result?.rowCount ?? 0,
    resultId: result?.id ?? null,
    answer: state.preface + state.answer,
    chart: state.chart,
    interpretation: state.interpretation,
    options: state.route === 'CLARIFY' ? [...state.routeOptions] : [],
    python: state.python,
    usage: { ...state.usage },
    error: error ? { code: error.code, message: error.message } : null,
  };
}

/**
 * The agent pipeline (ARCHITECTURE §1): router → sql (repair loop) → [python] → viz →
 * composer, every step reported through the request's `emit` in the order of docs/events.md.
 * A run never throws: failures end as `error` + `run-end failed`, aborts as `run-end cancelled`.
 */
export function createOrchestrator(deps: OrchestratorDeps): Orchestrator {
  const prompts = loadAgentPrompts(deps.promptsDir);
  return {
    async run(request: RunRequest): Promise<RunOutcome> {
      const state = createRunState(request, deps, prompts);
      await state.emit({
        type: 'run-start',
        runId: request.runId,
        threadId: request.threadId,
        question: request.question,
        datasource: request.datasource,
      });
      try {
        await runSteps(state);
      } catch (thrown) {
        const error = toAppError(thrown);
        if (isCancelled(state, error)) {
          await state.emit({ type: 'run-end', status: 'cancelled', route: state.route });
          return outcome(state, 'cancelled', new AppError('RUN_CANCELLED', 'The run was cancelled.', { cause: thrown }));
        }
        await state.emit({ type: 'error', code: error.code, message: error.message, stage: state.stage });
        await state.emit({ type: 'run-end', status: 'failed', route: state.route });
        return outcome(state, 'failed', error);
      }
      await state.emit({ type: 'run-end', status: 'completed', route: state.route });
      return outcome(state, 'completed', null);
    },
  };
}
