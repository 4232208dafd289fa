// Benchmark: how long the analyst takes to parse a question on a large schema (100 tables,
// 1,200 columns, 50 top values per text column), cold (index built) and warm (index cached).
// Printed as a table with ratios against tokenizing the same questions, measured in the same run.
//   npx tsx bench/analyst-parse.ts
import { parseQuestion, tokenize } from '../src/analyst/index.js';
import type { ColumnProfile, DataDna, TableProfile } from '../src/core/dna.js';

const WORDS = ['customer', 'order', 'product', 'invoice', 'shipment', 'warehouse', 'supplier', 'employee', 'region', 'store', 'campaign', 'ticket', 'account', 'contract', 'payment', 'refund', 'review', 'session', 'device', 'subscription'];
const SUFFIXES = ['', '_items', '_events', '_history', '_details'];

function syntheticDna(tables: number): DataDna {
  const profiles: TableProfile[] = [];
  for (let t = 0; t < tables; t++) {
    const name = `${WORDS[t % WORDS.length]}${SUFFIXES[Math.floor(t / WORDS.length) % SUFFIXES.length]}`;
    const columns: ColumnProfile[] = [
      { name: 'id', type: 'INTEGER', role: 'id', nullShare: 0, distinctCount: 1000, topValues: [], primaryKey: true, synonyms: [] },
      { name: 'created_at', type: 'TIMESTAMP', role: 'time', nullShare: 0, distinctCount: 900, topValues: [], primaryKey: false, synonyms: [], timeRange: { min: '2023-01-01', max: '2024-12-31', grain: 'second' } },
      { name: 'amount', type: 'DOUBLE', role: 'measure', nullShare: 0, distinctCount: 900, topValues: [], min: 0, max: 1000, primaryKey: false, synonyms: [] },
      { name: 'quantity', type: 'INTEGER', role: 'measure', nullShare: 0, distinctCount: 50, topValues: [], min: 0, max: 50, primaryKey: false, synonyms: [] },
    ];
    for (let c = 0; c < 6; c++) {
      columns.push({
        name: `${WORDS[(t + c + 1) % WORDS.length]}_category_${c}`,
        type: 'VARCHAR',
        role: 'dimension',
        nullShare: 0,
        distinctCount: 50,
        topValues: Array.from({ length: 50 }, (_, v) => ({ value: `value ${t}-${c}-${v}`, count: 100 - v })),
        primaryKey: false,
        synonyms: [],
      });
    }
    columns.push({ name: 'status', type: 'VARCHAR', role: 'status', nullShare: 0, distinctCount: 3, topValues: [{ value: 'active', count: 10 }, { value: 'closed', count: 5 }, { value: 'failed', count: 1 }], primaryKey: false, synonyms: [] });
    if (t > 0) columns.push({ name: `${WORDS[(t - 1) % WORDS.length]}_id`, type: 'INTEGER', role: 'id', nullShare: 0, distinctCount: 100, topValues: [], primaryKey: false, synonyms: [] });
    profiles.push({ name, rowCount: 1000 + t, columns, foreignKeys: [], derivedMetrics: [], synonyms: [] });
  }
  return { datasource: 'bench', dialect: 'duckdb', generatedAt: '2025-01-01T00:00:00Z', fingerprint: `bench-${tables}`, tables: profiles };
}

const QUESTIONS = [
  'total amount by region category 3 last month',
  'how many refunds were failed in Q1 2024',
  'top 5 store_category_2 by average quantity',
  'which supplier has the most shipments',
  'monthly amount of subscription_history for value 7-2-3',
  'names of employees who have no tickets',
];

function time(run: () => void, repeat: number): number {
  const started = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - started) / repeat;
}

const rows: [string, number][] = [];
for (const tables of [10, 100]) {
  const baseline = time(() => QUESTIONS.forEach((q) => tokenize(q)), 200) / QUESTIONS.length;
  const cold = time(() => parseQuestion(QUESTIONS[0], { dna: syntheticDna(tables) }), 5);
  const dna = syntheticDna(tables);
  parseQuestion(QUESTIONS[0], { dna });
  const warm = time(() => QUESTIONS.forEach((q) => parseQuestion(q, { dna })), 20) / QUESTIONS.length;
  rows.push([`${tables} tables: tokenize (baseline)`, baseline], [`${tables} tables: parse, index cached`, warm], [`${tables} tables: parse, index built`, cold]);
}
console.log('| step | ms/question | × tokenize |');
console.log('| --- | ---: | ---: |');
for (const [label, ms] of rows) {
  const baseline = rows.find(([l]) => l.startsWith(label.split(':')[0]) && l.includes('tokenize'))?.[1] ?? ms;
  console.log(`| ${label} | ${ms.toFixed(3)} | ${(ms / baseline).toFixed(0)} |`);
}
