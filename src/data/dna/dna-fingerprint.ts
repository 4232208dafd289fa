import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Connector, TableSchema } from '../connector.js';
import { quoteTable } from './dialect-sql.js';

/** Bump when the profile's content or format changes, so cached profiles are made again. */
export const PROFILER_VERSION = 3;

/**
 * What changes when the data changes: the schema, every table's row count and, for a file
 * database, the file's size and modification time. Cheap: counts are metadata in DuckDB.
 */
export async function dnaFingerprint(connector: Connector, tables: TableSchema[], signal?: AbortSignal): Promise<{ fingerprint: string; rowCounts: Map<string, number> }> {
  const rowCounts = new Map<string, number>();
  for (const table of tables) {
    const result = await connector.query(`SELECT count(*) FROM ${quoteTable(connector.dialect, table.name)}`, { limit: 1, signal });
    rowCounts.set(table.name, Number(result.rows[0]?.[0] ?? 0));
  }
  // File databases and registered files: their size and time change when their data does.
  const source = connector as { path?: unknown; sourcePaths?: unknown };
  const paths = Array.isArray(source.sourcePaths) ? source.sourcePaths.map(String) : typeof source.path === 'string' ? [source.path] : [];
  const file = paths.map((path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats ? { path, size: stats.size, mtimeMs: Math.round(stats.mtimeMs) } : { path };
  });
  const material = JSON.stringify({
    profiler: PROFILER_VERSION,
    dialect: connector.dialect,
    file,
    tables: tables.map((table) => ({
      name: table.name,
      rows: rowCounts.get(table.name),
      columns: table.columns.map((column) => (column.description === undefined ? [column.name, column.type] : [column.name, column.type, column.description])),
      // Comments become descriptions in the DNA: a changed comment makes a new profile.
      description: table.description,
      keys: table.foreignKeys.length > 0 ? table.foreignKeys : undefined,
    })),
  });
  return { fingerprint: createHash('sha256').update(material).digest('hex').slice(0, 20), rowCounts };
}
