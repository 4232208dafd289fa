/**
 * Where the time of a sandboxed Python run goes: serialise (Node), start (bubblewrap +
 * interpreter + pandas import), load (bundle → DataFrames), analysis, output (result back).
 * Compares the binary columnar bundle with plain JSON rows, for growing inputs, against an
 * empty run measured in the same process. Usage: node bin/run-ts.js bench/python.ts [repeats]
 */
import Table from 'cli-table3';
import type { QueryResult } from '../src/core/query-result.js';
import { createBwrapPythonRunner } from '../src/sandbox/bwrap/bwrap-python-runner.js';
import { detectPython } from '../src/sandbox/detect-python.js';
import type { InputFormat } from '../src/sandbox/input-codec.js';
import type { PythonRunTimings } from '../src/sandbox/python-runner.js';

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
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((sample) => sample[key]))])) as PythonRunTimings & { totalMs: number };
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
