import { readFile } from 'node:fs/promises';
import { AppError } from '../../core/app-error.js';
import { detectPython } from '../detect-python.js';
import { encodeInputs, type InputFormat } from '../input-codec.js';
import { DEFAULT_SANDBOX_LIMITS, type PythonAvailability, type PythonRunner, type SandboxLimits } from '../python-runner.js';
import { DEFAULT_PROGRAMS, buildSandboxCommand, preludeArgs, sandboxSetupFiles, type SandboxPrograms } from './bwrap-command.js';
import { classifyOutcome } from './classify-outcome.js';
import { createSandboxIdentityPool, type SandboxIdentity, type SandboxUidRange } from './sandbox-identity.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process.js';

export interface BwrapPythonRunnerOptions {
  programs?: Partial<SandboxPrograms>;
  /** Defaults for every run; a request's `limits` override them field by field. */
  limits?: Partial<SandboxLimits>;
  /** How inputs cross into the sandbox; `columnar` unless benchmarking. */
  inputFormat?: InputFormat;
  /** Host uids for runs when InsightX runs as root (one per concurrent run). */
  uidRange?: SandboxUidRange;
  /** Where the uid lease lock files are (shared by every InsightX process on the machine). */
  uidLeaseDir?: string;
  /** How long a warm sandbox (see `warm()`) waits for a run before it is stopped. */
  warmIdleMs?: number;
}

const PRELUDE_URL = new URL('./prelude.py', import.meta.url);

interface Started {
  process: SandboxProcess;
  identity: SandboxIdentity;
  limits: SandboxLimits;
}

/** A warm sandbox fits a run when everything fixed at start (rlimits, caps) is the same. */
function fits(started: SandboxLimits, wanted: SandboxLimits): boolean {
  return (Object.keys(wanted) as (keyof SandboxLimits)[]).every((key) => key === 'wallTimeMs' || started[key] === wanted[key]);
}

function unavailable(error: unknown): AppError {
  return new AppError('SANDBOX_UNAVAILABLE', `The Python sandbox could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * The bubblewrap implementation of `PythonRunner`: Debian's python3 with pandas in fresh
 * namespaces, as an unprivileged uid, under rlimits, supervised for wall time and output.
 * `warm()` starts the next sandbox ahead of its run (pandas imported, waiting for inputs), which
 * takes the ~1 s interpreter start off the answer; each sandbox still serves exactly one run.
 */
export function createBwrapPythonRunner(options: BwrapPythonRunnerOptions = {}): PythonRunner {
  const programs: SandboxPrograms = { ...DEFAULT_PROGRAMS, ...options.programs };
  const baseLimits: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
  const identities = createSandboxIdentityPool({ range: options.uidRange, leaseDir: options.uidLeaseDir });
  let availability: Promise<PythonAvailability> | undefined;
  let prelude: Promise<Buffer> | undefined;
  let warmSandbox: (Started & { idleTimer: NodeJS.Timeout }) | null = null;
  let warming: Promise<void> | null = null;
  let closing = false;

  const detect = (): Promise<PythonAvailability> => (availability ??= detectPython(programs));

  async function start(limits: SandboxLimits): Promise<Started> {
    prelude ??= readFile(PRELUDE_URL);
    const preludeBytes = await prelude;
    const identity = await identities.acquire(limits.maxProcesses);
    try {
      const { command, args } = buildSandboxCommand({ programs, limits, preludeBytes: preludeBytes.length, processLimit: identity.processLimit, pythonArgs: preludeArgs() });
      const process = startSandboxProcess({
        command,
        args,
        uid: identity.uid,
        gid: identity.gid,
        setupFiles: sandboxSetupFiles(preludeBytes),
        inputPipes: 2,
        outputBytes: limits.outputBytes,
        resultBytes: limits.resultBytes,
      });
      return { process, identity, limits };
    } catch (error) {
      await identity.release();
      throw unavailable(error);
    }
  }

  /** The warm sandbox if it is alive and fits these limits; it then belongs to the caller. */
  function takeWarm(limits: SandboxLimits): Started | null {
    const candidate = warmSandbox;
    if (!candidate || !fits(candidate.limits, limits)) return null;
    warmSandbox = null;
    clearTimeout(candidate.idleTimer);
    if (candidate.process.alive) return candidate;
    void candidate.identity.release();
    return null;
  }

  async function stopWarm(): Promise<void> {
    const candidate = warmSandbox;
    warmSandbox = null;
    if (!candidate) return;
    clearTimeout(candidate.idleTimer);
    candidate.process.kill();
    await candidate.identity.release();
  }

  return {
    detect,

    warm() {
      // Single flight: concurrent calls (one per Python question) share one start, and a
      // sandbox is only ever kept in `warmSandbox`, where the idle timer and close() reach it.
      warming ??= (async () => {
        try {
          if (closing || warmSandbox?.process.alive || !(await detect()).available) return;
          await stopWarm();
          const started = await start(baseLimits);
          if (closing) {
            started.process.kill();
            await started.identity.release();
            return;
          }
          started.process.unref(); // an idle sandbox must not keep the CLI from exiting
          const idleTimer = setTimeout(() => void stopWarm(), options.warmIdleMs ?? 60_000);
          idleTimer.unref();
          // Kept before it is ready: a run that takes it meanwhile writes its inputs to the
          // pipes, which the prelude reads once pandas is imported.
          warmSandbox = { ...started, idleTimer };
          await started.process.ready;
        } finally {
          warming = null;
        }
      })();
      return warming;
    },

    async close() {
      closing = true;
      await warming?.catch(() => undefined);
      await stopWarm();
      closing = false;
    },

    async run(request) {
      const limits: SandboxLimits = { ...baseLimits, ...request.limits };
      if (request.signal?.aborted) throw new AppError('RUN_CANCELLED', 'The Python run was cancelled.');
      const serialiseStart = performance.now();
      const bundle = encodeInputs(request.inputs, options.inputFormat);
      const serialiseMs = performance.now() - serialiseStart;
      const code = Buffer.from(request.code, 'utf8');

      const sandbox = takeWarm(limits) ?? (await start(limits));
      try {
        const outcome = await sandbox.process.finish([bundle, code], { wallTimeMs: limits.wallTimeMs, signal: request.signal }).catch((error: unknown) => {
          throw unavailable(error);
        });
        return classifyOutcome(outcome, limits, serialiseMs);
      } finally {
        sandbox.process.kill(); // normally already gone; never leave a run's process behind
        await sandbox.identity.release();
      }
    },
  };
}
