import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Connector, TableSchema } from '../connector.js';
import { quoteIdentifier } from './dialect-sql.js';

/**
 * What changes when the data changes: the schema, every table's row count and, for a file
 * database, the file's size and modification time. Cheap: counts are metadata in DuckDB.
 */
export async function dnaFingerprint(connector: Connector, tables: TableSchema[], signal?: AbortSignal): Promise<{ fingerprint: string; rowCounts: Map<string, number> }> {
  const rowCounts = new Map<string, number>();
  for (const table of tables) {
    const result = await connector.query(`SELECT count(*) FROM ${quoteIdentifier(table.name)}`, { limit: 1, signal });
    rowCounts.set(table.name, Number(result.rows[0]?.[0] ?? 0));
  }
  const path = (connector as { path?: unknown }).path;
  let file: { size: number; mtimeMs: number } | null = null;
  if (typeof path === 'string') {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats) file = { size: stats.size, mtimeMs: Math.round(stats.mtimeMs) };
  }
  const material = JSON.stringify({
    dialect: connector.dialect,
    file,
    tables: tables.map((table) => ({ name: table.name, rows: rowCounts.get(table.name), columns: table.columns.map((column) => [column.name, column.type]) })),
  });
  return { fingerprint: createHash('sha256').update(material).digest('hex').slice(0, 20), rowCounts };
}
