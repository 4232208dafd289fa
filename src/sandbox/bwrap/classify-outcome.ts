import { AppError, type JsonValue } from '../../core/app-error.js';
import type { PythonFigure, PythonRunResult, SandboxLimits } from '../python-runner.js';
import type { SandboxProcessOutcome } from './sandbox-process.js';

/** The JSON document `prelude.py` writes on fd 3. */
interface Envelope {
  status: 'ok' | 'error' | 'memory' | 'process_limit';
  result: unknown;
  figures: PythonFigure[];
  error: { type: string; message: string; line: number | null } | null;
  timings: Partial<Record<'preludeStart' | 'importsDone' | 'inputsRead' | 'inputsLoaded' | 'analysisDone' | 'outputDone', number>>;
}

const SIGXCPU_EXIT = 128 + 24;
const MEMORY_TEXT = /MemoryError|Cannot allocate memory|bad_alloc|out of memory|Unable to allocate/i;
const FORK_TEXT = /BlockingIOError|Resource temporarily unavailable|can't start new thread/i;

function tail(text: string, characters = 2000): string {
  return text.length > characters ? `…${text.slice(-characters)}` : text;
}

function parseEnvelope(bytes: Buffer): Envelope | null {
  if (bytes.length === 0) return null;
  try {
    return JSON.parse(bytes.toString('utf8')) as Envelope;
  } catch {
    return null; // cut short by a kill, or the code wrote on fd 3 itself
  }
}

/**
 * Turns what the sandbox process did into the run's result or its `AppError`. Supervisor
 * breaches come first (they are certain), then the prelude's own report, then exit statuses.
 */
export function classifyOutcome(outcome: SandboxProcessOutcome, limits: SandboxLimits, serialiseMs: number): PythonRunResult {
  const output = { stdout: tail(outcome.stdout), stderr: tail(outcome.stderr) };
  const fail = (code: ConstructorParameters<typeof AppError>[0], message: string, details: Record<string, JsonValue> = {}): never => {
    throw new AppError(code, message, { details: { ...details, ...output } });
  };
  switch (outcome.breach) {
    case 'cancelled':
      throw new AppError('RUN_CANCELLED', 'The Python run was cancelled.');
    case 'timeout':
      fail('SANDBOX_TIMEOUT', `The Python code ran longer than ${limits.wallTimeMs} ms and was stopped.`, { limitMs: limits.wallTimeMs });
      break;
    case 'output':
      fail('SANDBOX_OUTPUT_LIMIT', `The Python code printed more than ${limits.outputBytes} bytes and was stopped.`, { limitBytes: limits.outputBytes });
      break;
    case 'result':
      fail('SANDBOX_OUTPUT_LIMIT', `The Python result (with figures) is larger than ${limits.resultBytes} bytes.`, { limitBytes: limits.resultBytes });
      break;
    default:
      break;
  }

  const envelope = parseEnvelope(outcome.envelope);
  if (envelope?.status === 'ok') {
    const marks = envelope.timings;
    const at = (mark: keyof Envelope['timings'], fallback: number): number => marks[mark] ?? fallback;
    // A warm sandbox imported pandas before the run was handed over: its start costs the run nothing.
    const ready = outcome.readyBeforeAssigned ? outcome.assignedAt : Math.max(at('importsDone', outcome.assignedAt), outcome.assignedAt);
    const inputsLoaded = at('inputsLoaded', ready);
    const analysisDone = at('analysisDone', inputsLoaded);
    return {
      result: envelope.result,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      figures: envelope.figures,
      elapsedMs: outcome.endedAt - outcome.assignedAt + serialiseMs,
      timings: {
        serialiseMs,
        startMs: Math.max(0, ready - outcome.assignedAt),
        loadMs: Math.max(0, inputsLoaded - ready),
        analysisMs: Math.max(0, analysisDone - inputsLoaded),
        outputMs: Math.max(0, outcome.endedAt - analysisDone),
      },
    };
  }
  if (envelope !== null && envelope.error !== null) {
    const { type, message, line } = envelope.error;
    const details = { errorType: type, line };
    if (envelope.status === 'memory') fail('SANDBOX_MEMORY', `The Python code ran out of memory (limit ${limits.memoryBytes} bytes): ${type}.`, details);
    if (envelope.status === 'process_limit') fail('SANDBOX_PROCESS_LIMIT', `The Python code started more processes than allowed (${limits.maxProcesses}): ${message}`, details);
    fail('SANDBOX_CODE_ERROR', `${type}: ${message}`, details);
  }

  // No report from the prelude: the process was killed or exited on its own.
  const status = { exitCode: outcome.exitCode, exitSignal: outcome.exitSignal };
  if (outcome.exitCode === SIGXCPU_EXIT) fail('SANDBOX_CPU_LIMIT', `The Python code used more than ${limits.cpuTimeSeconds} s of CPU time.`, { limitSeconds: limits.cpuTimeSeconds });
  if (MEMORY_TEXT.test(outcome.stderr)) fail('SANDBOX_MEMORY', `The Python code ran out of memory (limit ${limits.memoryBytes} bytes).`, status);
  if (FORK_TEXT.test(outcome.stderr)) fail('SANDBOX_PROCESS_LIMIT', `The Python code started more processes than allowed (${limits.maxProcesses}).`, status);
  if (/^bwrap: /m.test(outcome.stderr) || /^prlimit: /m.test(outcome.stderr)) {
    fail('SANDBOX_UNAVAILABLE', `The Python sandbox could not start: ${outcome.stderr.trim().split('\n')[0]}`, status);
  }
  const how = outcome.exitCode !== null && outcome.exitCode > 128 ? `was killed by signal ${outcome.exitCode - 128}` : `exited with code ${outcome.exitCode ?? outcome.exitSignal}`;
  return fail('SANDBOX_CODE_ERROR', `The Python process ${how} before it reported a result.`, status);
}
