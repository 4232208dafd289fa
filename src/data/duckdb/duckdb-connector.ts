import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, JsonDuckDBValueConverter, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../core/app-error.js';
import { rowJsonBytes, type Cell, type QueryResult, type TruncatedReason } from '../../core/query-result.js';
import type { Connector, QueryOptions, TableSchema } from '../connector.js';
import { processTempPrefix } from '../process-temp-files.js';
import { DEFAULT_FILE_LOAD_LIMITS, DEFAULT_RESULT_MAX_BYTES, DEFAULT_ROW_CAP, DEFAULT_STATEMENT_TIMEOUT_MS, type DuckDbConnectionOptions } from './duckdb-connection-options.js';
import { toDuckDbQueryError, type StopReason } from './duckdb-errors.js';
import { loadFileTable, quoteIdentifier } from './load-file-table.js';
import { normalizeDuckDbValue } from './duckdb-normalize-value.js';
import { duckDbValueKind } from './duckdb-type-mapping.js';
import { duckDbCellByteFloor } from './duckdb-value-size.js';

/** A DuckDB connector; `path` is the user's database file (undefined in memory). */
export interface DuckDbConnector extends Connector {
  readonly dialect: 'duckdb';
  readonly path: string | undefined;
  /** The files the data comes from (the database file, or registered CSV/Parquet/JSON files), for fingerprints. */
  readonly sourcePaths: string[];
  /**
   * Runs trusted SQL written by InsightX itself (profiling, parsing) without the SELECT-only
   * check but with the same normalisation, cap and cancellation. Never pass user SQL here.
   */
  runInternal(sql: string, parameters?: string[], options?: QueryOptions): Promise<QueryResult>;
}

/**
 * Opens a DuckDB database (a file, read-only when asked, or in memory) behind the `Connector`
 * interface. CSV, Parquet and JSON files are loaded into a private database file that is then
 * opened READ_ONLY like any user database (and deleted on close). After setup, file and
 * network access and the configuration are locked in the engine, so SQL cannot reach outside.
 */
export async function openDuckDbConnector(options: DuckDbConnectionOptions): Promise<DuckDbConnector> {
  const inMemory = options.path === undefined || options.path === ':memory:';
  if (inMemory && (options.files ?? []).length > 0) return openFileTables(options);
  const instance = await DuckDBInstance.create(inMemory ? ':memory:' : options.path, !inMemory && options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  const setup = await instance.connect();
  try {
    for (const file of options.files ?? []) await loadFileTable(setup, file, { ...DEFAULT_FILE_LOAD_LIMITS, ...options.fileLoad });
    if (!options.allowExternalAccess) {
      await setup.run('SET enable_external_access = false');
      await setup.run('SET lock_configuration = true');
    }
  } catch (error) {
    setup.closeSync();
    instance.closeSync();
    throw error;
  }
  setup.closeSync();
  return new DuckDbConnectorImpl(options, instance, inMemory ? undefined : options.path, inMemory ? [] : [options.path!]);
}

/** Prefix of the private copies' folders; `removeStaleTempEntries` clears those of dead processes. */
export const FILE_COPY_PREFIX = 'insightx-files-';

/**
 * Loads the files into a private database, then opens it read-only; removed on close. The
 * load is bounded (`fileLoad`): rows, columns, one thread, and a deadline that interrupts it.
 */
async function openFileTables(options: DuckDbConnectionOptions): Promise<DuckDbConnector> {
  const limits = { ...DEFAULT_FILE_LOAD_LIMITS, ...options.fileLoad };
  const directory = await mkdtemp(join(options.workDir ?? tmpdir(), processTempPrefix(FILE_COPY_PREFIX)));
  const removeDirectory = () => rm(directory, { recursive: true, force: true }).catch(() => undefined);
  try {
    const path = join(directory, 'files.duckdb');
    const instance = await DuckDBInstance.create(path, { threads: String(limits.threads) });
    const connection = await instance.connect();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      connection.interrupt();
    }, limits.timeoutMs);
    try {
      for (const file of options.files ?? []) await loadFileTable(connection, file, limits);
      await connection.run('CHECKPOINT');
      // An interrupt that fell between two statements stops nothing: the deadline still holds.
      if (timedOut) throw new Error('past the deadline');
    } catch (error) {
      if (!timedOut) throw error;
      const paths = (options.files ?? []).map((file) => file.path);
      throw new AppError('DATASOURCE_LOAD_TIMEOUT', `Loading ${paths.join(', ')} took longer than ${limits.timeoutMs} ms and was stopped. Use a smaller file, or raise files.loadTimeoutMs in the configuration.`, {
        details: { paths, timeoutMs: limits.timeoutMs },
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      connection.closeSync();
      instance.closeSync();
    }
    const readOnly = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const setup = await readOnly.connect();
    if (!options.allowExternalAccess) {
      await setup.run('SET enable_external_access = false');
      await setup.run('SET lock_configuration = true');
    }
    setup.closeSync();
    // The fingerprint follows the user's files, not our private copy.
    return new DuckDbConnectorImpl(options, readOnly, undefined, (options.files ?? []).map((file) => file.path), removeDirectory);
  } catch (error) {
    await removeDirectory();
    throw error;
  }
}

export { quoteIdentifier };

class DuckDbConnectorImpl implements DuckDbConnector {
  readonly dialect = 'duckdb' as const;
  readonly name: string;
  private readonly open = new Set<DuckDBConnection>();
  private closed = false;

  constructor(
    private readonly options: DuckDbConnectionOptions,
    private readonly instance: DuckDBInstance,
    readonly path: string | undefined,
    readonly sourcePaths: string[],
    private readonly onClose?: () => Promise<void>,
  ) {
    this.name = options.name;
  }

  async listTables(): Promise<string[]> {
    const result = await this.runInternal(
      "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name",
    );
    return result.rows.map((row) => String(row[0]));
  }

  async describe(): Promise<TableSchema[]> {
    const columns = await this.runInternal(
      `SELECT table_name, column_name, data_type, is_nullable = 'YES' FROM information_schema.columns
       WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
    );
    const constraints = await this.runInternal(
      `SELECT table_name, constraint_type, to_json(constraint_column_names)::VARCHAR, referenced_table, to_json(referenced_column_names)::VARCHAR
       FROM duckdb_constraints() WHERE database_name = current_database() AND schema_name = 'main' AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')`,
    );
    const tables = new Map<string, TableSchema>();
    for (const [table, column, type, nullable] of columns.rows) {
      const schema = tables.get(String(table)) ?? { name: String(table), columns: [], foreignKeys: [] };
      schema.columns.push({ name: String(column), type: String(type), nullable: nullable === true, primaryKey: false });
      tables.set(schema.name, schema);
    }
    for (const [table, kind, columnNames, refTable, refColumns] of constraints.rows) {
      const schema = tables.get(String(table));
      if (!schema) continue;
      const names = JSON.parse(String(columnNames)) as string[];
      if (kind === 'PRIMARY KEY') {
        for (const column of schema.columns) if (names.includes(column.name)) column.primaryKey = true;
      } else {
        const references = JSON.parse(String(refColumns)) as string[];
        names.forEach((column, index) => schema.foreignKeys.push({ column, refTable: String(refTable), refColumn: references[index] ?? '' }));
      }
    }
    return [...tables.values()];
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, [], options, true);
  }

  runInternal(sql: string, parameters: string[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.execute(sql, parameters, { limit: Number.MAX_SAFE_INTEGER - 1, maxBytes: Number.MAX_SAFE_INTEGER, ...options }, false);
  }

  async explain(sql: string): Promise<string> {
    await this.execute(sql, [], { limit: 0 }, true, true);
    const result = await this.execute(`EXPLAIN ${sql}`, [], { limit: 1000 }, false);
    return result.rows.map((row) => String(row[1] ?? '')).join('\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.open) connection.interrupt();
    for (const connection of this.open) connection.closeSync();
    this.open.clear();
    this.instance.closeSync();
    await this.onClose?.();
  }

  /**
   * Prepares, checks, streams chunk by chunk and stops at limit + 1 rows or at the byte cap: a
   * large result is never materialised, and a huge value is measured before it is converted. `selectOnly` makes the engine's own statement type decide.
   */
  private async execute(sql: string, parameters: string[], options: QueryOptions, selectOnly: boolean, checkOnly = false): Promise<QueryResult> {
    if (this.closed) throw new AppError('CONNECTOR_CONNECTION_FAILED', `The datasource "${this.name}" is closed.`, { details: { sql } });
    const timeoutMs = options.timeoutMs ?? this.options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    if (options.signal?.aborted) throw toDuckDbQueryError(new Error('aborted before start'), sql, 'cancelled', timeoutMs);
    const caps = {
      limit: options.limit ?? this.options.rowCap ?? DEFAULT_ROW_CAP,
      maxBytes: options.maxBytes ?? this.options.resultMaxBytes ?? DEFAULT_RESULT_MAX_BYTES,
    };
    const started = performance.now();
    const connection = await this.instance.connect();
    this.open.add(connection);
    const state: { stopReason?: StopReason } = {};
    let rejectStopped: (error: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (rejectStopped = reject));
    // The caller gets its answer at the deadline even when the engine is inside one long
    // function call that checks for interrupts late (building one huge MAP or LIST).
    const stop = (reason: StopReason) => {
      if (state.stopReason !== undefined) return;
      state.stopReason = reason;
      connection.interrupt();
      rejectStopped(new Error(reason));
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const work = this.readRows(connection, sql, parameters, caps, state, selectOnly, checkOnly);
    // The connection closes once the engine has let go of it, never under a running statement.
    void work
      .catch(() => undefined)
      .finally(() => {
        this.open.delete(connection);
        if (!this.closed) connection.closeSync();
      });
    try {
      const result = await Promise.race([work, stopped]);
      return { ...result, elapsedMs: performance.now() - started };
    } catch (error) {
      throw toDuckDbQueryError(error, sql, state.stopReason, timeoutMs);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Checks, prepares and streams chunk by chunk until a cap, the end, or a stop. */
  private async readRows(
    connection: DuckDBConnection,
    sql: string,
    parameters: string[],
    caps: { limit: number; maxBytes: number },
    state: { stopReason?: StopReason },
    selectOnly: boolean,
    checkOnly: boolean,
  ): Promise<QueryResult> {
    if (selectOnly) await assertSingleSelect(connection, sql);
    const prepared = await connection.prepare(sql);
    if (selectOnly && prepared.statementType !== StatementType.SELECT) {
      throw new AppError('SQL_NOT_READ_ONLY', 'Only a read-only SELECT/WITH query can run here.', { details: { sql, statementType: StatementType[prepared.statementType] ?? 'unknown' } });
    }
    parameters.forEach((value, index) => prepared.bindVarchar(index + 1, value));
    if (checkOnly) return { columns: [], rows: [], rowCount: 0, truncated: false, elapsedMs: 0 };
    const result = await prepared.stream();
    const columnCount = result.columnCount;
    const columns = Array.from({ length: columnCount }, (_, index) => ({ name: result.columnName(index), type: result.columnType(index).toString() }));
    const kinds = Array.from({ length: columnCount }, (_, index) => duckDbValueKind(result.columnTypeId(index)));
    const rows: Cell[][] = [];
    let truncatedReason: TruncatedReason | undefined;
    let bytes = 0;
    while (truncatedReason === undefined && state.stopReason === undefined) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const vectors = Array.from({ length: columnCount }, (_, index) => chunk.getColumnVector(index));
      for (let rowIndex = 0; rowIndex < chunk.rowCount; rowIndex++) {
        if (rows.length >= caps.limit) {
          truncatedReason = 'rows';
          break;
        }
        // Measured on the engine's vectors first: a value too big for the cap is never converted.
        let floor = 0;
        for (const vector of vectors) floor += duckDbCellByteFloor(vector, rowIndex, caps.maxBytes - bytes);
        if (bytes + floor > caps.maxBytes) {
          truncatedReason = 'bytes';
          break;
        }
        const row = chunk.convertRowValues(rowIndex, JsonDuckDBValueConverter).map((value, index) => normalizeDuckDbValue(value, kinds[index]));
        bytes += rowJsonBytes(row);
        if (bytes > caps.maxBytes) {
          truncatedReason = 'bytes';
          break;
        }
        rows.push(row);
      }
    }
    if (state.stopReason !== undefined) throw new Error('stopped');
    const cut = truncatedReason === undefined ? { truncated: false } : { truncated: true, truncatedReason };
    return { columns, rows, rowCount: rows.length, ...cut, elapsedMs: 0 };
  }
}

/** The engine's own parser counts the statements: `SELECT 1; DROP …` never reaches prepare. */
async function assertSingleSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) {
    throw new AppError('SQL_MULTIPLE_STATEMENTS', `Only one statement may run at a time; this SQL has ${extracted.count}.`, { details: { sql } });
  }
}
