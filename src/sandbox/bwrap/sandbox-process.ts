import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Why the supervisor ended a run itself (rather than the process exiting on its own). */
export type SandboxBreach = 'timeout' | 'output' | 'result' | 'cancelled';

export interface SandboxProcessOptions {
  command: string;
  args: string[];
  uid?: number;
  gid?: number;
  /** Written to fds 4, 5, 6… of the child, then closed. */
  files: Buffer[];
  wallTimeMs: number;
  outputBytes: number;
  resultBytes: number;
  signal?: AbortSignal;
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
  endedAt: number;
}

/**
 * Starts the sandbox command in its own process group and supervises it: wall time, output and
 * result caps, cancellation. Every breach sends SIGKILL to the group; the outer bwrap dying takes
 * the PID namespace (and so every process the code started) with it. Resolves once all the
 * child's pipes are closed, i.e. when nothing of the run is left holding them.
 */
export function runSandboxProcess(options: SandboxProcessOptions): Promise<SandboxProcessOutcome> {
  return new Promise((resolve, reject) => {
    const spawnedAt = Date.now();
    const child = spawn(options.command, options.args, {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', ...options.files.map(() => 'pipe' as const)],
      detached: true, // own process group, so one kill reaches prlimit/bwrap and nothing else
      env: { PATH: '/usr/bin:/bin' },
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
    });
    let breach: SandboxBreach | null = null;
    const kill = (reason: SandboxBreach): void => {
      breach ??= reason;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
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
    resultStream.on('data', (chunk: Buffer) => {
      resultBytes += chunk.length;
      if (resultBytes > options.resultBytes) kill('result');
      else envelope.push(chunk);
    });

    options.files.forEach((file, index) => {
      const stream = child.stdio[4 + index] as Writable;
      stream.on('error', () => undefined); // EPIPE when the sandbox dies before reading: reported by exit
      stream.end(file);
    });

    const timer = setTimeout(() => kill('timeout'), options.wallTimeMs);
    const onAbort = (): void => kill('cancelled');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode,
        exitSignal,
        breach,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        envelope: Buffer.concat(envelope),
        spawnedAt,
        endedAt: Date.now(),
      });
    });
  });
}
