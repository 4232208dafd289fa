import pg from 'pg';
import type { Db, Queryable, QueryRows, SqlParam, Transactional } from './db.js';
import { toDriverParam } from './driver-param.js';
import { toStoreError } from './store-error.js';

export interface PostgresDbOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /** Schema to use (created when missing); tests use a fresh one per run. Default `public`. */
  schema?: string;
  maxConnections?: number;
}

/** The server store: a `pg` pool; every connection uses the configured schema. */
export async function createPostgresDb(options: PostgresDbOptions): Promise<Db> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const base = queryableOf(pool);
  if (schema !== 'public') await base.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const listeners: pg.PoolClient[] = [];
  return {
    kind: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      const tx = queryableOf(client);
      const transactional: Transactional = { ...tx, transaction: (inner) => inner(transactional) };
      try {
        await client.query('BEGIN');
        const result = await fn(transactional);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, handler) {
      // LISTEN needs a connection of its own for as long as it listens.
      const client = await pool.connect();
      listeners.push(client);
      const onNotification = (message: pg.Notification) => {
        if (message.channel === channel) handler(message.payload ?? '');
      };
      client.on('notification', onNotification);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', onNotification);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        listeners.splice(listeners.indexOf(client), 1);
        client.release();
      };
    },
    async notify(channel, payload) {
      await base.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      for (const client of listeners.splice(0)) client.release();
      await pool.end();
    },
  };
}

function queryableOf(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<QueryRows<T>> {
      try {
        const result = await target.query(sql, params.map(toDriverParam));
        return { rows: result.rows as T[], affectedRows: result.rowCount ?? 0 };
      } catch (error) {
        throw toStoreError(error, sql);
      }
    },
    async exec(sql: string) {
      try {
        await target.query(sql);
      } catch (error) {
        throw toStoreError(error, sql);
      }
    },
  };
}
