import { lstatSync, readlinkSync } from 'node:fs';
import type { SandboxLimits } from '../python-runner.js';
import { buildSeccompFilter } from './seccomp-filter.js';

/** Paths of the programs the sandbox needs; Debian's locations by default. */
export interface SandboxPrograms {
  python: string;
  bwrap: string;
  prlimit: string;
}

export const DEFAULT_PROGRAMS: SandboxPrograms = { python: '/usr/bin/python3', bwrap: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit' };

/**
 * File descriptors of the child: 3 carries the result envelope out; 4 carries the prelude in
 * (bwrap copies it into the sandbox at setup); 5 the seccomp filter (bwrap loads it); 6 and 7
 * carry the input bundle and the code, read by the prelude once pandas is imported — so a
 * sandbox can be started before its run.
 */
export const RESULT_FD = 3;
export const PRELUDE_FD = 4;
export const SECCOMP_FD = 5;
export const INPUT_FDS = { bundle: 6, code: 7 } as const;

/** What goes into fds 4, 5…, in order, at start (`SandboxProcessOptions.setupFiles`). */
export function sandboxSetupFiles(prelude: Buffer): Buffer[] {
  return [prelude, buildSeccompFilter()];
}

/** Inside the sandbox: inputs in a read-only dir, a writable tmpfs work dir (also HOME). */
const SANDBOX_DIR = '/sandbox';
const WORK_DIR = '/work';

/**
 * /dev/shm: POSIX semaphores and shared memory (multiprocessing locks need a few files of a
 * page each). Its own small tmpfs; with /work it is all the sandbox can write.
 */
export const SHM_BYTES = 1024 * 1024;

/**
 * The few /etc entries Python, numpy (BLAS via /etc/alternatives) and matplotlib need.
 * Deliberately not /etc as a whole (passwd, shadow, ssh keys, configs with secrets).
 */
const ETC_ENTRIES = ['/etc/alternatives', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime', '/etc/matplotlibrc', '/etc/fonts', '/etc/python3', '/etc/python3.11', '/etc/python3.12', '/etc/python3.13'];

/** Top-level system dirs: a symlink on merged-/usr systems (Debian 12), a directory elsewhere. */
const SYSTEM_ROOTS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

function systemRootArgs(): string[] {
  const args: string[] = [];
  for (const root of SYSTEM_ROOTS) {
    try {
      const stat = lstatSync(root);
      if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(root), root);
      else if (stat.isDirectory()) args.push('--ro-bind', root, root);
    } catch {
      // absent on this system: nothing to mount
    }
  }
  return args;
}

export interface SandboxCommandOptions {
  programs: SandboxPrograms;
  limits: SandboxLimits;
  /** Bytes of the prelude, to size the read-only tmpfs that holds it. */
  preludeBytes: number;
  /** RLIMIT_NPROC value: counted per host uid, so it includes processes the uid already has. */
  processLimit: number;
  /** Argument list of the Python process inside the sandbox. */
  pythonArgs: string[];
}

/**
 * `prlimit … -- bwrap … python3 …`: the rlimits are set before bwrap starts and are inherited by
 * everything inside; bwrap gives fresh namespaces (no network: only a downed loopback), a
 * read-only /usr and root, capped tmpfs dirs, a clean environment and its own session. With `--die-with-parent`
 * and a PID namespace, killing the outer bwrap kills every process of the run.
 */
export function buildSandboxCommand(options: SandboxCommandOptions): { command: string; args: string[] } {
  const { programs, limits } = options;
  const cpu = Math.max(1, Math.ceil(limits.cpuTimeSeconds));
  const prlimitArgs = [
    `--cpu=${cpu}:${cpu + 1}`, // SIGXCPU at the soft limit, SIGKILL a second later
    `--as=${limits.memoryBytes}`,
    `--nproc=${options.processLimit}`,
    // No file (memfd_create included) larger than the work dir: EFBIG, which Python raises.
    `--fsize=${limits.workDirBytes}`,
    '--core=0',
    '--',
  ];
  const bwrapArgs = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--hostname',
    'sandbox',
    '--uid',
    '1000',
    '--gid',
    '1000',
    '--ro-bind',
    '/usr',
    '/usr',
    ...systemRootArgs(),
    ...ETC_ENTRIES.flatMap((entry) => ['--ro-bind-try', entry, entry]),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(SHM_BYTES),
    '--tmpfs',
    '/dev/shm',
    '--size',
    String(limits.workDirBytes),
    '--tmpfs',
    WORK_DIR,
    '--size',
    String(options.preludeBytes + 64 * 1024),
    '--tmpfs',
    SANDBOX_DIR,
    '--perms',
    '0444',
    '--file',
    String(PRELUDE_FD),
    `${SANDBOX_DIR}/prelude.py`,
    '--remount-ro',
    SANDBOX_DIR,
    // The root and /dev are tmpfs mounts bwrap makes without a size (half the host's RAM):
    // read-only, so /work and /dev/shm, both capped, are all the code can write.
    '--remount-ro',
    '/dev',
    '--remount-ro',
    '/',
    '--seccomp',
    String(SECCOMP_FD),
    '--chdir',
    WORK_DIR,
    '--clearenv',
    ...Object.entries(SANDBOX_ENV).flatMap(([name, value]) => ['--setenv', name, value]),
    '--',
    programs.python,
    ...options.pythonArgs,
  ];
  return { command: programs.prlimit, args: [...prlimitArgs, programs.bwrap, ...bwrapArgs] };
}

/** The whole environment of the Python process: nothing of the host's leaks in. */
const SANDBOX_ENV: Record<string, string> = {
  PATH: '/usr/bin:/bin',
  HOME: WORK_DIR,
  TMPDIR: WORK_DIR,
  LANG: 'C.UTF-8',
  MPLBACKEND: 'Agg',
  MPLCONFIGDIR: `${WORK_DIR}/.matplotlib`,
  // One BLAS/OpenMP thread: threads count against RLIMIT_NPROC and the machine is shared.
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
};

/** Python arguments for a run: isolated mode, no bytecode writes, unbuffered output. */
export function preludeArgs(): string[] {
  return ['-I', '-B', '-u', `${SANDBOX_DIR}/prelude.py`, String(INPUT_FDS.bundle), String(INPUT_FDS.code)];
}
