import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBwrapPythonRunner } from '../../src/sandbox/bwrap/bwrap-python-runner.js';
import { listSandboxProcesses, type HostProcess } from '../../src/sandbox/bwrap/sandbox-processes.js';
import { createUidLeases } from '../../src/sandbox/bwrap/uid-lease.js';
import { detectPython } from '../../src/sandbox/detect-python.js';
import { requireService } from '../support/services.js';

const availability = await detectPython();
const available = requireService('python', availability.available ? null : availability.message, 'The sandbox resource tests');
const asRoot = process.getuid?.() === 0;

const repository = resolve(new URL('../..', import.meta.url).pathname);

/** Python interpreters of sandboxes on `range` (the outer bwrap and its init are not counted). */
async function pythons(range: { first: number; count: number }): Promise<HostProcess[]> {
  return (await listSandboxProcesses(range)).filter((entry) => entry.args.startsWith('/usr/bin/python3 '));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let round = 0; round < 600; round += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!available)('the sandbox filesystem', () => {
  const uids = { first: 62_450, count: 10 };
  const runner = createBwrapPythonRunner({ uidRange: uids, limits: { workDirBytes: 64 * 1024 * 1024 } });

  it('cannot write more than its work dir and /dev/shm hold, wherever it writes', async () => {
    // 4 MiB blocks into new files in every place a program might try, until each place refuses.
    const result = await runner.run({
      inputs: [],
      code:
      [
        'import errno, os',
        'written = {}',
        "block = b'x' * (4 << 20)",
        "for place in ['/', '/etc', '/dev', '/dev/shm', '/tmp', '/work', '/proc/self']:",
        '    total = 0',
        '    for index in range(64):',
        '        try:',
        "            with open(os.path.join(place, f'fill{index}'), 'wb') as handle:",
        '                total += handle.write(block)',
        '        except OSError as error:',
        '            total += 0',
        '            if error.errno != errno.ENOSPC or index == 0:',
        '                break',
        '    written[place] = total',
        'memfd_total = 0',
        'try:',
        "    memfd = os.memfd_create('fill')",
        '    for index in range(32):',
        '        memfd_total += os.write(memfd, block)',
        'except OSError:',
        '    pass',
        "written['memfd'] = memfd_total",
        "refused = {'/etc': 'none'}",
        'try:',
        "    open('/etc/evil', 'w')",
        'except OSError as error:',
        "    refused['/etc'] = errno.errorcode[error.errno]",
        "result = {'written': written, 'refused': refused}",
      ].join('\n'),
    });
    const { written, refused } = result.result as { written: Record<string, number>; refused: Record<string, string> };
    const mib = 1024 * 1024;
    expect(refused['/etc']).toBe('EROFS');
    expect(written['/']).toBe(0);
    expect(written['/etc']).toBe(0);
    expect(written['/dev']).toBe(0);
    expect(written['/tmp']).toBe(0);
    expect(written['/dev/shm']).toBeLessThanOrEqual(1 * mib);
    expect(written['/work']).toBeGreaterThan(32 * mib); // the work dir itself is usable
    const onDisk = Object.entries(written).filter(([place]) => place !== 'memfd').reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(onDisk).toBeLessThanOrEqual(65 * mib);
    // A memory-backed file is no way around it: refused, or never past the work dir's size.
    expect(written.memfd).toBeLessThanOrEqual(64 * mib);
  });

  it.skipIf(process.arch !== 'x64')('cannot hold memory that no limit counts: memfd_create and System V shared memory are refused', async () => {
    const result = await runner.run({
      inputs: [],
      code: [
        'import ctypes, errno, os',
        'outcome = {}',
        'try:',
        "    os.memfd_create('hold')",
        "    outcome['memfd_create'] = 'created'",
        'except OSError as error:',
        "    outcome['memfd_create'] = errno.errorcode[error.errno]",
        'libc = ctypes.CDLL(None, use_errno=True)',
        'segment = libc.shmget(0, 1 << 20, 0o1600)',
        "outcome['shmget'] = 'created' if segment >= 0 else errno.errorcode[ctypes.get_errno()]",
        'result = outcome',
      ].join('\n'),
    });
    expect(result.result).toEqual({ memfd_create: 'EPERM', shmget: 'EPERM' });
  });
});

describe.skipIf(!available)('sandboxes shared by many callers', () => {
  it('starts one warm sandbox however many questions ask for one at once, and leaves none after close', async () => {
    const uids = { first: 62_300, count: 40 };
    const runner = createBwrapPythonRunner({ uidRange: uids });
    await Promise.all(Array.from({ length: 12 }, () => runner.warm!()));
    expect(await pythons(uids)).toHaveLength(1);
    await Promise.all(Array.from({ length: 12 }, () => runner.warm!())); // still warm: nothing new
    expect(await pythons(uids)).toHaveLength(1);
    await runner.close!();
    expect(await listSandboxProcesses(uids)).toEqual([]);
  });

  it('leaves no sandbox process behind after concurrent questions that each warm a sandbox and run', async () => {
    const uids = { first: 62_350, count: 40 };
    const runner = createBwrapPythonRunner({ uidRange: uids, warmIdleMs: 500 });
    // What the pipeline does for each Python question: warm without waiting, then run.
    const question = async (index: number) => {
      void runner.warm!().catch(() => undefined);
      return (await runner.run({ code: `result = ${index} * 2`, inputs: [] })).result;
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => question(index)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, index) => index * 2));
    // A warm sandbox nobody took stops at its idle limit (500 ms here) without close().
    await waitFor('the idle warm sandbox to stop', async () => ((await listSandboxProcesses(uids)).length === 0 ? true : undefined));
    expect(await listSandboxProcesses(uids)).toEqual([]);
  });

  it.skipIf(!asRoot)("does not run as a uid another InsightX process is using, so it never kills that process's run", async () => {
    const uids = { first: 62_400, count: 2 };
    const other = spawn(process.execPath, ['bin/run-ts.js', 'test/support/sandbox-uid-holder.ts', String(uids.first), String(uids.count), '6'], {
      cwd: repository,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    other.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise((done) => other.once('exit', done));
    try {
      const [held] = await waitFor('the other process to start its sandbox', async () => {
        const found = await pythons(uids);
        return found.length > 0 ? found : undefined;
      });
      // This process runs on the same two uids, one after the other: every uid is tried, and
      // each run's clean-up kills whatever runs as its uid.
      const runner = createBwrapPythonRunner({ uidRange: uids });
      for (let index = 0; index < 4; index += 1) {
        expect((await runner.run({ code: `result = ${index}`, inputs: [] })).result).toBe(index);
      }
      expect((await pythons(uids)).map((entry) => entry.uid)).toEqual([held!.uid]);
      await exited;
      expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({ result: 'survived' });
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('uid leases', () => {
  it('gives a uid to one holder at a time and takes over the lease of a holder that died', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'insightx-uid-leases-'));
    try {
      const mine = createUidLeases(directory);
      expect(await mine.tryAcquire(7)).toBe('acquired');
      expect(await mine.tryAcquire(7)).toBe('held');
      await mine.release(7);
      expect(await mine.tryAcquire(7)).toBe('acquired');
      // A lease written by a process that is gone (pid 1's start time never matches '1').
      writeFileSync(join(directory, '8.lock'), '999999999 1\n');
      expect(await mine.tryAcquire(8)).toBe('taken-over');
      // A lease of a live process (this one, with another start time on record: a reused pid is not the owner).
      writeFileSync(join(directory, '9.lock'), `${process.pid} 1\n`);
      expect(await mine.tryAcquire(9)).toBe('taken-over');
      expect(readdirSync(directory).sort()).toEqual(['7.lock', '8.lock', '9.lock']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
