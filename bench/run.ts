// `npm run bench`: where the time of one answer goes, on the 1M-row sample `payments` table.
// For each question: time per stage of the pipeline (from the run's own events) and the ratio
// of the whole answer to the raw DuckDB query alone, measured in the same process.
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import type { RunEventPayload } from '../src/core/events.js';
import { loadConfig } from '../src/core/load-config.js';
import { createCliRuntime } from '../src/cli/create-runtime.js';
import { profileDatasource } from '../src/data/dna/index.js';

const QUESTIONS = [
  'What is the average transaction amount?',
  "What's the failure rate for Android users?",
  'Failure rate by device type',
  'Top 5 states by total amount',
  'Number of payments per month',
  'Distribution of payment amounts',
];
/** Runs per question; the median is reported so one slow run (GC, a cold cache) does not dominate. */
const REPEATS = 3;

interface StageTimes {
  route: number;
  dna: number;
  sqlGeneration: number;
  sqlExecution: number;
  viz: number;
  compose: number;
  total: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Stage times from the timestamps at which each event arrived. */
function stages(events: { at: number; event: RunEventPayload }[]): StageTimes {
  const at = (predicate: (event: RunEventPayload) => boolean) => events.find(({ event }) => predicate(event))?.at ?? NaN;
  const agentSpan = (agent: string) =>
    at((event) => event.type === 'usage' && event.agent === agent) - at((event) => event.type === 'agent-start' && event.agent === agent);
  let execution = 0;
  let dna = 0;
  const open = new Map<string, number>();
  for (const { at: time, event } of events) {
    if (event.type === 'tool-call') open.set(event.toolCallId, time);
    if (event.type === 'tool-result') {
      const span = time - (open.get(event.toolCallId) ?? time);
      if (event.toolName === 'run_sql') execution += span;
      if (event.toolName === 'read_data_dna') dna += span;
    }
  }
  const runStart = at((event) => event.type === 'run-start');
  return {
    // Opening the datasource (cached profile) counts with routing: both happen before the first SQL.
    route: at((event) => event.type === 'route-decided') - runStart,
    dna,
    sqlGeneration: agentSpan('sql') - execution - dna,
    sqlExecution: execution,
    viz: agentSpan('viz'),
    compose: agentSpan('composer'),
    total: at((event) => event.type === 'run-end') - runStart,
  };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

const config = loadConfig({ cwd: process.cwd(), env: process.env });
const runtime = createCliRuntime(config);
try {
  process.stderr.write('Preparing the sample data (generated on first run)…\n');
  const { connector } = await runtime.prepare('sample', (message) => process.stderr.write(`  ${message}\n`));
  const coldStart = performance.now();
  await profileDatasource(connector, {});
  const coldProfile = performance.now() - coldStart;

  const table = new Table({
    head: ['question', 'route', 'DNA', 'SQL gen', 'SQL exec', 'viz', 'compose', 'whole', 'raw DuckDB', 'whole / raw'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }),
  });
  for (const question of QUESTIONS) {
    const samples: StageTimes[] = [];
    const raw: number[] = [];
    let sql: string | null = null;
    let skipped: string | null = null;
    for (let run = 0; run < REPEATS && !skipped; run++) {
      const events: { at: number; event: RunEventPayload }[] = [];
      const outcome = await runtime.orchestrator.run({
        runId: `bench_${run}`,
        threadId: null,
        question,
        datasource: 'sample',
        emit: (event) => void events.push({ at: performance.now(), event }),
      });
      if (outcome.status !== 'completed' || !outcome.sql) {
        // A question the pipeline does not answer with SQL has no raw query to compare with.
        skipped = `no SQL (${outcome.route ?? outcome.error?.code ?? outcome.status}): ${(outcome.error?.message ?? outcome.answer).split('\n')[0].slice(0, 60)}`;
        break;
      }
      sql = outcome.sql;
      samples.push(stages(events));
      const start = performance.now();
      await connector.query(sql, { limit: config.limits.rowCap });
      raw.push(performance.now() - start);
    }
    if (skipped) {
      table.push([question, { colSpan: 9, content: skipped }]);
      continue;
    }
    const pick = (key: keyof StageTimes) => median(samples.map((sample) => sample[key]));
    const rawMedian = median(raw);
    table.push([question, ms(pick('route')), ms(pick('dna')), ms(pick('sqlGeneration')), ms(pick('sqlExecution')), ms(pick('viz')), ms(pick('compose')), ms(pick('total')), ms(rawMedian), `${(pick('total') / rawMedian).toFixed(2)}×`]);
  }
  process.stdout.write(`InsightX pipeline on the sample payments table (embedded model), median of ${REPEATS} runs, milliseconds\n`);
  process.stdout.write(`Data DNA of the whole sample datasource, profiled cold (no cache): ${ms(coldProfile)} ms; runs use the cached profile.\n`);
  process.stdout.write(`${table.toString()}\n`);
} finally {
  await runtime.close();
}
