import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../core/app-error.js';
import type { DuckDbFileTable, FileLoadLimits } from './duckdb-connection-options.js';

const READERS: Record<string, string> = { csv: 'read_csv_auto', tsv: 'read_csv_auto', parquet: 'read_parquet', json: 'read_json_auto', jsonl: 'read_json_auto', ndjson: 'read_json_auto' };

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Loads a file as a table, bounded: the reader is chosen by extension by our code (never by
 * user SQL), the column count is checked before loading, Parquet's row count is read from its
 * footer before a single row is decoded, and at most `maxRows + 1` rows are ever copied, so a
 * 243 KB file claiming 400 million rows is refused at once instead of filling the disk.
 * The caller interrupts the connection when `timeoutMs` passes.
 */
export async function loadFileTable(connection: DuckDBConnection, file: DuckDbFileTable, limits: FileLoadLimits): Promise<void> {
  const extension = file.path.split('.').pop()?.toLowerCase() ?? '';
  const reader = READERS[extension];
  if (!reader) {
    throw new AppError('DATASOURCE_UNSUPPORTED', `Cannot load "${file.path}": only .csv, .tsv, .parquet, .json and .jsonl files can be registered as tables.`, { details: { path: file.path } });
  }
  const format = extension.toUpperCase();
  const tooLarge = (what: string, found: number | string, limit: number) =>
    new AppError('DATASOURCE_TOO_LARGE', `"${file.path}" holds ${found} ${what}; a registered file may hold at most ${limit}. Split the file, or raise files.${what === 'rows' ? 'maxRows' : 'maxColumns'} in the configuration.`, {
      details: { path: file.path, [what]: found, limit },
    });
  try {
    if (reader === 'read_parquet') {
      const footer = await connection.runAndReadAll('SELECT coalesce(sum(num_rows), 0)::BIGINT FROM parquet_file_metadata(?)', [file.path]);
      const rows = Number(footer.getRows()[0]?.[0] ?? 0);
      if (rows > limits.maxRows) throw tooLarge('rows', rows, limits.maxRows);
    }
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}(?)`, [file.path]);
    const columns = described.currentRowCount;
    if (columns > limits.maxColumns) throw tooLarge('columns', columns, limits.maxColumns);
    const table = quoteIdentifier(file.table);
    await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${reader}(?) LIMIT ${limits.maxRows + 1}`, [file.path]);
    const count = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM ${table}`);
    if (Number(count.getRows()[0]?.[0] ?? 0) > limits.maxRows) throw tooLarge('rows', `more than ${limits.maxRows}`, limits.maxRows);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('DATASOURCE_UNREADABLE', `Cannot read "${file.path}" as ${format}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Check that the file exists and is valid ${format}.`, {
      details: { path: file.path },
      cause: error,
    });
  }
}
