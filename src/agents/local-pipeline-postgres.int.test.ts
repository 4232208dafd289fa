import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../test/support/services.js';
import { fixedClock } from '../core/clock.js';
import type { DataDna } from '../core/dna.js';
import { sequentialIds } from '../core/ids.js';
import type { Cell } from '../core/query-result.js';
import { profileDatasource } from '../data/dna/index.js';
import { openPostgresConnector, type PostgresConnector } from '../data/postgres/postgres-connector.js';
import { createLocalAgentModels } from '../llm/local/create-local-agent-models.js';
import { createMemoryResultStore } from '../store/result-store.js';
import { createOrchestrator } from './create-orchestrator.js';
import type { Orchestrator } from './orchestrator.js';

const available = requireService('postgres', await postgresProblem(), 'Answers from a PostgreSQL datasource');

/** A small bank: customers, their accounts and loans, with keys, comments and a second schema. */
const BANK = [
  `CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, city text NOT NULL, segment text NOT NULL, joined_on date NOT NULL)`,
  "COMMENT ON TABLE customers IS 'Bank customers (people and businesses)'",
  "COMMENT ON COLUMN customers.segment IS 'Retail or business customer'",
  `INSERT INTO customers SELECT n, 'Customer ' || n, (ARRAY['Leeds', 'York', 'Bath', 'Hull'])[1 + n % 4],
     CASE WHEN n % 5 = 0 THEN 'business' ELSE 'retail' END, DATE '2020-01-01' + n * 3 FROM generate_series(1, 200) AS n`,
  `CREATE TABLE accounts (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), account_type text NOT NULL,
     balance numeric(14,2) NOT NULL, opened_at timestamptz NOT NULL)`,
  "COMMENT ON COLUMN accounts.balance IS 'Current balance in pounds'",
  `INSERT INTO accounts SELECT n, 1 + n % 200, (ARRAY['checking', 'savings', 'credit'])[1 + n % 3], round((n * 37.5 % 9000)::numeric, 2) + 0.25,
     TIMESTAMPTZ '2023-01-01 09:00:00+00' + n * INTERVAL '17 hours' FROM generate_series(1, 600) AS n`,
  'CREATE SCHEMA lending',
  `CREATE TABLE lending.loans (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), amount numeric(12,2) NOT NULL,
     status text NOT NULL, issued_on date NOT NULL)`,
  `INSERT INTO lending.loans SELECT n, 1 + (n * 7) % 200, 1000 + (n * 131) % 25000, (ARRAY['active', 'repaid', 'defaulted', 'active'])[1 + n % 4],
     DATE '2024-01-01' + (n * 2) FROM generate_series(1, 150) AS n`,
];

describe.runIf(available)('the embedded analyst on a PostgreSQL datasource', () => {
  let database: ScratchPostgresDatabase;
  let connector: PostgresConnector;
  let dna: DataDna;
  let orchestrator: Orchestrator;

  beforeAll(async () => {
    database = await createScratchPostgresDatabase('answers');
    await database.run(BANK);
    connector = await openPostgresConnector({ name: 'bank', url: database.url });
    dna = await profileDatasource(connector, {});
    orchestrator = createOrchestrator({
      registry: { get: async () => connector },
      models: createLocalAgentModels(),
      resultStore: createMemoryResultStore(),
      getDna: async () => dna,
      promptsDir: path.resolve(import.meta.dirname, '../../prompts'),
      ids: sequentialIds(),
      clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
      limits: { rowCap: 1_000, statementTimeoutMs: 10_000, sqlAttempts: 5 },
    });
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  async function ask(question: string) {
    return orchestrator.run({ runId: 'run_1', threadId: null, question, datasource: 'bank', emit: () => undefined });
  }

  /** Rows as sorted text, numbers rounded to cents: row order, column order and float noise do not matter. */
  function canonical(rows: Cell[][]): string[] {
    return rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : String(cell))).sort().join(' | ')).sort();
  }

  it('profiles every schema, with comments as descriptions and declared keys', () => {
    expect(dna.dialect).toBe('postgres');
    expect(dna.tables.map((table) => table.name)).toEqual(['accounts', 'customers', 'loans']);
    expect(dna.tables.find((table) => table.name === 'customers')?.description).toBe('Bank customers (people and businesses)');
    const accounts = dna.tables.find((table) => table.name === 'accounts')!;
    expect(accounts.columns.find((column) => column.name === 'balance')).toMatchObject({ description: 'Current balance in pounds', role: 'measure' });
    expect(accounts.foreignKeys).toContainEqual({ column: 'customer_id', refTable: 'customers', refColumn: 'id', inferred: false });
    expect(dna.tables.find((table) => table.name === 'loans')?.rowCount).toBe(150);
  });

  const CASES: [question: string, handWritten: string][] = [
    ['How many customers are there?', 'SELECT count(*) FROM customers'],
    ['What is the total balance by account type?', 'SELECT account_type, sum(balance) FROM accounts GROUP BY account_type'],
    ['What is the average loan amount?', 'SELECT avg(amount) FROM lending.loans'],
    ['How many loans are there per status?', 'SELECT status, count(*) FROM lending.loans GROUP BY status'],
    ['How many customers per city?', 'SELECT city, count(*) FROM customers GROUP BY city'],
    ['What is the median balance of accounts?', 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY balance) FROM accounts'],
    ['Total loan amount by segment', 'SELECT c.segment, sum(l.amount) FROM lending.loans l JOIN customers c ON c.id = l.customer_id GROUP BY c.segment'],
    ['Monthly total balance', "SELECT date_trunc('month', opened_at), sum(balance) FROM accounts GROUP BY 1"],
  ];

  it.each(CASES)('answers "%s" with the numbers of SQL written by hand', async (question, handWritten) => {
    const outcome = await ask(question);
    expect(outcome.status, outcome.answer).toBe('completed');
    const expected = (await connector.query(handWritten)).rows;
    // Month buckets: compare the counts per bucket; the bucket's type (date or timestamp) may differ.
    if (/date_trunc/.test(handWritten)) {
      expect(outcome.rows.map((row) => row.at(-1)).sort(), outcome.sql ?? '').toEqual(expected.map((row) => row.at(-1)).sort());
      return;
    }
    expect(canonical(outcome.rows), outcome.sql ?? '').toEqual(canonical(expected));
  });
});
