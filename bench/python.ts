/**
 * Where the time of a sandboxed Python run goes: serialise (Node), start (bubblewrap +
 * interpreter + pandas import), load (bundle → DataFrames), analysis, output (result back).
 * 1. The binary columnar bundle against plain JSON rows, for growing inputs, against an empty
 *    run measured in the same process.
 * 2. A whole SQL_THEN_PY answer on the sample data (embedded model): router, SQL, data transfer,
 *    Python start, analysis, and the rest (viz, composer).
 * Usage: node bin/run-ts.js bench/python.ts [repeats]
 */
import { tmpdir } from 'node:os';
import Table from 'cli-table3';
import { sampleDataDir } from '../test/business/sample-data-dir.js';
import { createCliRuntime } from '../src/cli/create-runtime.js';
import { loadConfig } from '../src/core/load-config.js';
import type { RunEventPayload } from '../src/core/events.js';
import type { QueryResult } from '../src/core/query-result.js';
import { createBwrapPythonRunner } from '../src/sandbox/bwrap/bwrap-python-runner.js';
import { detectPython } from '../src/sandbox/detect-python.js';
import type { InputFormat } from '../src/sandbox/input-codec.js';
import type { PythonRunner, PythonRunTimings } from '../src/sandbox/python-runner.js';

const repeats = Number(process.argv[2] ?? 3);
const STATES = ['CA', 'NY', 'TX', 'WA', 'FL', 'IL', 'OH', 'GA', 'NC', 'MI'];
const ANALYSIS = [
  "rates = df.groupby('state').agg(failure_rate=('failed', 'mean'), payments=('amount', 'size'))",
  'rates["z"] = (rates.failure_rate - rates.failure_rate.mean()) / rates.failure_rate.std()',
  'result = rates.reset_index()',
].join('\n');

function payments(rows: number): QueryResult {
  return {
    columns: [
      { name: 'payment_id', type: 'BIGINT' },
      { name: 'state', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'failed', type: 'BOOLEAN' },
      { name: 'created_at', type: 'TIMESTAMP' },
    ],
    rows: Array.from({ length: rows }, (_, index) => [
      index + 1,
      STATES[index % STATES.length]!,
      Math.round(((index * 7919) % 10_000) + 1) / 100,
      index % 13 === 0,
      new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString().replace('Z', ''),
    ]),
    rowCount: rows,
    truncated: false,
    elapsedMs: 0,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(format: InputFormat, rows: number | null): Promise<PythonRunTimings & { totalMs: number }> {
  const runner = createBwrapPythonRunner({ inputFormat: format, limits: { wallTimeMs: 120_000, cpuTimeSeconds: 100, memoryBytes: 4 * 1024 ** 3 } });
  const inputs = rows === null ? [] : [{ name: 'payments', result: payments(rows) }];
  const code = rows === null ? 'result = 1' : ANALYSIS;
  const samples: (PythonRunTimings & { totalMs: number })[] = [];
  for (let index = 0; index < repeats; index += 1) {
    const run = await runner.run({ code, inputs });
    samples.push({ ...run.timings!, totalMs: run.elapsedMs });
  }
  const keys = ['serialiseMs', 'startMs', 'loadMs', 'analysisMs', 'outputMs', 'totalMs'] as const;
  const medians = Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))]));
  return medians as unknown as PythonRunTimings & { totalMs: number };
}

const availability = await detectPython();
if (!availability.available) {
  console.log(`bench/python: skipped — ${availability.message}`);
  process.exit(0);
}
console.log(`${availability.message}\nmedian of ${repeats} runs, milliseconds; "× empty" is the total against an empty run\n`);

const baseline = await measure('columnar', null);
const table = new Table({ head: ['input', 'format', 'serialise', 'start', 'load', 'analysis', 'output', 'total', '× empty'] });
const row = (label: string, format: string, timings: PythonRunTimings & { totalMs: number }) =>
  table.push([
    label,
    format,
    ...[timings.serialiseMs, timings.startMs, timings.loadMs, timings.analysisMs, timings.outputMs, timings.totalMs].map((value) => value.toFixed(1)),
    (timings.totalMs / baseline.totalMs).toFixed(2),
  ]);
row('empty run', '-', baseline);
for (const rows of [1_000, 100_000, 1_000_000]) {
  for (const format of ['columnar', 'json'] as const) row(`${rows.toLocaleString('en')} rows`, format, await measure(format, rows));
}
console.log(table.toString());

/** One SQL_THEN_PY answer, timed from its events and the runner's own timings. */
async function measureAnswer(): Promise<Record<string, number>> {
  const inner = createBwrapPythonRunner();
  let timings: PythonRunTimings | undefined;
  const pythonRunner: PythonRunner = {
    detect: () => inner.detect(),
    run: async (request) => {
      const run = await inner.run(request);
      timings = run.timings;
      return run;
    },
  };
  const runtime = createCliRuntime(loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: sampleDataDir() } }), { pythonRunner });
  try {
    await runtime.prepare('sample');
    await pythonRunner.detect();
    const marks: { event: RunEventPayload; at: number }[] = [];
    const started = performance.now();
    const outcome = await runtime.orchestrator.run({
      runId: 'bench',
      threadId: null,
      question: 'Which states are outliers in failure rate?',
      datasource: 'sample',
      emit: (event) => void marks.push({ event, at: performance.now() }),
    });
    const total = performance.now() - started;
    const at = (test: (event: RunEventPayload) => boolean) => marks.find((mark) => test(mark.event))?.at ?? Number.NaN;
    const sqlStart = at((event) => event.type === 'agent-start' && event.agent === 'sql');
    const sqlEnd = at((event) => event.type === 'data-ready');
    const pythonStart = at((event) => event.type === 'agent-start' && event.agent === 'python');
    const pythonEnd = at((event) => event.type === 'tool-result' && event.toolName === 'run_python');
    if (outcome.route !== 'SQL_THEN_PY' || !timings) throw new Error(`expected a SQL_THEN_PY answer with Python, got ${outcome.route}`);
    const sandbox = timings.serialiseMs + timings.startMs + timings.loadMs + timings.analysisMs + timings.outputMs;
    return {
      'router + DNA': sqlStart - started,
      sql: sqlEnd - sqlStart,
      'data transfer': timings.serialiseMs + timings.loadMs + timings.outputMs,
      'python start': timings.startMs,
      analysis: timings.analysisMs,
      'python agent (other)': pythonEnd - pythonStart - sandbox,
      'viz + composer': total - (pythonEnd - started),
      total,
    };
  } finally {
    await runtime.close();
  }
}

const answers: Record<string, number>[] = [];
for (let index = 0; index < repeats; index += 1) answers.push(await measureAnswer());
const stages = Object.keys(answers[0]!);
const answerTable = new Table({ head: ['SQL_THEN_PY answer stage', 'ms (median)', 'share'] });
const totalMedian = median(answers.map((answer) => answer.total!));
for (const stage of stages) {
  const value = median(answers.map((answer) => answer[stage]!));
  answerTable.push([stage, value.toFixed(1), stage === 'total' ? '100%' : `${((value / totalMedian) * 100).toFixed(0)}%`]);
}
console.log('\n"Which states are outliers in failure rate?" on the sample data, embedded model\n');
console.log(answerTable.toString());
