import mysql from 'mysql2/promise';
import pg from 'pg';

/**
 * The real servers and programs the tests use, and what a test file does when one is missing:
 * it fails, naming the missing piece and how to provide it. A test is skipped only when the
 * person running it said so (`INSIGHTX_ALLOW_MISSING=postgres,mysql,chromium,python` or `all`),
 * and then with a printed line, never silently. `.ci/run` sets none of it.
 */
export type ServiceName = 'postgres' | 'mysql' | 'chromium' | 'python';

/** PostgreSQL server of `scripts/test-services.sh start`; TEST_DATABASE_URL points elsewhere. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** MariaDB server of `scripts/test-services.sh start`; TEST_MYSQL_URL points elsewhere. */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://insightx:insightx@127.0.0.1:3306/test';

const HOW_TO: Record<ServiceName, string> = {
  postgres: 'start it with `bash scripts/test-services.sh start` (installs: `bash scripts/test-services.sh install`), or point TEST_DATABASE_URL at a server',
  mysql: 'start it with `bash scripts/test-services.sh start` (installs: `bash scripts/test-services.sh install`), or point TEST_MYSQL_URL at a server',
  chromium: 'install it with `apt-get install -y chromium`, or set CHROMIUM_PATH',
  python: 'install `apt-get install -y python3-pandas python3-scipy bubblewrap`',
};

function allowedMissing(name: ServiceName): boolean {
  const list = (process.env.INSIGHTX_ALLOW_MISSING ?? '').split(',').map((s) => s.trim().toLowerCase());
  return list.includes('all') || list.includes(name);
}

/**
 * True when the tests that need `name` can run. When `problem` says it is missing, this
 * throws (the test file fails with the reason), unless INSIGHTX_ALLOW_MISSING names it:
 * then it prints why and returns false, for `describe.skipIf(!…)`.
 */
export function requireService(name: ServiceName, problem: string | null, what: string): boolean {
  if (problem === null) return true;
  const message = `${what} needs ${name}, which is missing: ${problem}. To run them, ${HOW_TO[name]}.`;
  if (allowedMissing(name)) {
    console.warn(`SKIPPED (INSIGHTX_ALLOW_MISSING=${process.env.INSIGHTX_ALLOW_MISSING}): ${message}`);
    return false;
  }
  throw new Error(`${message} To skip them on purpose, set INSIGHTX_ALLOW_MISSING=${name}.`);
}

/** Null when the PostgreSQL server answers, else why not. */
export async function postgresProblem(url = TEST_DATABASE_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `no PostgreSQL at ${redact(url)} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Null when the MySQL/MariaDB server answers, else why not. */
export async function mysqlProblem(url = TEST_MYSQL_URL): Promise<string | null> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    return null;
  } catch (error) {
    return `no MySQL/MariaDB at ${redact(url)} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
