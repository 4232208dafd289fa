import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from './services.js';

/** A freshly created database on the test server, dropped (with its sessions) by `drop()`. */
export interface ScratchPostgresDatabase {
  name: string;
  /** URL of the new database, same credentials as TEST_DATABASE_URL. */
  url: string;
  /** Runs statements in the new database as the test server's (writing) account. */
  run(statements: string[]): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Creates `insightx_<purpose>_<random>` next to TEST_DATABASE_URL's database, so parallel test
 * files and other people's runs never share one.
 */
export async function createScratchPostgresDatabase(purpose: string): Promise<ScratchPostgresDatabase> {
  const name = `insightx_${purpose}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(TEST_DATABASE_URL);
  target.pathname = `/${name}`;
  const url = target.toString();
  return {
    name,
    url,
    async run(statements) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const statement of statements) await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
