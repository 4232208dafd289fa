import { existsSync, accessSync, constants, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { AppError } from '../core/app-error.js';
import { SUPPORTED_DATASOURCE_KINDS, type DatasourceConfig } from '../core/config.js';
import type { Connector } from './connector.js';
import type { FileLoadLimits } from './duckdb/duckdb-connection-options.js';
import { openDuckDbConnector } from './duckdb/duckdb-connector.js';
import { openMysqlConnector } from './mysql/mysql-connector.js';
import { openPostgresConnector } from './postgres/postgres-connector.js';
import { resolveSecretReferences } from './resolve-secret-references.js';
import { ensureSampleDatabase } from './samples/generate-sample-database.js';
import { SQLITE_HEADER } from './sqlite/sqlite-connection-options.js';
import { openSqliteConnector } from './sqlite/sqlite-connector.js';

export interface DatasourceRegistryOptions {
  /** Where the sample database lives (`<dataDir>/sample.duckdb`). */
  dataDir: string;
  datasources: DatasourceConfig[];
  rowCap?: number;
  statementTimeoutMs?: number;
  /** Byte cap on a result's rows as JSON (`limits.resultMaxBytes`). */
  resultMaxBytes?: number;
  /** Where private copies of CSV/Parquet/JSON files are kept (default: the OS temp dir). */
  workDir?: string;
  /** Bounds on loading a CSV/Parquet/JSON file (rows, columns, time, threads). */
  fileLoad?: Partial<FileLoadLimits>;
  /** Where `${NAME}` references in connection URLs are looked up (the composition root passes the environment). */
  env?: Record<string, string | undefined>;
}

/** Configured datasources, opened lazily and kept open until `closeAll`. */
export interface DatasourceRegistry {
  list(): DatasourceConfig[];
  /**
   * A configured datasource by name, or a file path (.duckdb, .db, .sqlite, .sqlite3, .csv,
   * .tsv, .parquet, .json, .jsonl). Every database is opened read-only. Throws
   * DATASOURCE_NOT_FOUND, DATASOURCE_UNREADABLE or DATASOURCE_UNSUPPORTED.
   */
  get(nameOrPath: string): Promise<Connector>;
  /** Adds (or replaces) a datasource; an open connector of the same name is closed. */
  register(config: DatasourceConfig): void;
  /** Forgets a datasource and closes its connector (its private file copy goes with it). */
  remove(name: string): Promise<void>;
  closeAll(): Promise<void>;
}

const FILE_TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.parquet', '.json', '.jsonl', '.ndjson']);
const DATABASE_EXTENSIONS = new Set(['.duckdb', '.db', '.sqlite', '.sqlite3', '.ddb']);

/** Builds the registry the CLI and server use to turn a name or a path into a `Connector`. */
export function createDatasourceRegistry(options: DatasourceRegistryOptions): DatasourceRegistry {
  const configs = new Map<string, DatasourceConfig>(options.datasources.map((config) => [config.name, config]));
  const open = new Map<string, Promise<Connector>>();
  const limits = { rowCap: options.rowCap, statementTimeoutMs: options.statementTimeoutMs, resultMaxBytes: options.resultMaxBytes };
  const fileLimits = { ...limits, workDir: options.workDir, fileLoad: options.fileLoad };

  const openConfig = async (config: DatasourceConfig): Promise<Connector> => {
    switch (config.kind) {
      case 'sample': {
        const path = await ensureSampleDatabase(options.dataDir);
        return openDuckDbConnector({ name: config.name, path, readOnly: true, ...limits });
      }
      case 'duckdb':
        assertReadableFile(config.path);
        return openDuckDbFile(config.name, config.path);
      case 'sqlite':
        assertReadableFile(config.path);
        return openSqliteConnector({ name: config.name, path: config.path, ...limits });
      case 'file':
        assertReadableFile(config.path);
        return openDuckDbConnector({ name: config.name, files: [{ table: config.table ?? tableNameFromPath(config.path), path: config.path }], ...fileLimits });
      case 'mysql':
        return openMysqlConnector({ name: config.name, url: resolveSecretReferences(config.url, options.env ?? {}, config.name), ...limits });
      case 'postgres':
        return openPostgresConnector({ name: config.name, url: resolveSecretReferences(config.url, options.env ?? {}, config.name), ...limits, maxBytes: options.resultMaxBytes });
      case 'clickhouse':
        throw new AppError('DATASOURCE_UNSUPPORTED', `The ${config.kind} datasource "${config.name}" is not supported by this version yet; use one of the kinds ${SUPPORTED_DATASOURCE_KINDS.join(', ')} (file: CSV, Parquet, JSON).`, { details: { name: config.name, kind: config.kind, supported: SUPPORTED_DATASOURCE_KINDS } });
    }
  };

  const openDuckDbFile = (name: string, path: string): Promise<Connector> =>
    openDuckDbConnector({ name, path, readOnly: true, ...limits }).catch((error: unknown) => {
      throw new AppError('DATASOURCE_UNREADABLE', `Cannot open "${path}" as a DuckDB database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Check that the file is a DuckDB database and no other program holds it open for writing.`, { details: { path }, cause: error });
    });

  const openPath = (path: string): Promise<Connector> => {
    const extension = extname(path).toLowerCase();
    if (!FILE_TABLE_EXTENSIONS.has(extension) && !DATABASE_EXTENSIONS.has(extension)) {
      throw new AppError('DATASOURCE_UNSUPPORTED', `"${path}" has an unsupported extension; use a .duckdb, .db, .sqlite, .csv, .tsv, .parquet, .json or .jsonl file.`, { details: { path } });
    }
    assertReadableFile(path);
    const name = basename(path);
    if (FILE_TABLE_EXTENSIONS.has(extension)) return openDuckDbConnector({ name, files: [{ table: tableNameFromPath(path), path }], ...fileLimits });
    if (extension === '.sqlite' || extension === '.sqlite3' || (extension === '.db' && hasSqliteHeader(path))) {
      return openSqliteConnector({ name, path, ...limits });
    }
    return openDuckDbFile(name, path);
  };

  const knownNames = () => [...configs.keys()].join(', ') || '(none configured)';

  return {
    list: () => [...configs.values()],
    get(nameOrPath) {
      const config = configs.get(nameOrPath);
      const looksLikePath = /[\\/]/.test(nameOrPath) || extname(nameOrPath) !== '';
      if (!config && !looksLikePath) {
        return Promise.reject(
          new AppError('DATASOURCE_NOT_FOUND', `No datasource named "${nameOrPath}". Known datasources: ${knownNames()}. A file path works too (.duckdb, .sqlite, .csv, .parquet, .json).`, {
            details: { name: nameOrPath, known: [...configs.keys()] },
          }),
        );
      }
      const key = config ? `name:${config.name}` : `path:${resolve(nameOrPath)}`;
      let connector = open.get(key);
      if (!connector) {
        connector = Promise.resolve().then(() => (config ? openConfig(config) : openPath(nameOrPath)));
        open.set(key, connector);
        connector.catch(() => open.delete(key));
      }
      return connector;
    },
    register(config) {
      configs.set(config.name, config);
      const key = `name:${config.name}`;
      const previous = open.get(key);
      open.delete(key);
      void previous?.then((connector) => connector.close()).catch(() => undefined);
    },
    async remove(name) {
      configs.delete(name);
      const key = `name:${name}`;
      const previous = open.get(key);
      open.delete(key);
      await previous?.then((connector) => connector.close()).catch(() => undefined);
    },
    async closeAll() {
      const connectors = [...open.values()];
      open.clear();
      await Promise.all(connectors.map((connector) => connector.then((opened) => opened.close()).catch(() => undefined)));
    },
  };
}

/** A missing or unreadable file gets DATASOURCE_UNREADABLE with what to check. */
function assertReadableFile(path: string): void {
  if (!existsSync(path)) {
    throw new AppError('DATASOURCE_UNREADABLE', `The file "${path}" does not exist. Check the path (relative paths start from the current folder).`, { details: { path } });
  }
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new AppError('DATASOURCE_UNREADABLE', `The file "${path}" cannot be read (${error instanceof Error ? error.message : String(error)}). Check its permissions and that it is a file, not a folder.`, { details: { path }, cause: error });
  }
}

function hasSqliteHeader(path: string): boolean {
  const buffer = Buffer.alloc(16);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, buffer, 0, 16, 0);
  } finally {
    closeSync(descriptor);
  }
  return buffer.toString('latin1') === SQLITE_HEADER;
}

/** `Sales Data 2024.csv` → `sales_data_2024`: a plain identifier people can type. */
export function tableNameFromPath(path: string): string {
  const stem = basename(path, extname(path)).toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (stem === '') return 'data';
  return /^[0-9]/.test(stem) ? `t_${stem}` : stem;
}
