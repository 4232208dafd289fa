import type { Connection as CallbackConnection } from 'mysql2';
import mysql from 'mysql2/promise';
import type { FieldPacket, PoolConnection } from 'mysql2/promise';
import { AppError } from '../../core/app-error.js';
import { rowJsonBytes, type Cell, type QueryResult, type TruncatedReason } from '../../core/query-result.js';
import type { Connector, QueryOptions, TableSchema } from '../connector.js';
import { checkMysqlReadOnly, type MysqlFlavour } from '../sql-guard/mysql-read-only-check.js';
import { DEFAULT_POOL_SIZE, DEFAULT_RESULT_MAX_BYTES, DEFAULT_ROW_CAP, DEFAULT_STATEMENT_TIMEOUT_MS, parseMysqlUrl, type MysqlConnectionOptions, type ParsedMysqlUrl } from './mysql-connection-options.js';
import { toMysqlConnectionError, toMysqlQueryError, type StopReason } from './mysql-errors.js';
import { describeMysqlDatabase } from './mysql-describe.js';
import { normalizeMysqlValue } from './mysql-normalize-value.js';
import { findMysqlWriteGrants, mysqlPrivilegeWarnings } from './mysql-privileges.js';
import { mysqlTypeName, mysqlValueKind, type MysqlValueKind } from './mysql-type-mapping.js';

/** A MySQL or MariaDB connector over one database, read-only at the engine. */
export interface MysqlConnector extends Connector {
  readonly dialect: 'mysql';
  /** Which server answered: the statement time limit and a few functions differ. */
  readonly flavour: MysqlFlavour;
  /** The server's `VERSION()`. */
  readonly serverVersion: string;
  /** The database the connector reads (the URL's path). */
  readonly database: string;
  /** The URL without its password, for messages. */
  readonly redactedUrl: string;
  /**
   * Runs trusted SQL written by InsightX itself (introspection, profiling) without the
   * SELECT-only check but in the same READ ONLY transaction, cap and time limit. Never user SQL.
   */
  runInternal(sql: string, parameters?: (string | number)[], options?: QueryOptions): Promise<QueryResult>;
  /**
   * Reads the account's grants (`SHOW GRANTS`) and returns a warning for the user when the
   * account can write to the database or the server; empty when it can only read.
   */
  accountWarnings(): Promise<string[]>;
}

/** Grace after KILL QUERY before the connection is dropped even if the server has not answered. */
const KILL_GRACE_MS = 2_000;

/**
 * Opens a pool to a MySQL/MariaDB server and checks that it answers. Every connection runs with
 * `SET SESSION TRANSACTION READ ONLY`, ANSI_QUOTES (so `"name"` is an identifier, as the SQL
 * builders write it) and PIPES_AS_CONCAT, and time_zone '+00:00'; every query runs inside
 * `START TRANSACTION READ ONLY` with the server's statement time limit, and is stopped with
 * `KILL QUERY` from a second connection on timeout, cancel or when the row/byte cap is reached.
 */
export async function openMysqlConnector(options: MysqlConnectionOptions): Promise<MysqlConnector> {
  let target: ParsedMysqlUrl;
  try {
    target = parseMysqlUrl(options.url);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The datasource "${options.name}" has a bad MySQL URL: ${(error as Error).message}.`, { details: { name: options.name } });
  }
  const where = `${target.host}:${target.port}/${target.database}`;
  const settings = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4',
    connectTimeout: 10_000,
    multipleStatements: false,
    // LOAD DATA LOCAL INFILE would let the server ask this process for its files.
    flags: ['-LOCAL_FILES'],
    // Every value arrives as its raw bytes; mysql-normalize-value.ts reads them by column type.
    typeCast: (field: { buffer(): Buffer | null }) => field.buffer(),
  };
  const pool = mysql.createPool({ ...settings, connectionLimit: options.poolSize ?? DEFAULT_POOL_SIZE, maxIdle: 2, idleTimeout: 60_000 });
  // KILL QUERY must not wait behind the queries it stops: it has its own connection.
  const control = mysql.createPool({ ...settings, connectionLimit: 1, maxIdle: 1 });
  try {
    const [rows] = await pool.query({ sql: 'SELECT VERSION()', rowsAsArray: true });
    const version = String((rows as unknown as (Buffer | null)[][])[0]?.[0] ?? '');
    return new MysqlConnectorImpl(options, target, pool, control, version);
  } catch (error) {
    await Promise.all([pool.end(), control.end()]).catch(() => undefined);
    throw toMysqlConnectionError(error, target.password, undefined, where);
  }
}

class MysqlConnectorImpl implements MysqlConnector {
  readonly dialect = 'mysql' as const;
  readonly name: string;
  readonly flavour: MysqlFlavour;
  readonly database: string;
  readonly redactedUrl: string;
  private readonly prepared = new Set<number>();
  private readonly running = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly options: MysqlConnectionOptions,
    private readonly target: ParsedMysqlUrl,
    private readonly pool: mysql.Pool,
    private readonly control: mysql.Pool,
    readonly serverVersion: string,
  ) {
    this.name = options.name;
    this.flavour = /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql';
    this.database = target.database;
    this.redactedUrl = target.redacted;
  }

  async listTables(): Promise<string[]> {
    const result = await this.runInternal('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [this.database]);
    return result.rows.map((row) => String(row[0]));
  }

  describe(): Promise<TableSchema[]> {
    return describeMysqlDatabase((sql, parameters) => this.runInternal(sql, parameters), this.database);
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, [], options, true);
  }

  runInternal(sql: string, parameters: (string | number)[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, parameters, { limit: Number.MAX_SAFE_INTEGER - 1, maxBytes: Number.MAX_SAFE_INTEGER, ...options }, false);
  }

  async accountWarnings(): Promise<string[]> {
    const grants = await this.runInternal('SHOW GRANTS FOR CURRENT_USER()');
    const lines = grants.rows.map((row) => String(row[0] ?? ''));
    return mysqlPrivilegeWarnings(findMysqlWriteGrants(lines, this.database), this.target.user, this.database);
  }

  async explain(sql: string): Promise<string> {
    checkMysqlReadOnly(sql, this.flavour);
    const result = await this.execute(`EXPLAIN ${sql}`, [], { limit: 1000 }, false);
    const header = result.columns.map((column) => column.name).join('\t');
    return [header, ...result.rows.map((row) => row.map((cell) => (cell === null ? 'NULL' : String(cell))).join('\t'))].join('\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.running) stop();
    await Promise.all([this.pool.end(), this.control.end()]).catch(() => undefined);
  }

  /** A pooled connection with the read-only session settings applied once per connection. */
  private async acquire(sql: string): Promise<PoolConnection> {
    let connection: PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (error) {
      throw toMysqlConnectionError(error, this.target.password, sql, `${this.target.host}:${this.target.port}/${this.database}`);
    }
    if (!this.prepared.has(connection.threadId)) {
      try {
        await connection.query('SET SESSION TRANSACTION READ ONLY');
        await connection.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT')");
        await connection.query("SET SESSION time_zone = '+00:00'");
        // The analyst's median concatenates a group's sorted values (src/analyst/dialect-sql.ts).
        await connection.query('SET SESSION group_concat_max_len = 268435456');
      } catch (error) {
        connection.destroy();
        throw toMysqlQueryError(error, sql, undefined, 0, this.target.password);
      }
      this.prepared.add(connection.threadId);
    }
    return connection;
  }

  private timeLimitStatement(timeoutMs: number): string {
    // MariaDB counts seconds (max_statement_time), MySQL milliseconds (max_execution_time, SELECT only).
    return this.flavour === 'mariadb'
      ? `SET SESSION max_statement_time = ${Math.max(0.001, timeoutMs / 1000).toFixed(3)}`
      : `SET SESSION max_execution_time = ${Math.max(1, Math.round(timeoutMs))}`;
  }

  private async kill(threadId: number): Promise<void> {
    await this.control.query(`KILL QUERY ${Number(threadId)}`).catch(() => undefined);
  }

  /**
   * Checks (user SQL), then streams the rows of one statement inside a READ ONLY transaction,
   * stopping at limit + 1 rows or `maxBytes`. A statement we stop is killed on the server and its
   * connection is dropped rather than reused, so a late KILL can never hit the next query.
   */
  private async execute(sql: string, parameters: (string | number)[], options: QueryOptions, selectOnly: boolean): Promise<QueryResult> {
    if (this.closed) throw new AppError('CONNECTOR_CONNECTION_FAILED', `The datasource "${this.name}" is closed.`, { details: { sql } });
    const limit = options.limit ?? this.options.rowCap ?? DEFAULT_ROW_CAP;
    const timeoutMs = options.timeoutMs ?? this.options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    if (options.signal?.aborted) throw toMysqlQueryError(new Error('aborted before start'), sql, 'cancelled', timeoutMs);
    if (selectOnly) checkMysqlReadOnly(sql, this.flavour);
    const started = performance.now();
    const connection = await this.acquire(sql);
    let reusable = true;
    try {
      await connection.query(this.timeLimitStatement(timeoutMs));
      await connection.query('START TRANSACTION READ ONLY');
      const maxBytes = options.maxBytes ?? this.options.resultMaxBytes ?? DEFAULT_RESULT_MAX_BYTES;
      const outcome = await this.stream(connection, sql, parameters, limit, maxBytes, timeoutMs, options.signal);
      reusable = !outcome.killed;
      if (outcome.stopReason !== undefined) throw toMysqlQueryError(outcome.error ?? new Error('stopped'), sql, outcome.stopReason, timeoutMs, this.target.password);
      if (outcome.error !== undefined && outcome.truncatedReason === undefined) throw toMysqlQueryError(outcome.error, sql, undefined, timeoutMs, this.target.password);
      const cut = outcome.truncatedReason === undefined ? { truncated: false } : { truncated: true, truncatedReason: outcome.truncatedReason };
      return { columns: outcome.columns, rows: outcome.rows, rowCount: outcome.rows.length, ...cut, elapsedMs: performance.now() - started };
    } catch (error) {
      throw toMysqlQueryError(error, sql, undefined, timeoutMs, this.target.password);
    } finally {
      if (reusable) {
        await connection.query('ROLLBACK').then(() => connection.release(), () => connection.destroy());
      } else {
        this.prepared.delete(connection.threadId);
        connection.destroy();
      }
    }
  }

  private stream(connection: PoolConnection, sql: string, parameters: (string | number)[], limit: number, maxBytes: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<StreamOutcome> {
    return new Promise((resolve) => {
      const outcome: StreamOutcome = { columns: [], rows: [], killed: false };
      let kinds: MysqlValueKind[] = [];
      let bytes = 0;
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        signal?.removeEventListener('abort', onAbort);
        this.running.delete(onClose);
        resolve(outcome);
      };
      const stop = (reason: StopReason | TruncatedReason) => {
        if (outcome.killed) return;
        outcome.killed = true;
        if (reason === 'rows' || reason === 'bytes') outcome.truncatedReason = reason;
        else outcome.stopReason ??= reason;
        void this.kill(connection.threadId);
        // If the server does not answer the kill, the connection is dropped anyway.
        grace = setTimeout(finish, KILL_GRACE_MS);
      };
      const timer = setTimeout(() => stop('timeout'), timeoutMs);
      const onAbort = () => stop('cancelled');
      const onClose = () => stop('cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.running.add(onClose);
      // The promise API buffers whole results; the callback connection underneath streams row by row.
      const query = (connection.connection as unknown as CallbackConnection).query({ sql, values: parameters, rowsAsArray: true });
      query.on('fields', (fields: FieldPacket[]) => {
        outcome.columns = fields.map((field) => ({ name: field.name, type: mysqlTypeName(field) }));
        kinds = fields.map((field) => mysqlValueKind(field));
      });
      query.on('result', (raw: unknown) => {
        if (outcome.killed || !Array.isArray(raw)) return;
        if (outcome.rows.length >= limit) return stop('rows');
        // A value far too big for the byte cap is refused from its raw length, before it is converted.
        if (bytes + rawTextBytes(raw, kinds) > maxBytes) return stop('bytes');
        const row: Cell[] = raw.map((value, index) => normalizeMysqlValue(value as Buffer | null, kinds[index] ?? 'text'));
        const size = rowJsonBytes(row);
        if (bytes + size > maxBytes) return stop('bytes');
        bytes += size;
        outcome.rows.push(row);
      });
      query.on('error', (error: Error) => {
        outcome.error = error;
        finish();
      });
      query.on('end', finish);
    });
  }
}

interface StreamOutcome {
  columns: { name: string; type: string }[];
  rows: Cell[][];
  /** Set when the rows were cut at the row or byte cap. */
  truncatedReason?: TruncatedReason;
  killed: boolean;
  stopReason?: StopReason;
  error?: Error;
}

/**
 * A lower bound on a raw row's JSON size: the bytes of its text, JSON and binary values (their JSON
 * form is at least as long: quoted, escaped, hex). Numbers and dates count 0 here.
 */
function rawTextBytes(raw: unknown[], kinds: MysqlValueKind[]): number {
  let total = 0;
  for (const [index, value] of raw.entries()) {
    const kind = kinds[index] ?? 'text';
    if (Buffer.isBuffer(value) && (kind === 'text' || kind === 'json' || kind === 'binary')) total += value.length;
  }
  return total;
}
