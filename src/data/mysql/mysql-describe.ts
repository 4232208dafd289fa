import type { QueryResult } from '../../core/query-result.js';
import type { TableSchema } from '../connector.js';

type RunInternal = (sql: string, parameters: (string | number)[]) => Promise<QueryResult>;

/**
 * Tables and views of one database from information_schema: columns with their declared types,
 * primary keys, declared foreign keys (within the database) and comments.
 */
export async function describeMysqlDatabase(run: RunInternal, database: string): Promise<TableSchema[]> {
  const tables = await run('SELECT TABLE_NAME, TABLE_TYPE, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [database]);
  const columns = await run(
    `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, COLUMN_COMMENT FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [database],
  );
  const keys = await run(
    `SELECT TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    [database, database],
  );
  const byName = new Map<string, TableSchema>();
  for (const [name, kind, comment] of tables.rows) {
    const table: TableSchema = { name: String(name), columns: [], foreignKeys: [] };
    const description = tableComment(comment, kind);
    if (description) table.description = description;
    if (kind === 'VIEW') table.view = true;
    byName.set(table.name, table);
  }
  for (const [table, column, type, nullable, key, comment] of columns.rows) {
    const schema = byName.get(String(table));
    if (!schema) continue;
    schema.columns.push({
      name: String(column),
      type: String(type),
      nullable: nullable === 'YES',
      primaryKey: key === 'PRI',
      ...(typeof comment === 'string' && comment.trim() !== '' ? { description: comment.trim() } : {}),
    });
  }
  for (const [table, column, refTable, refColumn] of keys.rows) {
    byName.get(String(table))?.foreignKeys.push({ column: String(column), refTable: String(refTable), refColumn: String(refColumn) });
  }
  return [...byName.values()];
}

/** InnoDB once wrote its free-space note into view and table comments; views say "VIEW". */
function tableComment(comment: unknown, kind: unknown): string | undefined {
  if (typeof comment !== 'string') return undefined;
  const text = comment.replace(/;?\s*InnoDB free:.*$/i, '').trim();
  if (text === '' || (kind === 'VIEW' && text === 'VIEW')) return undefined;
  return text;
}
