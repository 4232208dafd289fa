import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DEFAULT_PROGRAMS, buildSandboxCommand, sandboxSetupFiles, type SandboxPrograms } from './bwrap/bwrap-command.js';
import { createSandboxIdentityPool } from './bwrap/sandbox-identity.js';
import { startSandboxProcess } from './bwrap/sandbox-process.js';
import { DEFAULT_SANDBOX_LIMITS, type PythonAvailability } from './python-runner.js';

const execFileAsync = promisify(execFile);
const REQUIRED_MODULES = ['pandas', 'numpy', 'scipy'];
const OPTIONAL_MODULES = ['matplotlib'];
const INSTALL_HINT = 'apt-get install python3 python3-pandas python3-numpy python3-scipy python3-matplotlib bubblewrap';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Module name → version (or null when missing), without importing the modules (fast). */
async function moduleVersions(python: string): Promise<Record<string, string | null>> {
  const script = [
    'import importlib.util, importlib.metadata, json, sys',
    'def version(name):',
    '    if importlib.util.find_spec(name) is None: return None',
    '    try: return importlib.metadata.version(name)',
    '    except Exception: return "unknown"',
    `print(json.dumps({name: version(name) for name in ${JSON.stringify([...REQUIRED_MODULES, ...OPTIONAL_MODULES])}}))`,
  ].join('\n');
  const { stdout } = await execFileAsync(python, ['-I', '-c', script], { timeout: 15_000, env: { PATH: '/usr/bin:/bin' } });
  return JSON.parse(stdout) as Record<string, string | null>;
}

/** Starts an empty sandbox: proves namespaces, the uid switch and the mounts work here. */
async function probeSandbox(programs: SandboxPrograms): Promise<string | null> {
  const identity = await createSandboxIdentityPool().acquire(DEFAULT_SANDBOX_LIMITS.maxProcesses);
  try {
    const { command, args } = buildSandboxCommand({
      programs,
      limits: DEFAULT_SANDBOX_LIMITS,
      preludeBytes: 0,
      processLimit: identity.processLimit,
      pythonArgs: ['-I', '-c', 'import numpy'],
    });
    const outcome = await startSandboxProcess({
      command,
      args,
      uid: identity.uid,
      gid: identity.gid,
      setupFiles: sandboxSetupFiles(Buffer.alloc(0)),
      inputPipes: 2,
      outputBytes: 64 * 1024,
      resultBytes: 1024,
    }).finish([Buffer.alloc(0), Buffer.alloc(0)], { wallTimeMs: 20_000 });
    return outcome.exitCode === 0 ? null : outcome.stderr.trim().split('\n').slice(-1)[0] || `exit code ${outcome.exitCode}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await identity.release();
  }
}

/**
 * Whether sandboxed Python analysis can run on this machine: python3 with pandas, numpy and
 * scipy, bubblewrap, prlimit, and user namespaces that actually start. Never throws; `message`
 * is the one line people are told at start (and the reason answers fall back to SQL-only).
 */
export async function detectPython(programs: SandboxPrograms = DEFAULT_PROGRAMS): Promise<PythonAvailability> {
  const missing: string[] = [];
  const [hasPython, hasBwrap, hasPrlimit] = await Promise.all([isExecutable(programs.python), isExecutable(programs.bwrap), isExecutable(programs.prlimit)]);
  let versions: Record<string, string | null> = {};
  if (!hasPython) missing.push('python3');
  else {
    try {
      versions = await moduleVersions(programs.python);
    } catch {
      missing.push('python3');
    }
    for (const name of REQUIRED_MODULES) if (hasPython && !missing.includes('python3') && !versions[name]) missing.push(name);
  }
  if (!hasBwrap) missing.push('bwrap');
  if (!hasPrlimit) missing.push('prlimit');

  if (missing.length > 0) {
    return {
      available: false,
      missing,
      message: `Python analysis is off: ${missing.join(', ')} not found (${INSTALL_HINT}). Statistics questions use SQL-only methods instead.`,
    };
  }
  const probeError = await probeSandbox(programs);
  if (probeError !== null) {
    return {
      available: false,
      missing: ['namespaces'],
      message: `Python analysis is off: the bubblewrap sandbox cannot start here (${probeError}). Statistics questions use SQL-only methods instead.`,
    };
  }
  const figures = versions.matplotlib ? '' : ' (no matplotlib: no figures)';
  return {
    available: true,
    missing: versions.matplotlib ? [] : ['matplotlib'],
    message: `Python analysis is on: pandas ${versions.pandas}, numpy ${versions.numpy}, scipy ${versions.scipy} in a bubblewrap sandbox${figures}.`,
  };
}
