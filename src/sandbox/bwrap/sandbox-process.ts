import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Why the supervisor ended a run itself (rather than the process exiting on its own). */
export type SandboxBreach = 'timeout' | 'output' | 'result' | 'cancelled';

export interface SandboxProcessOptions {
  command: string;
  args: string[];
  uid?: number;
  gid?: number;
  /** Written to fds 4, 5… at start and closed: bwrap reads them while it sets up (`--file`, `--seccomp`). */
  setupFiles: Buffer[];
  /** Pipes after the setup files, written by `finish` (the prelude reads them when it is ready). */
  inputPipes: number;
  outputBytes: number;
  resultBytes: number;
}

export interface SandboxProcessOutcome {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  breach: SandboxBreach | null;
  stdout: string;
  stderr: string;
  /** What the prelude wrote on fd 3 (empty when it never got there). */
  envelope: Buffer;
  spawnedAt: number;
  /** When the run's inputs were handed over (later than `spawnedAt` for a warm sandbox). */
  assignedAt: number;
  /** True when pandas was already loaded at hand-over (a warm sandbox): the run paid no start. */
  readyBeforeAssigned: boolean;
  endedAt: number;
}

/** A started sandbox process, waiting for its inputs (a warm one may wait a while). */
export interface SandboxProcess {
  /** Writes the inputs, closes their pipes, and supervises the run (wall time, cancellation) to its end. */
  finish(inputs: Buffer[], options: { wallTimeMs: number; signal?: AbortSignal }): Promise<SandboxProcessOutcome>;
  /** False once the process has exited: a dead warm sandbox is not used. */
  readonly alive: boolean;
  /** Settles when the prelude has imported pandas and waits for its inputs (or the process ended). */
  readonly ready: Promise<void>;
  /** Kills the whole run (SIGKILL to the process group). */
  kill(): void;
  /** Lets Node exit while this idle process lives; closing our pipe ends then makes it exit. */
  unref(): void;
}

/**
 * Starts the sandbox command in its own process group and supervises it: output and result
 * caps from the start, wall time and cancellation from `finish`. Every breach sends SIGKILL to
 * the group; the outer bwrap dying takes the PID namespace (and so every process the code
 * started) with it. `finish` resolves once all the child's pipes are closed.
 */
export function startSandboxProcess(options: SandboxProcessOptions): SandboxProcess {
  const spawnedAt = Date.now();
  const child = spawn(options.command, options.args, {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', ...options.setupFiles.map(() => 'pipe' as const), ...Array.from({ length: options.inputPipes }, () => 'pipe' as const)],
    detached: true, // own process group, so one kill reaches prlimit/bwrap and nothing else
    env: { PATH: '/usr/bin:/bin' },
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
  });
  let breach: SandboxBreach | null = null;
  let exited = false;
  const kill = (reason?: SandboxBreach): void => {
    if (reason) breach ??= reason;
    try {
      if (child.pid !== undefined && !exited) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };

  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const envelope: Buffer[] = [];
  let outputBytes = 0;
  let resultBytes = 0;
  const collectOutput = (target: Buffer[]) => (chunk: Buffer) => {
    const room = options.outputBytes - outputBytes;
    if (room > 0) target.push(chunk.subarray(0, room));
    outputBytes += chunk.length;
    if (outputBytes > options.outputBytes) kill('output');
  };
  child.stdout!.on('data', collectOutput(stdout));
  child.stderr!.on('data', collectOutput(stderr));
  const resultStream = child.stdio[3] as Readable;
  let markReady: () => void = () => undefined;
  let isReady = false;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  resultStream.once('data', () => {
    isReady = true;
    markReady();
  });
  resultStream.on('data', (chunk: Buffer) => {
    resultBytes += chunk.length;
    if (resultBytes > options.resultBytes) kill('result');
    else envelope.push(chunk);
  });
  const writeTo = (fd: number, data: Buffer): void => {
    const stream = child.stdio[fd] as Writable;
    stream.on('error', () => undefined); // EPIPE when the sandbox died before reading: reported by the exit
    stream.end(data);
  };
  options.setupFiles.forEach((file, index) => writeTo(4 + index, file));

  const closed = new Promise<{ exitCode: number | null; exitSignal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) => resolve({ exitCode, exitSignal }));
  });
  child.on('exit', () => {
    exited = true;
  });
  closed.then(markReady, markReady);
  closed.catch(() => undefined); // observed by finish; an idle warm sandbox may fail unobserved

  return {
    get alive() {
      return !exited && child.exitCode === null && child.signalCode === null;
    },
    ready,
    kill: () => kill(),
    unref() {
      child.unref();
      for (const stream of child.stdio) (stream as { unref?: () => void } | null)?.unref?.();
    },
    async finish(inputs, { wallTimeMs, signal }) {
      const assignedAt = Date.now();
      const readyBeforeAssigned = isReady;
      // A warm sandbox was unref'd while idle; while it runs for someone, it keeps Node alive.
      child.ref();
      for (const stream of child.stdio) (stream as { ref?: () => void } | null)?.ref?.();
      const firstInput = 4 + options.setupFiles.length;
      inputs.forEach((input, index) => writeTo(firstInput + index, input));
      const timer = setTimeout(() => kill('timeout'), wallTimeMs);
      const onAbort = (): void => kill('cancelled');
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const { exitCode, exitSignal } = await closed;
        return {
          exitCode,
          exitSignal,
          breach,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
          envelope: Buffer.concat(envelope),
          spawnedAt,
          assignedAt,
          readyBeforeAssigned,
          endedAt: Date.now(),
        };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
