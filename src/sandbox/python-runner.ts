import type { QueryResult } from '../core/query-result.js';

/**
 * The seam between InsightX and sandboxed Python (ARCHITECTURE §2, issue 7). Implementations:
 * `createBwrapPythonRunner` (bubblewrap + Debian python3/pandas) and
 * `createUnavailablePythonRunner` (what the pipeline gets when Python cannot run here).
 */

/** Resource limits of one run. Each breach ends the run with its own error code. */
export interface SandboxLimits {
  /** Wall-clock time before every process of the run is killed (`SANDBOX_TIMEOUT`). */
  wallTimeMs: number;
  /** CPU seconds per process, RLIMIT_CPU (`SANDBOX_CPU_LIMIT`). */
  cpuTimeSeconds: number;
  /** Address space per process, RLIMIT_AS (`SANDBOX_MEMORY`). numpy+pandas+scipy need ~450 MB. */
  memoryBytes: number;
  /** stdout + stderr bytes before the run is killed (`SANDBOX_OUTPUT_LIMIT`). */
  outputBytes: number;
  /** Bytes of the returned result envelope, figures included (`SANDBOX_OUTPUT_LIMIT`). */
  resultBytes: number;
  /** Processes and threads the sandbox user may have, RLIMIT_NPROC (`SANDBOX_PROCESS_LIMIT`). */
  maxProcesses: number;
  /**
   * Size of the writable tmpfs work dir, on top of the input data, and the largest file the code
   * may write (RLIMIT_FSIZE). With /dev/shm (1 MiB) it is all the sandbox can write.
   */
  workDirBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  wallTimeMs: 30_000,
  cpuTimeSeconds: 20,
  memoryBytes: 1024 * 1024 * 1024,
  outputBytes: 1024 * 1024,
  resultBytes: 16 * 1024 * 1024,
  maxProcesses: 32,
  workDirBytes: 64 * 1024 * 1024,
};

/** One named input: becomes `dfs[name]` in Python; the first one is also `df`. */
export interface PythonInput {
  name: string;
  result: QueryResult;
}

export interface PythonRunRequest {
  code: string;
  inputs: PythonInput[];
  limits?: Partial<SandboxLimits>;
  /** Aborting kills the run and rejects with `RUN_CANCELLED`. */
  signal?: AbortSignal;
}

export interface PythonFigure {
  name: string;
  pngBase64: string;
}

/** Where the time of a run went, in milliseconds (for bench/python.ts and the run benchmark). */
export interface PythonRunTimings {
  /** QueryResult → input bundle, in Node. */
  serialiseMs: number;
  /** Sandbox setup, interpreter start and `import pandas, numpy` (0 when the sandbox was warm). */
  startMs: number;
  /** Input bundle through the pipe and into DataFrames, in Python. */
  loadMs: number;
  /** The user's code. */
  analysisMs: number;
  /** Result and figures encoded and read back. */
  outputMs: number;
}

export interface PythonRunResult {
  /** The JSON value of `result` (a DataFrame arrives as a list of records; NaN as null). */
  result: unknown;
  stdout: string;
  stderr: string;
  figures: PythonFigure[];
  elapsedMs: number;
  timings?: PythonRunTimings;
}

/** Whether Python analysis can run here; `message` is what people are told once at start. */
export interface PythonAvailability {
  available: boolean;
  /** Missing pieces by name: python3, pandas, numpy, scipy, matplotlib, bwrap, prlimit, namespaces. */
  missing: string[];
  message: string;
}

export interface PythonRunner {
  /**
   * Runs `code` on the inputs in the sandbox. Rejects with an `AppError`: `SANDBOX_CODE_ERROR`
   * (the code raised), a limit code (`SANDBOX_TIMEOUT`, `SANDBOX_CPU_LIMIT`, `SANDBOX_MEMORY`,
   * `SANDBOX_OUTPUT_LIMIT`, `SANDBOX_PROCESS_LIMIT`), `SANDBOX_UNAVAILABLE` or `RUN_CANCELLED`.
   * When it settles, no process of the run is left.
   */
  run(request: PythonRunRequest): Promise<PythonRunResult>;
  /** Checks (once, then cached) that the runner can work on this machine. */
  detect(): Promise<PythonAvailability>;
  /**
   * Starts the next sandbox ahead of its run and resolves once it has loaded pandas and waits
   * for its inputs — call it, without waiting, as soon as a question is routed to Python.
   * Optional; a no-op when Python is unavailable.
   */
  warm?(): Promise<void>;
  /** Stops a warm sandbox nobody used. */
  close?(): Promise<void>;
}
