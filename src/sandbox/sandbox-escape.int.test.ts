import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBwrapPythonRunner } from './bwrap/bwrap-python-runner.js';
import { listSandboxProcesses } from './bwrap/sandbox-processes.js';
import { detectPython } from './detect-python.js';
import type { PythonRunResult } from './python-runner.js';
import { requireService } from '../../test/support/services.js';

const availability = await detectPython();
const available = requireService('python', availability.available ? null : availability.message, 'The sandbox escape tests');

/** The repository and InsightX's data dir: what the code must never see. */
const repository = resolve(new URL('../..', import.meta.url).pathname);
const dataDir = join(repository, '.insightx');

/** This file's own sandbox uids (as root), so runs of other test files running meanwhile do not count. */
const UIDS = { first: 62_000, count: 50 };
/** Every process these tests leave behind on purpose runs `sleep 100x`. */
const LEFTOVER = 'sleep 100';

describe.skipIf(!available)('sandbox containment', () => {
  const runner = createBwrapPythonRunner({
    uidRange: UIDS,
    limits: { wallTimeMs: 20_000, cpuTimeSeconds: 3, memoryBytes: 768 * 1024 * 1024, outputBytes: 64 * 1024, maxProcesses: 16 },
  });
  const run = (code: string): Promise<PythonRunResult> => runner.run({ code, inputs: [] });

  afterEach(async () => {
    // Whatever the code did, no process of the run outlives it.
    expect(await listSandboxProcesses(UIDS, LEFTOVER)).toEqual([]);
  });

  it('has no network: neither a local port nor a public address can be reached', async () => {
    const connect = (host: string) =>
      `import socket\ntry:\n    socket.create_connection(('${host}', ${host === '127.0.0.1' ? 5432 : 80}), timeout=3)\n    result = 'connected'\nexcept OSError as error:\n    result = type(error).__name__ + ': ' + str(error)`;
    const local = await run(connect('127.0.0.1'));
    const remote = await run(connect('1.1.1.1'));
    expect(local.result).toMatch(/refused|unreachable/i);
    expect(remote.result).toMatch(/unreachable|timed out/i);
    const interfaces = await run("import socket\nresult = [name for _, name in socket.if_nameindex()]");
    expect(interfaces.result).toEqual(['lo']);
  });

  it('cannot write outside its work dir, and what it writes never reaches the host', async () => {
    const hostPath = join(tmpdir(), `insightx-escape-${process.pid}`);
    const result = await run(
      [
        'import os',
        'outcome = {}',
        `for path in ['/usr/evil', '/etc/evil', '/sandbox/evil', '${hostPath}', '${repository}/evil']:`,
        '    try:',
        "        open(path, 'w').write('x')",
        "        outcome[path] = 'written'",
        '    except OSError as error:',
        '        outcome[path] = type(error).__name__',
        "open('/work/ok.txt', 'w').write('fine')",
        "outcome['/work/ok.txt'] = open('/work/ok.txt').read()",
        'result = outcome',
      ].join('\n'),
    );
    const outcome = result.result as Record<string, string>;
    expect(outcome['/usr/evil']).toBe('OSError'); // read-only file system
    expect(outcome['/etc/evil']).toBe('OSError'); // the root tmpfs is read-only too
    expect(outcome['/sandbox/evil']).toMatch(/OSError|PermissionError/);
    expect(outcome['/work/ok.txt']).toBe('fine');
    expect(existsSync(hostPath)).toBe(false);
    expect(existsSync(join(repository, 'evil'))).toBe(false);
    rmSync(hostPath, { force: true });
  });

  it('cannot read /etc/shadow, /root, the repository, the InsightX data dir or the host /tmp', async () => {
    const result = await run(
      [
        'import os',
        `paths = ['/etc/shadow', '/etc/passwd', '/root', '${repository}', '${dataDir}', '/work/main', '${tmpdir()}', '/proc/1/root/etc/shadow']`,
        'result = {path: os.path.exists(path) for path in paths}',
      ].join('\n'),
    );
    expect(Object.values(result.result as Record<string, boolean>)).not.toContain(true);
  });

  it('sees a clean environment and runs as an unprivileged user', async () => {
    const result = await run("import os\nresult = {'env': sorted(os.environ), 'uid': os.getuid(), 'caps': open('/proc/self/status').read().split('CapEff:')[1].split()[0]}");
    const { env, uid, caps } = result.result as { env: string[]; uid: number; caps: string };
    expect(env.filter((name) => /KEY|TOKEN|SECRET|DATABASE|INSIGHTX/i.test(name))).toEqual([]);
    expect(uid).not.toBe(0);
    expect(Number.parseInt(caps, 16)).toBe(0);
  });

  it('stops a fork bomb with SANDBOX_PROCESS_LIMIT', async () => {
    const bomb = "import os\nwhile True:\n    if os.fork() == 0:\n        os.execvp('sleep', ['sleep', '1003'])";
    await expect(run(bomb)).rejects.toMatchObject({ code: 'SANDBOX_PROCESS_LIMIT' });
  });

  it('stops a memory bomb with SANDBOX_MEMORY', async () => {
    await expect(run("blocks = []\nwhile True:\n    blocks.append(' ' * 10**7)")).rejects.toMatchObject({ code: 'SANDBOX_MEMORY' });
    await expect(run('import numpy\nx = numpy.ones(10**10)')).rejects.toMatchObject({ code: 'SANDBOX_MEMORY' });
  });

  it('stops a busy infinite loop at the CPU limit', async () => {
    // A generous wall time: on a loaded machine 3 CPU seconds can take much longer than 3 s.
    await expect(runner.run({ code: 'while True:\n    pass', inputs: [], limits: { wallTimeMs: 120_000 } })).rejects.toMatchObject({ code: 'SANDBOX_CPU_LIMIT' });
  });

  it('stops code that sleeps past the wall time', async () => {
    await expect(runner.run({ code: 'import time\ntime.sleep(1000)', inputs: [], limits: { wallTimeMs: 2_000 } })).rejects.toMatchObject({ code: 'SANDBOX_TIMEOUT' });
  });

  it('stops huge output with SANDBOX_OUTPUT_LIMIT', async () => {
    await expect(run("while True:\n    print('x' * 1000)")).rejects.toMatchObject({ code: 'SANDBOX_OUTPUT_LIMIT' });
  });

  it('leaves no child process behind after the code exits', async () => {
    const result = await run("import subprocess\nsubprocess.Popen(['sleep', '1000'])\nsubprocess.Popen(['sh', '-c', 'nohup sleep 1001 &'])\nresult = 'spawned'");
    expect(result.result).toBe('spawned');
    // afterEach asserts that no `sleep` (and no process of a sandbox uid) is alive.
  });

  it('leaves no process behind when it is killed for a limit', async () => {
    await expect(runner.run({ code: "import subprocess, time\nsubprocess.Popen(['sleep', '1002'])\ntime.sleep(1000)", inputs: [], limits: { wallTimeMs: 2_000 } })).rejects.toMatchObject({
      code: 'SANDBOX_TIMEOUT',
    });
  });
});
