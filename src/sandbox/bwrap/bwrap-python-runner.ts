import { readFile } from 'node:fs/promises';
import { AppError } from '../../core/app-error.js';
import { detectPython } from '../detect-python.js';
import { encodeInputs, type InputFormat } from '../input-codec.js';
import { DEFAULT_SANDBOX_LIMITS, type PythonAvailability, type PythonRunner, type SandboxLimits } from '../python-runner.js';
import { DEFAULT_PROGRAMS, buildSandboxCommand, preludeArgs, type SandboxPrograms } from './bwrap-command.js';
import { classifyOutcome } from './classify-outcome.js';
import { createSandboxIdentityPool } from './sandbox-identity.js';
import { runSandboxProcess } from './sandbox-process.js';

export interface BwrapPythonRunnerOptions {
  programs?: Partial<SandboxPrograms>;
  /** Defaults for every run; a request's `limits` override them field by field. */
  limits?: Partial<SandboxLimits>;
  /** How inputs cross into the sandbox; `columnar` unless benchmarking. */
  inputFormat?: InputFormat;
}

const PRELUDE_URL = new URL('./prelude.py', import.meta.url);

/**
 * The bubblewrap implementation of `PythonRunner`: Debian's python3 with pandas in fresh
 * namespaces, as an unprivileged uid, under rlimits, supervised for wall time and output.
 */
export function createBwrapPythonRunner(options: BwrapPythonRunnerOptions = {}): PythonRunner {
  const programs: SandboxPrograms = { ...DEFAULT_PROGRAMS, ...options.programs };
  const baseLimits: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
  const identities = createSandboxIdentityPool();
  let availability: Promise<PythonAvailability> | undefined;
  let prelude: Promise<Buffer> | undefined;

  return {
    detect() {
      availability ??= detectPython(programs);
      return availability;
    },

    async run(request) {
      const limits: SandboxLimits = { ...baseLimits, ...request.limits };
      if (request.signal?.aborted) throw new AppError('RUN_CANCELLED', 'The Python run was cancelled.');
      const serialiseStart = performance.now();
      const bundle = encodeInputs(request.inputs, options.inputFormat);
      const serialiseMs = performance.now() - serialiseStart;
      prelude ??= readFile(PRELUDE_URL);
      const code = Buffer.from(request.code, 'utf8');
      const preludeBytes = await prelude;

      const identity = await identities.acquire(limits.maxProcesses);
      try {
        const { command, args } = buildSandboxCommand({
          programs,
          limits,
          inputBytes: bundle.length + preludeBytes.length + code.length,
          processLimit: identity.processLimit,
          pythonArgs: preludeArgs(),
        });
        const outcome = await runSandboxProcess({
          command,
          args,
          uid: identity.uid,
          gid: identity.gid,
          files: [bundle, preludeBytes, code],
          wallTimeMs: limits.wallTimeMs,
          outputBytes: limits.outputBytes,
          resultBytes: limits.resultBytes,
          signal: request.signal,
        }).catch((error: unknown) => {
          throw new AppError('SANDBOX_UNAVAILABLE', `The Python sandbox could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
        return classifyOutcome(outcome, limits, serialiseMs);
      } finally {
        identity.release();
      }
    },
  };
}
