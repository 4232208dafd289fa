import { createRequire } from 'node:module';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { AppError } from '../../core/app-error.js';
import { rowJsonBytes, type Cell, type QueryResult, type TruncatedReason } from '../../core/query-result.js';
import type { Connector, QueryOptions, TableSchema } from '../connector.js';
import { DEFAULT_RESULT_MAX_BYTES, DEFAULT_ROW_CAP, DEFAULT_STATEMENT_TIMEOUT_MS, type SqliteConnectionOptions } from './sqlite-connection-options.js';
import { cancelledError, timeoutError, toSqliteQueryError, type SqliteWorkerError } from './sqlite-errors.js';
import { normalizeSqliteValue } from './sqlite-normalize-value.js';
import { sqliteTypeName } from './sqlite-type-mapping.js';
import { SQLITE_WORKER_SOURCE } from './sqlite-worker-source.js';

/** A SQLite connector; `path` is the database file, for fingerprints. */
export interface SqliteConnector extends Connector {
  readonly dialect: 'sqlite';
  readonly path: string;
  /**
   * Prepares without running and returns the engine's verdict (`sqlite3_stmt_readonly`, and
   * whether the statement returns rows). Engine errors reject like `query` does.
   */
  inspect(sql: string): Promise<{ readonly: boolean; reader: boolean }>;
}

type RequestKind = 'query' | 'explain' | 'inspect';

/** The row cap and byte cap a request runs under. */
interface Caps {
  limit: number;
  maxBytes: number;
}

const NO_ROWS: Caps = { limit: 0, maxBytes: 0 };

interface WorkerReply {
  readonly?: boolean;
  reader?: boolean;
  id: number;
  ok: boolean;
  columns?: { name: string; declared: string | null; sample: unknown }[];
  rows?: unknown[][];
  truncated?: boolean;
  truncatedReason?: TruncatedReason;
  error?: SqliteWorkerError;
}

/**
 * Opens a SQLite file read-only (`readonly`, `fileMustExist`, `PRAGMA query_only`). Queries run
 * one at a time in a worker process, so a timeout or an abort can stop a synchronous
 * better-sqlite3 call by killing the worker (a fresh one starts for the next query). See
 * sqlite-worker-source.ts for why a process and not a worker thread.
 */
export async function openSqliteConnector(options: SqliteConnectionOptions): Promise<SqliteConnector> {
  assertReadableDatabase(options.path);
  const connector = new SqliteConnectorImpl(options);
  await connector.start();
  return connector;
}

/** Fails early, with a clear message, for a missing file or one that is not a SQLite database. */
function assertReadableDatabase(path: string): void {
  try {
    const database = new Database(path, { readonly: true, fileMustExist: true });
    try {
      database.pragma('schema_version');
    } finally {
      database.close();
    }
  } catch (error) {
    throw new AppError('DATASOURCE_UNREADABLE', `Cannot open "${path}" as a SQLite database: ${error instanceof Error ? error.message : String(error)}. Check that the file exists, is readable and is a SQLite 3 database.`, {
      details: { path },
      cause: error,
    });
  }
}

const betterSqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');

class SqliteConnectorImpl implements SqliteConnector {
  readonly dialect = 'sqlite' as const;
  readonly name: string;
  readonly path: string;
  private worker: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SqliteConnectionOptions) {
    this.name = options.name;
    this.path = options.path;
  }

  start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = spawn(process.execPath, ['-e', SQLITE_WORKER_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const fail = (message: string, cause?: unknown) => {
        this.restart(worker);
        reject(new AppError('DATASOURCE_UNREADABLE', `Cannot open "${this.path}" as a SQLite database: ${message}`, { details: { path: this.path }, cause }));
      };
      worker.once('message', (message: { ready?: boolean; error?: SqliteWorkerError }) => {
        // An idle worker must not keep the process alive; a pending request refs it again.
        this.idle(worker);
        if (message.ready) resolve();
        else fail(message.error?.message ?? 'the worker failed to start');
      });
      worker.once('error', (error) => fail(error.message, error));
    });
    worker.send({ kind: 'open', path: this.path, modulePath: betterSqlitePath });
    return this.ready;
  }

  async listTables(): Promise<string[]> {
    const result = await this.query("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", { limit: 100_000, maxBytes: Number.MAX_SAFE_INTEGER });
    return result.rows.map((row) => String(row[0]));
  }

  async describe(): Promise<TableSchema[]> {
    const columns = await this.query(
      `SELECT m.name, p.name, p.type, p."notnull", p.pk FROM sqlite_schema m JOIN pragma_table_info(m.name) p
       WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid`,
      { limit: 1_000_000, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    const keys = await this.query(
      `SELECT m.name, f."from", f."table", f."to" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
       WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`,
      { limit: 1_000_000, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    const tables = new Map<string, TableSchema>();
    for (const [table, column, type, notNull, pk] of columns.rows) {
      const schema = tables.get(String(table)) ?? { name: String(table), columns: [], foreignKeys: [] };
      schema.columns.push({ name: String(column), type: String(type ?? '').toUpperCase(), nullable: notNull === 0 && pk === 0, primaryKey: Number(pk) > 0 });
      tables.set(schema.name, schema);
    }
    for (const [table, column, refTable, refColumn] of keys.rows) {
      const schema = tables.get(String(table));
      // A key declared without a column list references the target's primary key.
      const target = refColumn ?? tables.get(String(refTable))?.columns.find((candidate) => candidate.primaryKey)?.name ?? '';
      schema?.foreignKeys.push({ column: String(column), refTable: String(refTable), refColumn: String(target) });
    }
    return [...tables.values()];
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    const limit = options.limit ?? this.options.rowCap ?? DEFAULT_ROW_CAP;
    const maxBytes = options.maxBytes ?? this.options.resultMaxBytes ?? DEFAULT_RESULT_MAX_BYTES;
    const reply = await this.send('query', sql, { limit, maxBytes }, options);
    const columns = (reply.columns ?? []).map((column) => ({ name: column.name, type: sqliteTypeName(column.declared, column.sample) }));
    const rows: Cell[][] = [];
    let truncatedReason = reply.truncated === true ? (reply.truncatedReason ?? 'rows') : undefined;
    let bytes = 0;
    // The worker counted a lower bound; the exact size of the normalised rows decides.
    for (const raw of reply.rows ?? []) {
      const row = raw.map(normalizeSqliteValue);
      bytes += rowJsonBytes(row);
      if (bytes > maxBytes) {
        truncatedReason = 'bytes';
        break;
      }
      rows.push(row);
    }
    const cut = truncatedReason === undefined ? { truncated: false } : { truncated: true, truncatedReason };
    return { columns, rows, rowCount: rows.length, ...cut, elapsedMs: performance.now() - started };
  }

  async inspect(sql: string): Promise<{ readonly: boolean; reader: boolean }> {
    const reply = await this.send('inspect', sql, NO_ROWS, {});
    return { readonly: reply.readonly === true, reader: reply.reader === true };
  }

  async explain(sql: string): Promise<string> {
    const reply = await this.send('explain', sql, NO_ROWS, {});
    return (reply.rows ?? []).map((row) => String(row[0])).join('\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker?.kill('SIGKILL');
    this.worker = undefined;
    this.ready = undefined;
  }

  /** Queues one request: SQLite runs one statement at a time per connection anyway. */
  private send(kind: RequestKind, sql: string, caps: Caps, options: QueryOptions): Promise<WorkerReply> {
    const run = this.queue.then(() => this.dispatch(kind, sql, caps, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatch(kind: RequestKind, sql: string, caps: Caps, options: QueryOptions): Promise<WorkerReply> {
    if (this.closed) throw new AppError('CONNECTOR_CONNECTION_FAILED', `The datasource "${this.name}" is closed.`, { details: { sql } });
    if (options.signal?.aborted) throw cancelledError(sql);
    await this.start();
    const worker = this.worker!;
    worker.ref();
    worker.channel?.ref();
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    return new Promise<WorkerReply>((resolve, reject) => {
      const finish = () => {
        this.idle(worker);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      // The only way to stop a synchronous SQLite call: kill its process, start a fresh one later.
      const stop = (error: AppError) => {
        finish();
        this.restart(worker);
        reject(error);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        finish();
        if (reply.ok) resolve(reply);
        else reject(toSqliteQueryError(reply.error ?? { message: 'unknown error' }, sql));
      };
      const onError = (error: Error) => stop(new AppError('CONNECTOR_QUERY_FAILED', `The SQLite worker failed: ${error.message}`, { details: { sql }, cause: error }));
      const onExit = () => stop(new AppError('CONNECTOR_QUERY_FAILED', 'The SQLite worker stopped unexpectedly; run the query again.', { details: { sql } }));
      const onAbort = () => stop(cancelledError(sql));
      const timer = setTimeout(() => stop(timeoutError(sql, timeoutMs)), timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.send({ id, kind, sql, limit: caps.limit, maxBytes: caps.maxBytes });
    });
  }

  private idle(worker: ChildProcess): void {
    worker.unref();
    worker.channel?.unref();
  }

  private restart(worker: ChildProcess): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
    }
    worker.kill('SIGKILL');
  }
}
