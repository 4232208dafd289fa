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

export interface ProfileDatasourceOptions {
  /** Only these tables (default: all). */
  tables?: string[];
  /** Reuse a stored profile while the fingerprint matches; store a new one otherwise. */
  cache?: DnaCache;
  /** Called before each table with a line for people and the numbers. */
  onProgress?: (message: string, progress: DnaProgress) => void;
  signal?: AbortSignal;
  /** Tables with more rows are profiled from a sample of this many rows where the dialect has one (default 200 000). */
  sampleRows?: number;
  /** When the profile was made; injected for deterministic tests. */
  now?: () => Date;
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
  const { fingerprint, rowCounts } = await dnaFingerprint(connector, selected, options.signal);
  if (options.cache) {
    const cached = await readCachedDna(options.cache, connector.name, fingerprint);
    if (cached) return cached;
  }
  const tables = [];
  for (const [index, table] of selected.entries()) {
    if (options.signal?.aborted) throw new AppError('CONNECTOR_QUERY_CANCELLED', 'Profiling was cancelled.', { details: { table: table.name } });
    options.onProgress?.(`Profiling ${table.name} (${index + 1}/${selected.length})…`, { table: table.name, done: index, total: selected.length });
    tables.push(await profileTable(connector, table, { signal: options.signal, rowCount: rowCounts.get(table.name), sampleRows: options.sampleRows }));
  }
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
