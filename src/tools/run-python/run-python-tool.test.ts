import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import type { RunEventPayload } from '../../core/events.js';
import type { PythonRunner } from '../../sandbox/python-runner.js';
import { createRunPythonTool } from './run-python-tool.js';

const input = { columns: [{ name: 'x', type: 'DOUBLE' }], rows: [[1], [2]], rowCount: 2, truncated: false, elapsedMs: 0 };

function runnerReturning(run: PythonRunner['run']): PythonRunner {
  return { run, detect: async () => ({ available: true, missing: [], message: 'on' }) };
}

async function call(runner: PythonRunner, code: string) {
  const events: RunEventPayload[] = [];
  const tool = createRunPythonTool({ agent: 'python', emit: (event) => void events.push(event), runner, inputs: () => [{ name: 'result', result: input }] });
  const outcome = await Promise.resolve(tool.execute!({ code }, { toolCallId: 'call_1', messages: [] })).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as AppError }),
  );
  return { events, outcome };
}

describe('run_python', () => {
  it('shows the code, runs it on the SQL result and returns a bounded summary', async () => {
    let seenInputs: unknown;
    const runner = runnerReturning(async (request) => {
      seenInputs = request.inputs;
      return { result: { mean: 1.5 }, stdout: 'x'.repeat(5_000), stderr: '', figures: [], elapsedMs: 812.4 };
    });
    const { events, outcome } = await call(runner, 'result = {"mean": df.x.mean()}');
    expect(events.map((event) => event.type)).toEqual(['tool-call', 'code-delta', 'code-end', 'tool-result']);
    expect(events[2]).toMatchObject({ type: 'code-end', language: 'python', code: 'result = {"mean": df.x.mean()}' });
    expect(seenInputs).toEqual([{ name: 'result', result: input }]);
    expect(outcome).toMatchObject({ ok: true, value: { result: { mean: 1.5 }, elapsedMs: 812, note: 'cut for length: stdout' } });
  });

  it('hands a failure back to the model as a tool error with its code and a hint', async () => {
    const runner = runnerReturning(async () => {
      throw new AppError('SANDBOX_CODE_ERROR', "KeyError: 'y' (line 1: df['y'])");
    });
    const { events, outcome } = await call(runner, "df['y']");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('SANDBOX_CODE_ERROR');
    expect(outcome.error.message).toMatch(/^SANDBOX_CODE_ERROR: KeyError: 'y'.*\nHint: .*fix the code/s);
    expect(events.at(-1)).toMatchObject({ type: 'tool-result', ok: false, errorCode: 'SANDBOX_CODE_ERROR' });
  });

  it('lets a cancellation through unchanged', async () => {
    const cancelled = new AppError('RUN_CANCELLED', 'The Python run was cancelled.');
    const { outcome } = await call(runnerReturning(async () => Promise.reject(cancelled)), 'import time');
    expect(outcome).toMatchObject({ ok: false, error: cancelled });
  });
});
