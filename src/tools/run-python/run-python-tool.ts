import { tool } from 'ai';
import { z } from 'zod';
import { AppError, toAppError } from '../../core/app-error.js';
import type { PythonInput, PythonRunner, PythonRunResult, SandboxLimits } from '../../sandbox/python-runner.js';
import { runReported, type ToolReportContext } from '../tool-reporter.js';
import { pythonErrorHint } from './python-error-hint.js';
import { summarizePythonOutput, type PythonOutputSummary } from './python-output-summary.js';

export const RUN_PYTHON = 'run_python';

export interface RunPythonToolDeps extends ToolReportContext {
  runner: PythonRunner;
  /** The run's SQL results, read at each call: the first is `df`, each is `dfs[name]`. */
  inputs: () => PythonInput[];
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
  /** Called with every successful run; the python agent keeps the last one. */
  onRun?: (run: { code: string; output: PythonRunResult }) => void;
}

const RunPythonInput = z.object({
  code: z
    .string()
    .min(1)
    .describe('Python 3 code using pandas (pd), numpy (np) and scipy. `df` is the SQL result; set `result` to a JSON-serialisable value.'),
});

/** The error the model reads: the code first (so it can branch on it), the message, what to do. */
function toolError(error: AppError): AppError {
  const hint = pythonErrorHint(error.code);
  return new AppError(error.code, `${error.code}: ${error.message}\nHint: ${hint}`, { cause: error, details: { ...error.details, hint } });
}

/**
 * `run_python`: runs pandas code in the sandbox on the run's SQL results. The code is shown
 * (`code-delta` + `code-end`, language python) before it runs; the model gets a bounded summary
 * of `result`, stdout and figure names. Failures go back as tool errors with a hint; a
 * cancellation propagates.
 */
export function createRunPythonTool(deps: RunPythonToolDeps) {
  async function execute(code: string): Promise<PythonOutputSummary> {
    await deps.emit({ type: 'code-delta', language: 'python', delta: code });
    await deps.emit({ type: 'code-end', language: 'python', code });
    try {
      const output = await deps.runner.run({ code, inputs: deps.inputs(), limits: deps.limits, signal: deps.signal });
      deps.onRun?.({ code, output });
      return summarizePythonOutput(output);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'RUN_CANCELLED' || deps.signal?.aborted) throw error;
      throw toolError(appError);
    }
  }

  return tool({
    description:
      'Run Python 3 (pandas, numpy, scipy, matplotlib) in a sandbox without network or files. The SQL result is the ' +
      'DataFrame `df` (all results: `dfs[name]`). Set `result` to a JSON-serialisable value (a DataFrame becomes records); ' +
      'printed text and matplotlib figures are returned too. On failure the error has a code, the message and a hint.',
    inputSchema: RunPythonInput,
    execute: async (input, { toolCallId }) =>
      runReported(deps, { toolName: RUN_PYTHON, toolCallId, input }, () => execute(input.code), (summary) =>
        summary.note ? `Python ran in ${summary.elapsedMs} ms (${summary.note})` : `Python ran in ${summary.elapsedMs} ms`,
      ),
  });
}
