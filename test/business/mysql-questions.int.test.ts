import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliRuntime, type CliRuntime } from '../../src/cli/create-runtime.js';
import type { RunEventPayload } from '../../src/core/events.js';
import { loadConfig } from '../../src/core/load-config.js';
import type { Connector } from '../../src/data/connector.js';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../support/services.js';
import { itAnswersEachCase, type BusinessCase } from './business-checks.js';
import type { BusinessRuntime } from './business-runtime.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL business questions');

const CITIES = ['Pune', 'Lyon', 'Quito', 'Osaka'];
const STATUSES = ['active', 'active', 'active', 'closed', 'defaulted'];
/** Weighted so that no two groups tie: 4, 3, 2 and 1 in ten. */
const PURPOSES = ['home', 'home', 'home', 'home', 'car', 'car', 'car', 'education', 'education', 'business'];
const HOME_BRANCH = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4];

/** A small bank: branches, customers and loans with foreign keys, comments and a view. Deterministic. */
function bankStatements(): string[] {
  const branches = CITIES.map((city, index) => `(${index + 1}, '${city}')`);
  const customers = Array.from({ length: 80 }, (_, index) => `(${index + 1}, 'Customer ${index + 1}', ${HOME_BRANCH[index % 10]}, ${20 + ((index * 7) % 50)})`);
  const loans = Array.from({ length: 400 }, (_, index) => {
    const amount = (1000 + ((index * 7919) % 49000) + (index % 100) / 100).toFixed(2);
    const month = String((index % 12) + 1).padStart(2, '0');
    const day = String((index % 27) + 1).padStart(2, '0');
    return `(${index + 1}, ${(index % 80) + 1}, ${amount}, '${STATUSES[index % STATUSES.length]}', '${PURPOSES[index % PURPOSES.length]}', '2024-${month}-${day}')`;
  });
  return [
    "CREATE TABLE branches (id INT PRIMARY KEY, city VARCHAR(40) NOT NULL COMMENT 'City where the branch is') COMMENT 'Bank branches'",
    "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, branch_id INT NOT NULL COMMENT 'Home branch', age INT, FOREIGN KEY (branch_id) REFERENCES branches(id)) COMMENT 'Bank customers'",
    "CREATE TABLE loans (id INT PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL COMMENT 'Principal in euros', status ENUM('active','closed','defaulted') NOT NULL, purpose VARCHAR(20), issued_on DATE NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers(id)) COMMENT 'Loans granted'",
    `INSERT INTO branches VALUES ${branches.join(', ')}`,
    `INSERT INTO customers VALUES ${customers.join(', ')}`,
    `INSERT INTO loans VALUES ${loans.join(', ')}`,
    "CREATE VIEW defaulted_loans AS SELECT id, customer_id, amount FROM loans WHERE status = 'defaulted'",
  ];
}

const CASES: BusinessCase[] = [
  { question: 'How many loans are there?', expect: { kind: 'value', sql: 'SELECT count(*) FROM loans' } },
  { question: 'What is the total loan amount?', expect: { kind: 'value', sql: 'SELECT sum(amount) FROM loans' } },
  { question: 'What is the average loan amount?', expect: { kind: 'value', sql: 'SELECT avg(amount) FROM loans' } },
  { question: 'What is the median loan amount?', expect: { kind: 'value', sql: 'SELECT avg(amount) FROM (SELECT amount, row_number() OVER (ORDER BY amount) AS n FROM loans) AS ranked WHERE n IN (200, 201)' } },
  { question: 'Total loan amount by status', expect: { kind: 'ranking', sql: 'SELECT status, sum(amount) AS total FROM loans GROUP BY status ORDER BY total DESC' } },
  { question: 'How many loans per purpose?', expect: { kind: 'ranking', sql: 'SELECT purpose, count(*) AS n FROM loans GROUP BY purpose ORDER BY n DESC, purpose' } },
  { question: 'Number of loans by month', expect: { kind: 'series', sql: "SELECT DATE_FORMAT(issued_on, '%Y-%m-01') AS month, count(*) FROM loans GROUP BY month ORDER BY month" } },
  { question: 'How many defaulted loans are there?', expect: { kind: 'value', sql: "SELECT count(*) FROM loans WHERE status = 'defaulted'" } },
  { question: 'What is the average age of customers?', expect: { kind: 'value', sql: 'SELECT avg(age) FROM customers' } },
  { question: 'Average loan amount by purpose', expect: { kind: 'ranking', sql: 'SELECT purpose, avg(amount) AS average FROM loans GROUP BY purpose ORDER BY average DESC' } },
  { question: 'What is the largest loan amount?', expect: { kind: 'value', sql: 'SELECT max(amount) FROM loans' } },
  { question: 'How many customers are there per city?', expect: { kind: 'ranking', sql: 'SELECT b.city, count(*) AS n FROM customers c JOIN branches b ON b.id = c.branch_id GROUP BY b.city ORDER BY n DESC, b.city' } },
];

describe.skipIf(!available)('questions about a bank in MariaDB, answered by the embedded analyst', () => {
  let database: MysqlTestDatabase;
  let runtime: CliRuntime;
  let connector: Connector;
  const dataDir = mkdtempSync(join(tmpdir(), 'insightx-mysql-business-'));
  let runs = 0;

  beforeAll(async () => {
    database = await createMysqlTestDatabase('bank', bankStatements());
    const config = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: dataDir }, overrides: { datasources: [{ kind: 'mysql', name: 'bank', url: database.url }], defaultDatasource: 'bank' } });
    runtime = createCliRuntime(config);
    ({ connector } = await runtime.prepare('bank'));
  });
  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bank: BusinessRuntime = {
    async ask(question) {
      const events: RunEventPayload[] = [];
      runs += 1;
      const outcome = await runtime.orchestrator.run({ runId: `mysql_run_${runs}`, threadId: null, question, datasource: 'bank', emit: (event) => void events.push(event) });
      return { ...outcome, events };
    },
    async query(sql) {
      return (await connector.query(sql, { limit: 10_000 })).rows;
    },
    close: async () => undefined,
  };

  it('profiles the database: comments become descriptions, keys and the view are there', async () => {
    const { dna } = await runtime.prepare('bank');
    expect(dna.dialect).toBe('mysql');
    expect(dna.tables.map((table) => table.name)).toEqual(['branches', 'customers', 'defaulted_loans', 'loans']);
    const loans = dna.tables.find((table) => table.name === 'loans')!;
    expect(loans.rowCount).toBe(400);
    expect(loans.foreignKeys).toContainEqual({ column: 'customer_id', refTable: 'customers', refColumn: 'id', inferred: false });
    expect(loans.columns.find((column) => column.name === 'status')?.topValues).toContainEqual({ value: 'defaulted', count: 80 });
  });

  itAnswersEachCase(CASES, () => bank);
});
