/**
 * A bank layout for routing tests: three PostgreSQL databases (customers, accounts, loans) and
 * one MariaDB database (employees), with foreign keys, comments, a view and about 330,000 rows,
 * generated deterministically on the servers (generate_series / seq tables), so seeding is fast.
 * Every database gets a random suffix; `drop()` removes them all.
 *
 *   npx tsx scripts/seed-bank.ts            seeds, prints the URLs, keeps the databases
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';

export interface SeededBank {
  suffix: string;
  urls: { customers: string; accounts: string; loans: string; employees: string };
  drop(): Promise<void>;
}

const CUSTOMERS = [
  `CREATE TABLE customers (customer_id integer PRIMARY KEY, full_name text NOT NULL, city text NOT NULL, segment text NOT NULL, joined_on date NOT NULL)`,
  `COMMENT ON TABLE customers IS 'People and companies who bank with us'`,
  `COMMENT ON COLUMN customers.segment IS 'retail, private or business'`,
  `INSERT INTO customers SELECT g, 'Customer ' || g, (ARRAY['Lisbon','Porto','Braga','Faro','Coimbra'])[1 + g % 5], (ARRAY['retail','retail','private','business'])[1 + g % 4], date '2015-01-01' + (g % 3000) FROM generate_series(1, 50000) g`,
  `CREATE TABLE branches (branch_id integer PRIMARY KEY, branch_name text NOT NULL, city text NOT NULL)`,
  `INSERT INTO branches VALUES (1, 'Baixa', 'Lisbon'), (2, 'Ribeira', 'Porto'), (3, 'Se', 'Braga'), (4, 'Marina', 'Faro')`,
  `CREATE VIEW customers_per_city AS SELECT city, count(*) AS customer_count FROM customers GROUP BY city`,
];
const ACCOUNTS = [
  `CREATE TABLE accounts (account_id integer PRIMARY KEY, holder_id integer NOT NULL, account_type text NOT NULL, balance numeric(14,2) NOT NULL, opened_on date NOT NULL)`,
  `COMMENT ON TABLE accounts IS 'Current and savings accounts; holder_id is a customer id in the customers database'`,
  `INSERT INTO accounts SELECT g, 1 + (g * 7) % 50000, (ARRAY['checking','savings','deposit'])[1 + g % 3], ((g * 37) % 100000) / 10.0, date '2016-01-01' + (g % 2500) FROM generate_series(1, 80000) g`,
  `CREATE TABLE transactions (transaction_id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts(account_id), amount numeric(12,2) NOT NULL, channel text NOT NULL, booked_on date NOT NULL)`,
  `COMMENT ON COLUMN transactions.channel IS 'atm, card, transfer or branch'`,
  `INSERT INTO transactions SELECT g, 1 + g % 80000, ((g * 13) % 5000) / 10.0, (ARRAY['atm','card','transfer','branch'])[1 + g % 4], date '2023-01-01' + (g % 700) FROM generate_series(1, 150000) g`,
];
const LOANS = [
  `CREATE TABLE loans (loan_id integer PRIMARY KEY, borrower_id integer NOT NULL, principal numeric(14,2) NOT NULL, interest_rate numeric(5,2) NOT NULL, loan_status text NOT NULL)`,
  `COMMENT ON TABLE loans IS 'Loans; borrower_id is a customer id in the customers database'`,
  `INSERT INTO loans SELECT g, 1 + (g * 11) % 50000, 1000 + (g * 53) % 90000, 2 + (g % 9) * 0.5, (ARRAY['current','current','current','repaid','defaulted'])[1 + g % 5] FROM generate_series(1, 30000) g`,
  `CREATE TABLE repayments (repayment_id integer PRIMARY KEY, loan_id integer NOT NULL REFERENCES loans(loan_id), paid_amount numeric(12,2) NOT NULL)`,
  `INSERT INTO repayments SELECT g, 1 + g % 30000, 100 + (g * 17) % 900 FROM generate_series(1, 20000) g`,
];
const EMPLOYEES = [
  `CREATE TABLE departments (department_id int PRIMARY KEY, department_name varchar(40) NOT NULL) COMMENT 'Bank departments'`,
  `INSERT INTO departments VALUES (1, 'Risk'), (2, 'Lending'), (3, 'Operations'), (4, 'Compliance'), (5, 'Marketing')`,
  `CREATE TABLE employees (employee_id int PRIMARY KEY, department_id int NOT NULL, job_title varchar(40) NOT NULL, salary decimal(10,2) NOT NULL COMMENT 'Yearly gross salary in EUR', hire_year int NOT NULL, FOREIGN KEY (department_id) REFERENCES departments(department_id))`,
  `INSERT INTO employees SELECT seq, 1 + seq % 5, ELT(1 + seq % 3, 'analyst', 'manager', 'clerk'), 30000 + (seq * 97) % 50000, 2000 + seq % 24 FROM seq_1_to_4000`,
  `CREATE VIEW department_headcount AS SELECT d.department_name, COUNT(*) AS headcount FROM employees e JOIN departments d ON d.department_id = e.department_id GROUP BY d.department_name`,
];

function withDatabase(url: string, database: string): string {
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

/** Seeds the bank on the given servers and returns the four database URLs. */
export async function seedBank(postgresUrl: string, mysqlUrl: string): Promise<SeededBank> {
  const suffix = randomBytes(4).toString('hex');
  const pgNames = { customers: `insightx_bank_customers_${suffix}`, accounts: `insightx_bank_accounts_${suffix}`, loans: `insightx_bank_loans_${suffix}` };
  const myName = `insightx_bank_employees_${suffix}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const my = await mysql.createConnection({ uri: mysqlUrl });
  const drop = async () => {
    for (const name of Object.values(pgNames)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await my.query(`DROP DATABASE IF EXISTS \`${myName}\``).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await my.end().catch(() => undefined);
  };
  try {
    const scripts = { customers: CUSTOMERS, accounts: ACCOUNTS, loans: LOANS };
    for (const [key, name] of Object.entries(pgNames) as [keyof typeof pgNames, string][]) {
      await admin.query(`CREATE DATABASE ${name}`);
      const client = new pg.Client({ connectionString: withDatabase(postgresUrl, name) });
      await client.connect();
      try {
        for (const statement of scripts[key]) await client.query(statement);
        await client.query('ANALYZE');
      } finally {
        await client.end();
      }
    }
    await my.query(`CREATE DATABASE \`${myName}\` CHARACTER SET utf8mb4`);
    await my.query(`USE \`${myName}\``);
    for (const statement of EMPLOYEES) await my.query(statement);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    suffix,
    urls: {
      customers: withDatabase(postgresUrl, pgNames.customers),
      accounts: withDatabase(postgresUrl, pgNames.accounts),
      loans: withDatabase(postgresUrl, pgNames.loans),
      employees: withDatabase(mysqlUrl, myName),
    },
    drop,
  };
}

const isEntryPoint = process.argv[1] !== undefined && /seed-bank\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  const bank = await seedBank(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', process.env.TEST_MYSQL_URL ?? 'mysql://insightx:insightx@127.0.0.1:3306/test');
  process.stdout.write(`${JSON.stringify(bank.urls, null, 2)}\n`);
  process.exit(0);
}
