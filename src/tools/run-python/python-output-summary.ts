import type { PythonRunResult } from '../../sandbox/python-runner.js';

/** Bounds of what the model reads back from one run; the full output stays with the run. */
const MAX_RESULT_CHARS = 8_000;
const MAX_RESULT_ITEMS = 50;
const MAX_STDOUT_CHARS = 2_000;

/** What `run_python` returns to the model. */
export interface PythonOutputSummary {
  result: unknown;
  stdout: string;
  figures: string[];
  elapsedMs: number;
  /** Set when `result` or `stdout` was cut. */
  note?: string;
}

function boundResult(result: unknown): { value: unknown; cut: boolean } {
  if (JSON.stringify(result ?? null).length <= MAX_RESULT_CHARS) return { value: result ?? null, cut: false };
  if (Array.isArray(result)) {
    const items = result.slice(0, MAX_RESULT_ITEMS);
    if (JSON.stringify(items).length <= MAX_RESULT_CHARS) return { value: items, cut: true };
  }
  return { value: `${JSON.stringify(result).slice(0, MAX_RESULT_CHARS)}…`, cut: true };
}

export function summarizePythonOutput(output: PythonRunResult): PythonOutputSummary {
  const { value, cut } = boundResult(output.result);
  const stdoutCut = output.stdout.length > MAX_STDOUT_CHARS;
  const summary: PythonOutputSummary = {
    result: value,
    stdout: stdoutCut ? `${output.stdout.slice(0, MAX_STDOUT_CHARS)}…` : output.stdout,
    figures: output.figures.map((figure) => figure.name),
    elapsedMs: Math.round(output.elapsedMs),
  };
  if (cut || stdoutCut) summary.note = `cut for length: ${[cut ? 'result' : '', stdoutCut ? 'stdout' : ''].filter(Boolean).join(' and ')}`;
  return summary;
}
