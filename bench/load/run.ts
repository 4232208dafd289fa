// Load benchmark (issue "Hardening", Responsiveness under load): N concurrent users × Q questions
// over SSE, one question in five a Python one, against a real server on loopback with the
// embedded analyst — users asking in turn, and all questions fired at once. Prints, as ratios
// measured in the same run: first-event p95 against 300 ms, run-end p95 against the CPU floor
// (the server's CPU work, sandboxes included, divided by the cores), sandbox processes left
// after the load, and server RSS after the load against before it.
//   node bin/run-ts.js bench/load/run.ts [--users 100] [--questions 3] [--mode both|turns|burst]
//     [--python-every 5] [--idle-wait-s 65] [--timeout-s 600] [--cpu-prof DIR] [--database-url postgres://…]
// Bounded: every request stops at the deadline, and the server process is stopped at the end.
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ask, percentile, postJson, startLoadServer, type RunSample } from './load-server.js';
import { cpuSeconds, rssBytes, sampleSandboxCpu, sandboxProcessesUnder } from './process-stats.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100' },
    questions: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'both' },
    'python-every': { type: 'string', default: '5' },
    'idle-wait-s': { type: 'string', default: '65' },
    'timeout-s': { type: 'string', default: '600' },
    'cpu-prof': { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const USERS = Number(values.users);
const QUESTIONS_PER_USER = Number(values.questions);
const PYTHON_EVERY = Number(values['python-every']);
const MODES = values.mode === 'both' ? ['turns', 'burst'] : [values.mode!];
const DEADLINE = Date.now() + Number(values['timeout-s']) * 1000;
const CORES = availableParallelism();
const FIRST_EVENT_TARGET_MS = 300;

const SQL_QUESTIONS = [
  'How many payments failed?',
  'What is the overall failure rate?',
  "What's the failure rate on iOS?",
  'How many payments are pending?',
  'How many payments were flagged as fraud?',
  'What is the failure rate for Web payments?',
];
/** Routed to SQL_THEN_PY by the embedded analyst (statistics words). */
const PYTHON_QUESTIONS = ['Are there outliers in the payment amount?', 'Is there a correlation between amount and fraud score?'];

/** The question number `index` of the whole load: every PYTHON_EVERY-th one is a Python question. */
function questionFor(index: number): string {
  if (PYTHON_EVERY > 0 && index % PYTHON_EVERY === PYTHON_EVERY - 1) return PYTHON_QUESTIONS[index % PYTHON_QUESTIONS.length]!;
  return SQL_QUESTIONS[index % SQL_QUESTIONS.length]!;
}

const server = await startLoadServer({ databaseUrl: values['database-url'], cpuProfileDir: values['cpu-prof'] });
const newThread = async (title: string) => (await postJson(`${server.base}/api/threads`, { title }, DEADLINE)).id as string;

async function turns(): Promise<RunSample[]> {
  const user = async (index: number) => {
    const thread = await newThread(`load user ${index}`);
    const samples: RunSample[] = [];
    for (let turn = 0; turn < QUESTIONS_PER_USER && Date.now() < DEADLINE; turn += 1) {
      samples.push(await ask(server.base, thread, questionFor(index * QUESTIONS_PER_USER + turn), DEADLINE));
    }
    return samples;
  };
  return (await Promise.all(Array.from({ length: USERS }, (_, index) => user(index)))).flat();
}

async function burst(): Promise<RunSample[]> {
  // Threads first (not measured), then every question at once, each on its own thread.
  const total = USERS * QUESTIONS_PER_USER;
  const threads = await Promise.all(Array.from({ length: total }, (_, index) => newThread(`burst ${index}`)));
  return Promise.all(threads.map((thread, index) => ask(server.base, thread, questionFor(index), DEADLINE)));
}

const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
let failed = false;

try {
  // Warm-up outside the measurement: sample data, Data DNA, one SQL and one Python answer.
  await fetch(`${server.base}/api/datasources/sample/dna`);
  const warmThread = await newThread('warm-up');
  for (const question of [SQL_QUESTIONS[0]!, PYTHON_QUESTIONS[0]!]) {
    const sample = await ask(server.base, warmThread, question, DEADLINE);
    if (!sample.ok) console.log(`warm-up: "${question}" did not complete (${sample.error})`);
  }
  await server.collectGarbage();
  const rssBefore = rssBytes(server.pid);
  console.log(`load: ${USERS} users × ${QUESTIONS_PER_USER} questions (1 in ${PYTHON_EVERY} Python) against ${server.base}, ${CORES} cores`);

  for (const mode of MODES) {
    const clientDelay = monitorEventLoopDelay({ resolution: 10 });
    clientDelay.enable();
    const clientCpuStart = process.cpuUsage();
    const cpuStart = cpuSeconds(server.pid);
    const sandboxCpu = sampleSandboxCpu(server.pid);
    const wall = performance.now();
    const samples = mode === 'turns' ? await turns() : await burst();
    const wallMs = performance.now() - wall;
    const cpuEnd = cpuSeconds(server.pid);
    const sandboxSeconds = sandboxCpu.stop();
    const serverSeconds = cpuEnd.own - cpuStart.own;
    const cpuWork = serverSeconds + sandboxSeconds;
    const floorMs = (cpuWork / CORES) * 1000;
    const ok = samples.filter((sample) => sample.ok);
    const python = ok.filter((sample) => sample.route === 'SQL_THEN_PY' || sample.route === 'PYTHON_ONLY');
    const lost = samples.reduce((sum, sample) => sum + sample.lost, 0);
    const firstP95 = percentile(samples.map((s) => s.firstEventMs), 95);
    const endP95 = percentile(ok.map((s) => s.runEndMs), 95);
    const errors = new Map<string, number>();
    for (const sample of samples) if (sample.error) errors.set(sample.error, (errors.get(sample.error) ?? 0) + 1);
    console.log(`\n[${mode === 'turns' ? 'users asking in turn' : 'all questions at once'}]`);
    console.log(`runs:              ${ok.length}/${USERS * QUESTIONS_PER_USER} completed (${python.length} Python, ${samples.filter((s) => s.queued).length} queued first) in ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`first event:       p50 ${ms(percentile(samples.map((s) => s.firstEventMs), 50))}, p95 ${ms(firstP95)}  → p95 / ${FIRST_EVENT_TARGET_MS} ms target = ${ratio(firstP95 / FIRST_EVENT_TARGET_MS)} (≤ 1)`);
    console.log(`run-end:           p50 ${ms(percentile(ok.map((s) => s.runEndMs), 50))}, p95 ${ms(endP95)}; Python p50 ${ms(percentile(python.map((s) => s.runEndMs), 50))}`);
    console.log(`CPU floor:         ${(cpuWork).toFixed(1)} CPU s (server ${serverSeconds.toFixed(1)}, sandboxes ${sandboxSeconds.toFixed(1)}) / ${CORES} cores = ${ms(floorMs)} → run-end p95 / floor = ${ratio(endP95 / floorMs)} (≤ 2); wall / floor = ${ratio(wallMs / floorMs)}`);
    const clientCpu = process.cpuUsage(clientCpuStart);
    clientDelay.disable();
    console.log(`client:            ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} CPU s, event loop delay p99 ${Math.round(clientDelay.percentile(99) / 1e6)} ms (the client shares the cores)`);
    console.log(`events lost:       ${lost}`);
    console.log(`throughput:        ${(ok.length / (wallMs / 1000)).toFixed(2)} runs/s`);
    for (const [error, count] of errors) console.log(`error: ${count} × ${error}`);
    failed ||= ok.length !== USERS * QUESTIONS_PER_USER || lost > 0;
    await server.collectGarbage(); // also prints the server's event loop delay during this mode
  }

  const leftAtEnd = sandboxProcessesUnder(server.pid);
  const idleWaitMs = Number(values['idle-wait-s']) * 1000;
  // A warm sandbox may wait for the next Python question up to its idle limit (60 s), no longer.
  const idleUntil = Date.now() + idleWaitMs;
  while (sandboxProcessesUnder(server.pid).length > 0 && Date.now() < idleUntil) await new Promise((resolve) => setTimeout(resolve, 500));
  const leftAfterIdle = sandboxProcessesUnder(server.pid);
  await server.collectGarbage();
  const rssAfter = rssBytes(server.pid);
  console.log(`\nsandbox processes: ${leftAtEnd.length} right after the load, ${leftAfterIdle.length} after the warm sandbox idle limit (waited ≤ ${idleWaitMs / 1000} s)${leftAfterIdle.length > 0 ? `: ${leftAfterIdle.map((entry) => `${entry.command}(${entry.pid})`).join(', ')}` : ''}`);
  console.log(`server RSS:        ${mib(rssBefore)} before, ${mib(rssAfter)} after → after / before = ${ratio(rssAfter / rssBefore)} (≤ 1.10)`);
  failed ||= leftAfterIdle.length > 0;
  process.exitCode = failed ? 1 : 0;
} finally {
  await server.stop();
}
