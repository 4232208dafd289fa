import pg from 'pg';
import { AppError } from '../../core/app-error.js';
import { rowJsonBytes, type Cell, type TruncatedReason } from '../../core/query-result.js';
import type { Connector, QueryOptions, QueryResult, TableSchema } from '../connector.js';
import { checkPostgresReadOnly } from '../sql-guard/postgres-read-only-check.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_POOL_SIZE,
  DEFAULT_ROW_CAP,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  FETCH_BATCH_ROWS,
  redactPostgresUrl,
  type PostgresConnectionOptions,
} from './postgres-connection-options.js';
import { describePostgres, listPostgresSchemas } from './postgres-describe.js';
import { toPostgresConnectError, toPostgresQueryError, type StopReason } from './postgres-errors.js';
import { normalizePostgresValue } from './postgres-normalize-value.js';
import { listWritePrivileges } from './postgres-write-privileges.js';
import { postgresTypeName, postgresValueKind } from './postgres-type-mapping.js';

/** A PostgreSQL connector, plus what the profiler, the guard and the tests use of it. */
export interface PostgresConnector extends Connector {
  readonly dialect: 'postgres';
  /** The URL without its password. */
  readonly redactedUrl: string;
  /**
   * Runs our own SQL (catalogue queries) with bound parameters, without the guard, still in a
   * READ ONLY transaction through a cursor under the statement timeout.
   */
  runInternal(sql: string, parameters?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  accountWarnings(): Promise<string[]>;
}

/** Every value arrives as the server's text; normalisation happens once, by column type. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value };
/**
 * Session settings fixed at connection start: every transaction read-only by default, and the
 * text forms the normaliser reads (UTC offsets, ISO dates, ISO 8601 intervals).
 */
/**
 * Every transaction ends with ROLLBACK: it is read-only, so nothing is lost, and a setting a
 * statement changed for the session (`set_config(…, false)`) is undone with it.
 */
const SESSION_OPTIONS = '-c default_transaction_read_only=on -c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601';
const CURSOR = 'insightx_rows';

/**
 * Opens a pool to the server and checks it answers. Every query runs in its own READ ONLY
 * transaction with `SET LOCAL statement_timeout`, through a server-side cursor (which only
 * accepts SELECT/VALUES) fetched in batches up to the row and byte caps; an AbortSignal or the
 * timeout cancels it with `pg_cancel_backend` and the backend's connection is discarded.
 */
export async function openPostgresConnector(options: PostgresConnectionOptions): Promise<PostgresConnector> {
  const redactedUrl = redactPostgresUrl(options.url);
  const config: pg.PoolConfig = {
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'insightx',
    options: SESSION_OPTIONS,
    types: TEXT_TYPES,
  };
  const pool = new pg.Pool(config);
  // A dedicated connection for pg_cancel_backend, so a cancel never waits behind busy queries.
  const control = new pg.Pool({ ...config, max: 1 });
  // Idle clients that lose the server emit errors; the next query reports it, the process must not die.
  pool.on('error', () => undefined);
  control.on('error', () => undefined);
  const connector = new PostgresConnectorImpl(options, pool, control, redactedUrl);
  try {
    await connector.refreshSchemas();
  } catch (error) {
    await Promise.all([pool.end().catch(() => undefined), control.end().catch(() => undefined)]);
    throw error instanceof AppError ? error : toPostgresConnectError(error, options.name, options.url, redactedUrl);
  }
  return connector;
}

class PostgresConnectorImpl implements PostgresConnector {
  readonly dialect = 'postgres' as const;
  readonly name: string;
  private schemas: string[] = ['public'];
  private readonly typeNames = new Map<number, string>();
  /** How to stop each query that is running, so `close()` does not wait for them. */
  private readonly running = new Set<(reason: StopReason) => Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly options: PostgresConnectionOptions,
    private readonly pool: pg.Pool,
    private readonly control: pg.Pool,
    readonly redactedUrl: string,
  ) {
    this.name = options.name;
  }

  /** Reads the user schemas again; they form each transaction's search_path. */
  async refreshSchemas(): Promise<string[]> {
    const schemas = await listPostgresSchemas((sql, parameters) => this.catalog(sql, parameters));
    this.schemas = schemas.length > 0 ? schemas : ['public'];
    return this.schemas;
  }

  async listTables(): Promise<string[]> {
    return (await this.describe()).map((table) => table.name);
  }

  async describe(): Promise<TableSchema[]> {
    const schemas = await this.refreshSchemas();
    return describePostgres((sql, parameters) => this.catalog(sql, parameters), schemas);
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, [], options, true);
  }

  runInternal(sql: string, parameters: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, parameters, { limit: Number.MAX_SAFE_INTEGER - 1, ...options }, false);
  }

  async explain(sql: string): Promise<string> {
    checkPostgresReadOnly(sql);
    const result = await this.execute(`EXPLAIN ${sql}`, [], { limit: 10_000 }, false, false);
    return result.rows.map((row) => String(row[0] ?? '')).join('\n');
  }

  async accountWarnings(): Promise<string[]> {
    return listWritePrivileges((sql, parameters) => this.catalog(sql, parameters), this.schemas);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.running].map((stop) => stop('closed')));
    await Promise.all([this.pool.end().catch(() => undefined), this.control.end().catch(() => undefined)]);
  }

  private async catalog(sql: string, parameters: unknown[] = []): Promise<Cell[][]> {
    return (await this.runInternal(sql, parameters)).rows;
  }

  /**
   * One statement in one READ ONLY transaction. `guarded`: the read-only guard checks the SQL
   * first; `cursor`: results come through a cursor (EXPLAIN cannot be declared as one).
   */
  private async execute(sql: string, parameters: unknown[], options: QueryOptions, guarded: boolean, cursor = true): Promise<QueryResult> {
    const url = this.options.url;
    if (this.closed) throw new AppError('CONNECTOR_CONNECTION_FAILED', `The datasource "${this.name}" is closed.`, { details: { sql } });
    const limit = options.limit ?? this.options.rowCap ?? DEFAULT_ROW_CAP;
    const maxBytes = options.maxBytes ?? this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? this.options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
    if (options.signal?.aborted) throw toPostgresQueryError(new Error('aborted before start'), sql, 'cancelled', timeoutMs, url);
    if (guarded) checkPostgresReadOnly(sql);
    const started = performance.now();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toPostgresConnectError(error, this.name, url, this.redactedUrl);
    }
    let stopReason: StopReason | undefined;
    let cancelling: Promise<unknown> | undefined;
    const pid = (client as unknown as { processID?: number }).processID;
    const stop = (reason: StopReason): Promise<unknown> => {
      if (stopReason === undefined) {
        stopReason = reason;
        cancelling = this.control.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
      }
      return cancelling ?? Promise.resolve();
    };
    this.running.add(stop);
    const timer = setTimeout(() => void stop('timeout'), timeoutMs);
    const onAbort = () => void stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let broken = false;
    try {
      const path = this.schemas.map(quoteIdentifier).join(', ');
      await client.query(`BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${timeoutMs}; SET LOCAL search_path = ${path}`);
      if (!cursor) {
        const result = await client.query({ text: sql, values: parameters, rowMode: 'array', queryMode: 'extended' } as pg.QueryConfig);
        return await this.finish(client, result.fields, result.rows as (string | null)[][], started);
      }
      // A cursor accepts only SELECT/VALUES; the extended protocol accepts only one statement.
      await client.query({ text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, values: parameters, queryMode: 'extended' } as pg.QueryConfig);
      const rows: Cell[][] = [];
      let bytes = 0;
      let truncated = false;
      let truncatedReason: TruncatedReason | undefined;
      let fields: pg.FieldDef[] = [];
      while (!truncated) {
        // A cancel that arrived between statements found the backend idle: stop here instead.
        if (stopReason !== undefined) throw new Error('stopped');
        const wanted = Math.min(FETCH_BATCH_ROWS, limit + 1 - rows.length);
        const batch = await client.query({ text: `FETCH FORWARD ${Math.max(1, wanted)} FROM ${CURSOR}`, rowMode: 'array' });
        fields = batch.fields;
        const kinds = fields.map((field) => postgresValueKind(field.dataTypeID));
        for (const raw of batch.rows as (string | null)[][]) {
          if (rows.length >= limit) {
            truncated = true;
            truncatedReason = 'rows';
            break;
          }
          const row = raw.map((value, index) => normalizePostgresValue(value, kinds[index]));
          const size = rowJsonBytes(row);
          if (bytes + size > maxBytes) {
            truncated = true;
            truncatedReason = 'bytes';
            break;
          }
          bytes += size;
          rows.push(row);
        }
        if (batch.rows.length < wanted) break;
      }
      if (stopReason !== undefined) throw new Error('stopped');
      const columns = await this.columnsOf(client, fields);
      await client.query('ROLLBACK');
      return { columns, rows, rowCount: rows.length, truncated, ...(truncatedReason ? { truncatedReason } : {}), elapsedMs: performance.now() - started };
    } catch (error) {
      broken = true;
      throw toPostgresQueryError(error, sql, stopReason, timeoutMs, url);
    } finally {
      clearTimeout(timer);
      this.running.delete(stop);
      options.signal?.removeEventListener('abort', onAbort);
      await cancelling;
      // After an error or a cancel the connection is discarded, never reused half-way.
      if (broken || stopReason !== undefined) client.release(true);
      else client.release();
    }
  }

  /** A statement that cannot be a cursor (EXPLAIN): its few rows come back whole. */
  private async finish(client: pg.PoolClient, fields: pg.FieldDef[], raw: (string | null)[][], started: number): Promise<QueryResult> {
    const kinds = fields.map((field) => postgresValueKind(field.dataTypeID));
    const rows = raw.map((row) => row.map((value, index) => normalizePostgresValue(value, kinds[index])));
    const columns = await this.columnsOf(client, fields);
    await client.query('ROLLBACK');
    return { columns, rows, rowCount: rows.length, truncated: false, elapsedMs: performance.now() - started };
  }

  /** Column names and type names; types we do not know by OID are asked of the server once. */
  private async columnsOf(client: pg.PoolClient, fields: pg.FieldDef[]): Promise<QueryResult['columns']> {
    const columns: QueryResult['columns'] = [];
    for (const field of fields) {
      let type = postgresTypeName(field.dataTypeID, field.dataTypeModifier) ?? this.typeNames.get(field.dataTypeID);
      if (type === undefined) {
        const result = await client.query({ text: 'SELECT format_type($1::oid, NULL)', values: [field.dataTypeID], rowMode: 'array' });
        type = String((result.rows[0] as unknown[])?.[0] ?? 'unknown');
        this.typeNames.set(field.dataTypeID, type);
      }
      columns.push({ name: field.name, type });
    }
    return columns;
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
