import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { requestSse } from '../../src/server/testing/sse-client.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];

function startServer(dataDir: string): Promise<{ url: string; recovered: string[]; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/http/support/crashable-server.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, url, recovered = ''] = line.split(' ');
      if (word === 'LISTENING') resolve({ url, recovered: recovered.split(',').filter(Boolean), child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

describe('a server killed mid-run', () => {
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('marks the interrupted run failed on restart, and its stream ends with error + run-end', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'insightx-crash-'));
    dirs.push(dataDir);
    const first = await startServer(dataDir);
    const thread = (await (await fetch(`${first.url}/api/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { id: string };
    const stream = await requestSse({
      url: `${first.url}/api/threads/${thread.id}/messages`,
      method: 'POST',
      body: { content: 'How many payments failed?' },
      onEvent: (event) => (event.type === 'route-decided' ? 'drop' : undefined),
    });
    const runId = stream.headers['x-run-id'] as string;
    const lastSeen = stream.events.at(-1)!.seq;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startServer(dataDir);
    expect(second.recovered).toEqual([runId]);
    const run = (await (await fetch(`${second.url}/api/runs/${runId}`)).json()) as { status: string; error: { code: string } };
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });

    const resumed = await requestSse({ url: `${second.url}/api/runs/${runId}/events`, headers: { 'last-event-id': String(lastSeen) } });
    const tail = resumed.events.slice(-2);
    expect(tail).toEqual([
      expect.objectContaining({ type: 'error', code: 'RUN_INTERRUPTED' }),
      expect.objectContaining({ type: 'run-end', status: 'failed' }),
    ]);
    const seqs = [...stream.events, ...resumed.events].map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    // The question survived the crash.
    const { messages } = (await (await fetch(`${second.url}/api/threads/${thread.id}/messages`)).json()) as { messages: { role: string; content: string }[] };
    expect(messages[0]).toMatchObject({ role: 'user', content: 'How many payments failed?' });
  });
});
