import { stepCountIs } from 'ai';
import { toAppError } from '../../core/app-error.js';
import type { PythonInput } from '../../sandbox/python-runner.js';
import { createRunPythonTool, RUN_PYTHON } from '../../tools/run-python/run-python-tool.js';
import { questionMessage, resultBlock, sqlBlock } from '../conversation.js';
import type { RunState } from '../run-state.js';
import { streamAgent } from '../stream-agent.js';
import { runSqlOnlyStatistics } from './python-fallback.js';

/** `run_python` calls per question: the first try and two repairs. */
const PYTHON_ATTEMPTS = 3;
/** Rows the python agent sees: the shape and names matter, the code reads the full `df`. */
const PYTHON_ROWS = 20;

/** The run's data for the sandbox: this run's result as `df`, a PYTHON_ONLY turn's previous result too. */
async function pythonInputs(state: RunState): Promise<PythonInput[]> {
  const inputs: PythonInput[] = state.result ? [{ name: 'result', result: state.result }] : [];
  const previousId = state.request.history?.at(-1)?.resultId;
  if (previousId && previousId !== state.result?.id) {
    const previous = await state.deps.resultStore.get(previousId);
    if (previous) inputs.push({ name: 'previous', result: previous });
  }
  return inputs;
}

/**
 * The python agent (routes SQL_THEN_PY and PYTHON_ONLY): a tool loop with `run_python` over the
 * SQL result until the statistics are computed. Its closing words (findings and the method in
 * one sentence) become notes for the composer. Without Python, the SQL-only method runs instead
 * (python-fallback.ts). Statistics are an extra: a failure leaves the SQL answer standing and
 * says why; a cancellation still stops the run.
 */
export async function pythonStep(state: RunState): Promise<void> {
  state.stage = 'python';
  const { result, deps } = state;
  if (!result) return;
  const availability = deps.pythonRunner ? await deps.pythonRunner.detect() : null;
  if (!deps.pythonRunner || !availability?.available) {
    await runSqlOnlyStatistics(state, availability?.message ?? 'Python analysis is not configured.');
    return;
  }
  const inputs = await pythonInputs(state);
  let lastError: string | null = null;
  const tools = {
    [RUN_PYTHON]: createRunPythonTool({
      agent: 'python',
      emit: async (event) => {
        if (event.type === 'tool-result') lastError = event.ok ? null : event.summary;
        await state.emit(event);
      },
      runner: deps.pythonRunner,
      inputs: () => inputs,
      signal: state.signal,
      onRun: ({ code, output }) => {
        state.python = { code, result: output.result, language: 'python', method: methodOf(output.result) };
      },
    }),
  };
  try {
    const text = await streamAgent(state, 'python', {
      messages: [questionMessage(state.request.question, [...(state.sql ? [sqlBlock(state.sql)] : []), resultBlock(result, PYTHON_ROWS)])],
      tools,
      stopWhen: stepCountIs(PYTHON_ATTEMPTS + 1),
      onText: (delta) => state.emit({ type: 'thought-delta', agent: 'python', delta }),
    });
    if (text.trim()) state.notes.push(text.trim());
    else if (!state.python) state.notes.push(`The Python analysis did not finish${lastError ? ` (${lastError})` : ''}, so this answer uses the SQL result only.`);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'RUN_CANCELLED' || state.signal?.aborted) throw error;
    await state.emit({ type: 'thought-delta', agent: 'python', delta: `Python analysis failed: ${appError.message}` });
    state.notes.push(`The Python analysis failed (${appError.code}), so this answer uses the SQL result only.`);
  }
}

function methodOf(result: unknown): string | null {
  const method = typeof result === 'object' && result !== null ? (result as { method?: unknown }).method : undefined;
  return typeof method === 'string' ? method : null;
}
