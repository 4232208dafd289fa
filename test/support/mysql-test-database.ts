import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { TEST_MYSQL_URL } from './services.js';

/** A database of its own on the test server, made for one test file and dropped after it. */
export interface MysqlTestDatabase {
  /** The database's name (`insightx_<prefix>_<random>`). */
  name: string;
  /** The test server URL with this database in its path. */
  url: string;
  /** Runs statements as the server's test account (setup and checks, never through InsightX). */
  run(statements: string[]): Promise<void>;
  /** One query's rows as objects. */
  select(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** Creates a fresh, randomly named database on the test MySQL/MariaDB server and runs `statements` in it. */
export async function createMysqlTestDatabase(prefix: string, statements: string[] = [], serverUrl = TEST_MYSQL_URL): Promise<MysqlTestDatabase> {
  const name = `insightx_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: serverUrl, multipleStatements: false });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.query(`USE \`${name}\``);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: MysqlTestDatabase = {
    name,
    url: url.toString(),
    async run(more) {
      for (const statement of more) await admin.query(statement);
    },
    async select(sql) {
      const [rows] = await admin.query(sql);
      return rows as Record<string, unknown>[];
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
      await admin.end().catch(() => undefined);
    },
  };
  try {
    await database.run(statements);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
