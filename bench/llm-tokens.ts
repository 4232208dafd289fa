/**
 * Token benchmark (issue 4 item 8): for 20 simple questions on a 20-table schema, the model
 * calls and prompt tokens per question through the InsightX pipeline (router → SQL agent with
 * read_data_dna/run_sql → viz → composer, each given only the tables that matter) versus a
 * plain baseline (the whole schema in the system prompt + one run_sql tool loop), both on the
 * same fake OpenAI-compatible model over HTTP. Prompt tokens are counted the same way on both
 * sides: a quarter of the characters of each request body the model receives.
 *
 *   node bin/run-ts.js bench/llm-tokens.ts
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { generateText, stepCountIs, tool } from 'ai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createOrchestrator } from '../src/agents/create-orchestrator.js';
import type { FixtureTable } from '../src/analyst/fixtures/profile-rows.js';
import { parseQuestion } from '../src/analyst/index.js';
import { systemClock } from '../src/core/clock.js';
import { InsightxConfig } from '../src/core/config.js';
import { sequentialIds } from '../src/core/ids.js';
import { openDuckDbConnector } from '../src/data/duckdb/duckdb-connector.js';
import { profileDatasource } from '../src/data/dna/index.js';
import { createAgentModels } from '../src/llm/create-agent-models.js';
import { routeModelWarnings } from '../src/llm/route-model-warnings.js';
import { createMemoryResultStore } from '../src/store/result-store.js';
import { toModelDna } from '../src/tools/read-data-dna/model-dna.js';
import { createFakeAnalystScript } from '../test/support/fake-analyst-script.js';
import type { FakeModelRequest, FakeTurn } from '../test/support/fake-llm-script.js';
import { startFakeOpenAIServer } from '../test/support/fake-openai-server.js';
import { retailTables } from './llm-tokens-schema.js';

// The fake model ignores responseFormat; the SDK's warnings about it would clutter the table.
routeModelWarnings(() => undefined);

const QUESTIONS = [
  'How many orders are there?',
  'How many customers are there?',
  'What is the average list price of products?',
  'What is the total refund amount?',
  'How many shipments were lost?',
  'Average delivery days by carrier',
  'Total amount paid by payment method',
  'How many support tickets are open?',
  'Average salary by job title',
  'Number of sessions by device',
  'What is the average stars of reviews?',
  'Total invoice amount by invoice status',
  'How many subscriptions are cancelled?',
  'Total units on hand in inventory',
  'Number of orders by channel',
  'Average resolution hours by priority',
  'How many marketing events were clicked?',
  'Total budget of departments',
  'Average discount percent of promotions',
  'Number of stores by store format',
];

const BASELINE_SYSTEM = 'You are a data analyst. Answer the question about the database: call run_sql with one read-only SQL query, then answer in one sentence from its result.';

const promptTokens = (request: FakeModelRequest): number => Math.ceil(JSON.stringify(request.body).length / 4);

async function createDatabase(file: string, tables: FixtureTable[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const literal = (value: unknown): string =>
    value === null ? 'NULL' : typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  for (const table of tables) {
    await connection.run(`CREATE TABLE "${table.name}" (${table.columns.map((column) => `"${column.name}" ${column.type}`).join(', ')})`);
    for (let start = 0; start < table.rows.length; start += 500) {
      const rows = table.rows.slice(start, start + 500).map((row) => `(${row.map(literal).join(', ')})`);
      await connection.run(`INSERT INTO "${table.name}" VALUES ${rows.join(',\n')}`);
    }
  }
  connection.closeSync();
  instance.closeSync();
}

const directory = mkdtempSync(path.join(tmpdir(), 'insightx-bench-llm-'));
const tables = retailTables();
const databaseFile = path.join(directory, 'retail.duckdb');
await createDatabase(databaseFile, tables);
const connector = await openDuckDbConnector({ name: 'retail', path: databaseFile, readOnly: true });
// The same profiler as production (roles, top values, foreign keys, derived metrics), no cache.
const dna = await profileDatasource(connector);

const sqlFor = (question: string): string => {
  const best = parseQuestion(question, { dna })[0];
  return best?.kind === 'sql' ? best.sql : 'SELECT COUNT(*) FROM orders';
};
const pipelineScript = createFakeAnalystScript({ sql: sqlFor });
const server = await startFakeOpenAIServer({
  script: (request, answered): FakeTurn => {
    if (!request.system.startsWith(BASELINE_SYSTEM)) return typeof pipelineScript === 'function' ? pipelineScript(request, answered) : { text: 'ok' };
    const question = request.messages.find((message) => message.role === 'user')?.text ?? '';
    if (!request.messages.some((message) => message.role === 'tool')) return { toolCalls: [{ name: 'run_sql', arguments: { sql: sqlFor(question) } }] };
    return { text: 'The answer is in the result.' };
  },
});

const config = InsightxConfig.parse({
  models: { tiers: { light: 'bytez:fake-model', heavy: 'bytez:fake-model' } },
  providers: { bytez: { baseURL: server.url, keys: ['bench-key'] } },
  fastPath: false,
});
const models = createAgentModels(config);
const orchestrator = createOrchestrator({
  registry: { get: async () => connector },
  models,
  resultStore: createMemoryResultStore(),
  getDna: async () => dna,
  promptsDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../prompts'),
  ids: sequentialIds(),
  clock: systemClock,
  limits: config.limits,
});

const baselineModel = models.forAgent('sql', { emit: () => undefined }).model;
const wholeSchema = `${BASELINE_SYSTEM}\n\n## Database schema (Data DNA)\n\`\`\`json\n${JSON.stringify(toModelDna(dna, {}))}\n\`\`\``;
const runSql = tool({
  description: 'Runs one read-only SQL query and returns the columns, row count and first rows.',
  inputSchema: z.object({ sql: z.string() }),
  execute: async ({ sql }) => {
    const result = await connector.query(sql, { limit: 1000 });
    return { columns: result.columns, rowCount: result.rowCount, rows: result.rows.slice(0, 20) };
  },
});

interface Row {
  question: string;
  status: string;
  calls: number;
  tokens: number;
  baselineCalls: number;
  baselineTokens: number;
}
const rows: Row[] = [];
for (const [index, question] of QUESTIONS.entries()) {
  const before = server.requests.length;
  const outcome = await orchestrator.run({ runId: `run_${index + 1}`, threadId: null, question, datasource: 'retail', emit: () => undefined, fastPath: false });
  const ours = server.requests.slice(before);
  const middle = server.requests.length;
  await generateText({ model: baselineModel, system: wholeSchema, prompt: question, tools: { run_sql: runSql }, stopWhen: stepCountIs(4) });
  const baseline = server.requests.slice(middle);
  rows.push({
    question,
    status: outcome.status === 'completed' ? 'ok' : (outcome.error?.code ?? outcome.status),
    calls: ours.length,
    tokens: ours.reduce((sum, request) => sum + promptTokens(request), 0),
    baselineCalls: baseline.length,
    baselineTokens: baseline.reduce((sum, request) => sum + promptTokens(request), 0),
  });
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
console.log(`Prompt tokens per question, 20-table schema (${tables.reduce((sum, table) => sum + table.columns.length, 0)} columns), same fake model\n`);
console.log(`${'question'.padEnd(42)} ${pad('run', 8)} ${pad('calls', 6)} ${pad('tokens', 8)} | ${pad('baseline calls', 14)} ${pad('tokens', 8)} | ${pad('ratio', 6)}`);
for (const row of rows) {
  console.log(
    `${row.question.slice(0, 42).padEnd(42)} ${pad(row.status, 8)} ${pad(row.calls, 6)} ${pad(row.tokens, 8)} | ${pad(row.baselineCalls, 14)} ${pad(row.baselineTokens, 8)} | ${pad((row.tokens / row.baselineTokens).toFixed(2), 6)}`,
  );
}
const total = (pick: (row: Row) => number): number => rows.reduce((sum, row) => sum + pick(row), 0);
const ratios = rows.map((row) => row.tokens / row.baselineTokens).sort((a, b) => a - b);
console.log(
  `\nper question: ours ${(total((row) => row.calls) / rows.length).toFixed(1)} calls, ${Math.round(total((row) => row.tokens) / rows.length)} prompt tokens; ` +
    `baseline ${(total((row) => row.baselineCalls) / rows.length).toFixed(1)} calls, ${Math.round(total((row) => row.baselineTokens) / rows.length)} prompt tokens`,
);
const overall = total((row) => row.tokens) / total((row) => row.baselineTokens);
console.log(
  `prompt tokens ours/baseline: overall ${overall.toFixed(2)}, median ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}, worst ${ratios.at(-1)!.toFixed(2)}; ` +
    `${ratios.filter((ratio) => ratio <= 0.5).length}/${ratios.length} questions at most half (target: ≤ 0.50)`,
);

await server.close();
await connector.close();
rmSync(directory, { recursive: true, force: true });
