// Load benchmark (issue "Load"): N concurrent users, each a thread asking Q questions over SSE,
// against a real server on loopback with the embedded analyst. Prints success count, p50/p95
// time to first event and to run-end, and events lost (stream vs store replay; must be 0).
//   node bin/run-ts.js bench/load/run.ts [--users 100] [--questions 3] [--timeout-s 600] [--database-url postgres://…]
// With --database-url the store is PostgreSQL (a fresh schema, dropped at the end) instead of PGlite.
// Bounded: every request stops at the deadline, and the server process is stopped at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { RunEvent } from '../../src/core/events.js';
import { requestSse } from '../../src/server/testing/sse-client.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100' },
    questions: { type: 'string', default: '3' },
    'timeout-s': { type: 'string', default: '600' },
    'database-url': { type: 'string' },
  },
});
const USERS = Number(values.users);
const QUESTIONS_PER_USER = Number(values.questions);
const DEADLINE = Date.now() + Number(values['timeout-s']) * 1000;

const QUESTIONS = [
  'How many payments failed?',
  'What is the overall failure rate?',
  "What's the failure rate on iOS?",
  'How many payments are pending?',
  'How many payments were flagged as fraud?',
  'What is the failure rate for Web payments?',
];

interface RunSample {
  ok: boolean;
  firstEventMs: number;
  runEndMs: number;
  lost: number;
  error?: string;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'insightx-load-'));
const databaseUrl = values['database-url'];
const schema = `insightx_load_${process.pid}`;
const storeArgs = databaseUrl ? [databaseUrl, schema] : [];
const server = spawn(process.execPath, ['bin/run-ts.js', 'bench/load/server.ts', dataDir, ...storeArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise<string>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start in 120 s')), 120_000);
  createInterface({ input: server.stdout! }).on('line', (line) => {
    if (line.startsWith('LISTENING ')) {
      clearTimeout(timer);
      resolve(line.slice('LISTENING '.length));
    }
  });
  server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(Math.max(1, DEADLINE - Date.now())) });
  return (await response.json()) as Record<string, unknown>;
}

/** One question over SSE, then the stored replay of the same run: what the stream missed is lost. */
async function ask(threadId: string, question: string): Promise<RunSample> {
  const started = performance.now();
  let firstEventMs = Number.NaN;
  let runEndMs = Number.NaN;
  const stream = await requestSse({
    url: `${base}/api/threads/${threadId}/messages`,
    method: 'POST',
    body: { content: question },
    onEvent: (event) => {
      if (Number.isNaN(firstEventMs)) firstEventMs = performance.now() - started;
      if (event.type === 'run-end') runEndMs = performance.now() - started;
      return Date.now() > DEADLINE ? 'drop' : undefined;
    },
  });
  const runId = stream.headers['x-run-id'] as string | undefined;
  if (stream.status !== 200 || !runId) return { ok: false, firstEventMs, runEndMs, lost: 0, error: `HTTP ${stream.status}` };
  const replay = await requestSse({ url: `${base}/api/runs/${runId}/events` });
  const received = new Set(stream.events.map((event: RunEvent) => event.seq));
  const lost = replay.events.filter((event) => !received.has(event.seq)).length;
  const end = stream.events.at(-1);
  const ok = end?.type === 'run-end' && end.status === 'completed';
  return { ok, firstEventMs, runEndMs, lost, error: ok ? undefined : end?.type === 'run-end' ? `run ${end.status}` : 'stream ended early' };
}

async function user(index: number): Promise<RunSample[]> {
  const thread = await json(`${base}/api/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `load user ${index}` }) });
  const samples: RunSample[] = [];
  for (let turn = 0; turn < QUESTIONS_PER_USER && Date.now() < DEADLINE; turn += 1) {
    samples.push(await ask(thread.id as string, QUESTIONS[(index + turn) % QUESTIONS.length]).catch((error: Error) => ({ ok: false, firstEventMs: Number.NaN, runEndMs: Number.NaN, lost: 0, error: error.message })));
  }
  return samples;
}

const percentile = (values: number[], p: number) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

try {
  // Warm-up outside the measurement: the sample data is generated and profiled on first use.
  await json(`${base}/api/datasources/sample/dna`);
  console.log(`load: ${USERS} users × ${QUESTIONS_PER_USER} questions against ${base}`);
  const wall = performance.now();
  const samples = (await Promise.all(Array.from({ length: USERS }, (_, index) => user(index)))).flat();
  const wallS = (performance.now() - wall) / 1000;
  const ok = samples.filter((sample) => sample.ok);
  const lost = samples.reduce((sum, sample) => sum + sample.lost, 0);
  const errors = new Map<string, number>();
  for (const sample of samples) if (sample.error) errors.set(sample.error, (errors.get(sample.error) ?? 0) + 1);
  const fmt = (ms: number) => `${Math.round(ms)} ms`;
  console.log(`runs:              ${ok.length}/${USERS * QUESTIONS_PER_USER} completed (${samples.length} attempted) in ${wallS.toFixed(1)} s`);
  console.log(`first event:       p50 ${fmt(percentile(samples.map((s) => s.firstEventMs), 50))}, p95 ${fmt(percentile(samples.map((s) => s.firstEventMs), 95))}`);
  console.log(`run-end:           p50 ${fmt(percentile(ok.map((s) => s.runEndMs), 50))}, p95 ${fmt(percentile(ok.map((s) => s.runEndMs), 95))}`);
  console.log(`events lost:       ${lost}`);
  console.log(`throughput:        ${(ok.length / wallS).toFixed(2)} runs/s`);
  for (const [error, count] of errors) console.log(`error: ${count} × ${error}`);
  process.exitCode = ok.length === USERS * QUESTIONS_PER_USER && lost === 0 ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
