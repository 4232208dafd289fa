import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { runServe } from './serve-command.js';
import { runTokenCreate, runTokenList } from './token-command.js';

function memoryIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => ((err += text), true), isTTY: false } as unknown as CliIo['stderr'],
    out: () => out,
    err: () => err,
  };
}

describe('insightx serve and token', () => {
  it('creates a token, serves (printing the URL and local mode), refuses a second store user, stops on a signal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'insightx-serve-'));
    const dataDir = path.join(dir, 'data');

    const tokenIo = memoryIo(dir);
    expect(await runTokenCreate(tokenIo, { workspace: 'acme', dataDir })).toBe(0);
    const token = tokenIo.out().trim();
    expect(token).toMatch(/^ixk_/);
    expect(tokenIo.err()).toContain('shown once');

    const io = memoryIo(dir);
    let stop!: (signal: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const serving = runServe(io, { port: '0', dataDir }, () => stopped);
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(io.out())?.[1]);
    expect(io.out()).toContain('local single-user mode');

    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', localMode: true });
    const threads = await fetch(`${url}/api/threads`, { headers: { authorization: `Bearer ${token}` } });
    expect(threads.status).toBe(200);

    // The embedded store belongs to the server while it runs.
    await expect(runTokenList(memoryIo(dir), { workspace: 'acme', dataDir })).rejects.toMatchObject({ code: 'STORE_LOCKED' });

    stop('SIGTERM');
    expect(await serving).toBe(0);
    expect(io.out()).toContain('SIGTERM: shutting down');
    expect(io.out()).toContain('stopped');
    const listIo = memoryIo(dir);
    await runTokenList(listIo, { workspace: 'acme', dataDir });
    expect(listIo.out()).toMatch(/^tok_\S+\t-\tcreated .*last used 20/m);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a port that is not a number', async () => {
    await expect(runServe(memoryIo(tmpdir()), { port: 'eighty' }, async () => 'SIGTERM')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
