// How long the embedded analyst takes to read one question (`parseQuestion`, the NL→SQL engine
// alone) on a generated 100-table schema, beside the same questions on a 5-table schema measured
// in the same run. Issue 3 asks for "well under a second on one core". Prints, never asserts.
//   node bin/run-ts.js bench/analyst-speed.ts [--repeat 20]
import { parseQuestion } from '../src/analyst/index.js';
import type { ColumnProfile, DataDna, TableProfile } from '../src/core/dna.js';

const ENTITIES = [
  'customer', 'supplier', 'product', 'category', 'warehouse', 'shipment', 'invoice', 'payment', 'employee', 'department',
  'project', 'task', 'campaign', 'lead', 'contract', 'vehicle', 'driver', 'route', 'store', 'region',
];
const VARIANTS = ['', '_archive', '_daily', '_note', '_review'];
const CITIES = ['Lisbon', 'Leeds', 'Lyon', 'Oslo', 'Porto', 'Turin', 'Ghent', 'Bergen'];
const STATUSES = ['open', 'closed', 'pending', 'cancelled'];

function column(name: string, role: ColumnProfile['role'], type: string, extra: Partial<ColumnProfile> = {}): ColumnProfile {
  return { name, type, role, nullShare: 0, distinctCount: 100, topValues: [], primaryKey: false, synonyms: [], ...extra };
}

function table(name: string, index: number, previous: string[]): TableProfile {
  const id = `${name}_id`;
  const columns: ColumnProfile[] = [
    column(id, 'id', 'INTEGER', { primaryKey: true }),
    column('name', 'text', 'TEXT', { distinctCount: 1000 }),
    column('city', 'dimension', 'TEXT', { distinctCount: CITIES.length, topValues: CITIES.map((value, rank) => ({ value, count: 100 - rank })) }),
    column('status', 'status', 'TEXT', { distinctCount: STATUSES.length, topValues: STATUSES.map((value, rank) => ({ value, count: 50 - rank })) }),
    column('amount', 'measure', 'REAL', { min: 0, max: 5000, mean: 420 }),
    column('quantity', 'measure', 'INTEGER', { min: 1, max: 40, mean: 6 }),
    column('created_at', 'time', 'TEXT', { timeRange: { min: '2022-01-01', max: '2024-12-31', grain: 'day' } }),
  ];
  // Each table points at up to two earlier tables, so the join graph is connected and deep.
  const references = previous.slice(-2 - (index % 3)).slice(0, 2);
  for (const target of references) columns.push(column(`${target}_id`, 'id', 'INTEGER'));
  return {
    name,
    rowCount: 1000 + index * 37,
    columns,
    foreignKeys: references.map((target) => ({ column: `${target}_id`, refTable: target, refColumn: `${target}_id`, inferred: false })),
    derivedMetrics: [],
    synonyms: [],
  };
}

let generated = 0;
function schema(tableCount: number): DataDna {
  const names: string[] = [];
  for (const variant of VARIANTS) for (const entity of ENTITIES) if (names.length < tableCount) names.push(`${entity}${variant}`);
  const tables: TableProfile[] = names.map((name, index) => table(name, index, names.slice(0, index)));
  generated += 1;
  return { datasource: `bench-${tableCount}`, dialect: 'sqlite', generatedAt: '2025-01-01T00:00:00.000Z', fingerprint: `bench-${tableCount}-${generated}`, tables };
}

const QUESTIONS = [
  'How many customers are there?',
  'What is the total amount of invoices for each status?',
  'Which supplier has the most products?',
  'List the names of warehouses in Lisbon ordered by amount',
  'What is the average quantity of shipments per city?',
  'Show the names of employees with no tasks',
  'How many open contracts were created in 2023?',
  'Which region has the largest total payment amount?',
];

const repeatAt = process.argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(process.argv[repeatAt + 1]) : 20;

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

function measure(tableCount: number): { cold: number[]; warm: number[] } {
  const cold: number[] = [];
  const warm: number[] = [];
  for (const question of QUESTIONS) {
    // Cold: a schema the analyst has not seen, so its index is built inside the timing.
    const fresh = schema(tableCount);
    let started = performance.now();
    parseQuestion(question, { dna: fresh });
    cold.push(performance.now() - started);
    for (let round = 0; round < repeat; round++) {
      started = performance.now();
      parseQuestion(question, { dna: fresh });
      warm.push(performance.now() - started);
    }
  }
  return { cold, warm };
}

// Warm up the JIT on a small schema first, so neither measurement pays for compilation.
measure(5);
const small = measure(5);
const large = measure(100);
const line = (label: string, values: number[]) =>
  `${label.padEnd(32)} median ${percentile(values, 0.5).toFixed(2).padStart(8)} ms   p95 ${percentile(values, 0.95).toFixed(2).padStart(8)} ms   max ${Math.max(...values).toFixed(2).padStart(8)} ms`;
console.log(`parseQuestion, ${QUESTIONS.length} questions, ${repeat} warm repeats each (one core, this process)`);
console.log(line('5 tables, first question', small.cold));
console.log(line('5 tables, warm', small.warm));
console.log(line('100 tables, first question', large.cold));
console.log(line('100 tables, warm', large.warm));
console.log(`ratio 100 / 5 tables (median, warm): ${(percentile(large.warm, 0.5) / percentile(small.warm, 0.5)).toFixed(1)}×; 100-table worst case ${Math.max(...large.cold, ...large.warm).toFixed(0)} ms of the 1000 ms budget`);
