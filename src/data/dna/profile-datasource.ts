import { AppError } from '../../core/app-error.js';
import type { DataDna } from '../../core/dna.js';
import type { Connector } from '../connector.js';
import { readCachedDna, writeCachedDna, type DnaCache } from './dna-cache.js';
import { dnaFingerprint } from './dna-fingerprint.js';
import { inferForeignKeys } from './infer-foreign-keys.js';
import { profileTable } from './profile-table.js';

export interface DnaProgress {
  table: string;
  done: number;
  total: number;
}

/** The percent of a profile done at this step (whole numbers; 100 at the end). */
export function percentOf(progress: DnaProgress): number {
  return progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
}

export interface ProfileDatasourceOptions {
  /** Only these tables (default: all). */
  tables?: string[];
  /** Reuse a stored profile while the fingerprint matches; store a new one otherwise. */
  cache?: DnaCache;
  /** Called before each table with a line for people and the numbers. */
  onProgress?: (message: string, progress: DnaProgress) => void;
  signal?: AbortSignal;
  /**
   * Rows in the sample a large table is profiled from (PostgreSQL, MySQL/MariaDB; default
   * 100 000); tables with more than twice as many are sampled.
   */
  sampleRows?: number;
  /** When the profile was made; injected for deterministic tests. */
  now?: () => Date;
  /**
   * Time for the whole profile: each query gets the time left as its timeout, and running past
   * it fails with CONNECTOR_QUERY_TIMEOUT naming the table. Large PostgreSQL and MySQL tables are sampled,
   * so a budget of a minute covers tables of millions of rows.
   */
  timeBudgetMs?: number;
}

/**
 * The Data DNA of a datasource (ARCHITECTURE §3), computed by the engine in SQL: per table one
 * aggregate query plus one GROUP BY per low-cardinality column. Cached under the cache dir by
 * fingerprint (schema, row counts, file size and time), so a changed table is profiled again.
 */
export async function profileDatasource(connector: Connector, options: ProfileDatasourceOptions = {}): Promise<DataDna> {
  const schema = await connector.describe();
  const wanted = options.tables;
  if (wanted) {
    const missing = wanted.filter((name) => !schema.some((table) => table.name === name));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', `No table ${missing.map((name) => `"${name}"`).join(', ')} in "${connector.name}". Tables: ${schema.map((table) => table.name).join(', ')}.`, {
        details: { missing, tables: schema.map((table) => table.name) },
      });
    }
  }
  const selected = wanted ? schema.filter((table) => wanted.includes(table.name)) : schema;
  const started = Date.now();
  const { fingerprint, rowCounts } = await dnaFingerprint(connector, selected, options.signal);
  if (options.cache) {
    const cached = await readCachedDna(options.cache, connector.name, fingerprint);
    if (cached) return cached;
  }
  const tables = [];
  for (const [index, table] of selected.entries()) {
    if (options.signal?.aborted) throw new AppError('CONNECTOR_QUERY_CANCELLED', 'Profiling was cancelled.', { details: { table: table.name } });
    const percent = Math.round((100 * index) / selected.length);
    options.onProgress?.(`Profiling ${table.name} (${index + 1}/${selected.length}, ${percent}%)…`, { table: table.name, done: index, total: selected.length });
    const timeoutMs = options.timeBudgetMs === undefined ? undefined : options.timeBudgetMs - (Date.now() - started);
    if (timeoutMs !== undefined && timeoutMs <= 0) throw budgetError(options.timeBudgetMs!, table.name);
    try {
      tables.push(await profileTable(connector, table, { signal: options.signal, timeoutMs, rowCount: rowCounts.get(table.name), sampleRows: options.sampleRows }));
    } catch (error) {
      if (timeoutMs !== undefined && error instanceof AppError && error.code === 'CONNECTOR_QUERY_TIMEOUT') throw budgetError(options.timeBudgetMs!, table.name);
      throw error;
    }
  }
  options.onProgress?.(`Profiled ${selected.length} table${selected.length === 1 ? '' : 's'} (100%).`, { table: '', done: selected.length, total: selected.length });
  const inferred = await inferForeignKeys(connector, tables, options.signal);
  for (const table of tables) table.foreignKeys.push(...(inferred.get(table.name) ?? []));
  const dna: DataDna = {
    datasource: connector.name,
    dialect: connector.dialect,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    fingerprint,
    tables,
  };
  if (options.cache) await writeCachedDna(options.cache, dna);
  return dna;
}

function budgetError(budgetMs: number, table: string): AppError {
  return new AppError('CONNECTOR_QUERY_TIMEOUT', `Profiling ran past its time budget of ${Math.round(budgetMs / 1000)} s at table "${table}". Profile fewer tables, or allow more time.`, {
    details: { table, timeoutMs: budgetMs, hint: 'Profile fewer tables (--tables) or raise the time budget.' },
  });
}
