// Builds the analyst's own dev business databases (test/analyst-dev/db/<db_id>.sqlite): small
// schemas in the naming styles of real business data (table prefixes, abbreviations, camelCase,
// mixed-case category values, nullable end dates, a self-reference, status columns), written for
// the patterns of trustworthy answers. questions.jsonl holds questions with gold SQL; an empty
// gold_sql marks a question the data cannot answer (asking or refusing is right). Deterministic.
// Usage: node bin/run-ts.js test/analyst-dev/build.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { day, seeded, writeSqliteDatabase, type Row } from '../support/sqlite-fixture.js';


export const ANALYST_DEV_DB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db');

function writeDatabase(name: string, schema: string, tables: Record<string, Row[]>): string {
  return writeSqliteDatabase(ANALYST_DEV_DB_DIR, name, schema, tables);
}

const pick = <T>(random: () => number, list: T[]): T => list[Math.floor(random() * list.length)];

/** Billing: a `tbl_` prefix, abbreviations (`cust`, `amt`), mixed-case segments, a nullable paid date. */
function buildBilling(): string {
  const random = seeded(21);
  const regions = ['North', 'South', 'East', 'West'];
  const segments = ['retail', 'Retail', 'RETAIL', 'enterprise', 'Enterprise', 'smb'];
  const customers: Row[] = Array.from({ length: 40 }, (_, i) => [i + 1, `Customer ${i + 1}`, pick(random, regions), pick(random, segments), day(random, 2022)]);
  const channels = ['portal', 'email', 'phone'];
  const statuses = ['paid', 'paid', 'paid', 'overdue', 'void'];
  const invoices: Row[] = Array.from({ length: 300 }, (_, i) => {
    const status = pick(random, statuses);
    const issued = day(random, 2023 + Math.floor(random() * 2));
    return [i + 1, 1 + Math.floor(random() * 40), pick(random, channels), Math.round(random() * 90000) / 100 + 10, issued, status === 'paid' ? issued : null, status];
  });
  return writeDatabase(
    'billing',
    `CREATE TABLE tbl_customers (cust_id INTEGER PRIMARY KEY, cust_name TEXT NOT NULL, region TEXT, segment TEXT, signup_date TEXT);
     CREATE TABLE billing_invoices (invoice_id INTEGER PRIMARY KEY, cust_id INTEGER REFERENCES tbl_customers(cust_id), channel TEXT, amt REAL, issued_date TEXT, paid_date TEXT, status TEXT);`,
    { tbl_customers: customers, billing_invoices: invoices },
  );
}

/** HR: a self-reference (manager), a nullable end date, a status column. */
function buildPeople(): string {
  const random = seeded(33);
  const departments = ['Engineering', 'Sales', 'Finance', 'Support'];
  const employees: Row[] = [];
  for (let i = 1; i <= 60; i++) {
    const manager = i <= 4 ? null : 1 + Math.floor(random() * 4);
    const hired = day(random, 2015 + Math.floor(random() * 9));
    const left = random() < 0.25 ? day(random, 2024) : null;
    employees.push([i, `Person ${i}`, i <= 4 ? departments[i - 1] : pick(random, departments), manager, hired, left, 40000 + Math.round(random() * 80000), left ? 'terminated' : 'active']);
  }
  return writeDatabase(
    'people',
    `CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, department TEXT, manager_id INTEGER REFERENCES employees(employee_id), hire_date TEXT, end_date TEXT, salary INTEGER, employment_status TEXT);`,
    { employees },
  );
}

/** Subscriptions: camelCase names, a nullable cancellation date. */
function buildSubscriptions(): string {
  const random = seeded(45);
  const countries = ['Germany', 'France', 'Spain', 'Italy', 'Poland'];
  const accounts: Row[] = Array.from({ length: 30 }, (_, i) => [i + 1, `Account ${i + 1}`, pick(random, countries), pick(random, ['Retail', 'Health', 'Media'])]);
  const plans = ['Basic', 'Pro', 'Team'];
  const subscriptions: Row[] = Array.from({ length: 80 }, (_, i) => {
    const started = day(random, 2022 + Math.floor(random() * 3));
    const cancelled = random() < 0.3 ? day(random, 2024) : null;
    return [i + 1, 1 + Math.floor(random() * 30), pick(random, plans), Math.round(random() * 50000) / 100, started, cancelled];
  });
  return writeDatabase(
    'subscriptions',
    `CREATE TABLE accounts (accountId INTEGER PRIMARY KEY, accountName TEXT NOT NULL, country TEXT, industry TEXT);
     CREATE TABLE subscriptions (subscriptionId INTEGER PRIMARY KEY, accountId INTEGER REFERENCES accounts(accountId), planName TEXT, monthlyAmount REAL, startedAt TEXT, cancelledAt TEXT);`,
    { accounts, subscriptions },
  );
}

export function buildAnalystDevDatabases(): string[] {
  return [buildBilling(), buildPeople(), buildSubscriptions()];
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  for (const file of buildAnalystDevDatabases()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
