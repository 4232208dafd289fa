// Starts bench/load/server.ts (the real composition root) in its own process on a loopback
// port, for the load and leak benchmarks, and asks questions of it over SSE.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { RunEvent } from '../../src/core/events.js';
import { requestSse } from '../../src/server/testing/sse-client.js';

export interface LoadServer {
  base: string;
  pid: number;
  /** Full garbage collection in the server (it runs with --expose-gc). */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export interface LoadServerOptions {
  databaseUrl?: string;
  /** Directory for a V8 CPU profile of the server (`--cpu-prof`), written when it stops. */
  cpuProfileDir?: string;
}

export async function startLoadServer(options: LoadServerOptions = {}): Promise<LoadServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'insightx-load-'));
  const schema = `insightx_load_${process.pid}`;
  const storeArgs = options.databaseUrl ? [options.databaseUrl, schema] : [];
  const profileArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const server: ChildProcess = spawn(process.execPath, ['--expose-gc', ...profileArgs, 'bin/run-ts.js', 'bench/load/server.ts', dataDir, ...storeArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout! });
  let onGc: (() => void) | null = null;
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 120 s')), 120_000);
    lines.on('line', (line) => {
      if (line.startsWith('LISTENING ')) {
        clearTimeout(timer);
        resolve(line.slice('LISTENING '.length));
      }
      if (line === 'GC-DONE') onGc?.();
      if (line.startsWith('LOOP-DELAY')) console.log(`server event loop delay since the last reading: ${line.slice('LOOP-DELAY '.length)}`);
    });
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    base,
    pid: server.pid!,
    collectGarbage: () =>
      new Promise<void>((resolve) => {
        onGc = resolve;
        server.kill('SIGUSR2');
      }),
    async stop() {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
      if (options.databaseUrl) {
        const client = new pg.Client({ connectionString: options.databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

export async function postJson(url: string, body: unknown, deadline: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  });
  return (await response.json()) as Record<string, unknown>;
}

export interface RunSample {
  ok: boolean;
  route: string | null;
  /** Whether the server said the run waited for a free slot (`run-start.queued`). */
  queued: boolean;
  firstEventMs: number;
  runEndMs: number;
  lost: number;
  error?: string;
}

/** One question over SSE, then the stored replay of the same run: what the stream missed is lost. */
export async function ask(base: string, threadId: string, question: string, deadline: number): Promise<RunSample> {
  const started = performance.now();
  let firstEventMs = Number.NaN;
  let runEndMs = Number.NaN;
  const failed = (error: string): RunSample => ({ ok: false, route: null, queued: false, firstEventMs, runEndMs, lost: 0, error });
  try {
    const stream = await requestSse({
      url: `${base}/api/threads/${threadId}/messages`,
      method: 'POST',
      body: { content: question },
      onEvent: (event) => {
        if (Number.isNaN(firstEventMs)) firstEventMs = performance.now() - started;
        if (event.type === 'run-end') runEndMs = performance.now() - started;
        return Date.now() > deadline ? 'drop' : undefined;
      },
    });
    const runId = stream.headers['x-run-id'] as string | undefined;
    if (stream.status !== 200 || !runId) return failed(`HTTP ${stream.status}`);
    const replay = await requestSse({ url: `${base}/api/runs/${runId}/events` });
    const received = new Set(stream.events.map((event: RunEvent) => event.seq));
    const lost = replay.events.filter((event) => !received.has(event.seq)).length;
    const end = stream.events.at(-1);
    const ok = end?.type === 'run-end' && end.status === 'completed';
    const route = end?.type === 'run-end' ? end.route : null;
    const queued = stream.events.some((event) => event.type === 'run-start' && event.queued !== undefined);
    return { ok, route, queued, firstEventMs, runEndMs, lost, error: ok ? undefined : end?.type === 'run-end' ? `run ${end.status}` : 'stream ended early' };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
