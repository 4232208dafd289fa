import type { TableSchema } from '../connector.js';
import type { Cell } from '../../core/query-result.js';

/** Runs one catalogue query (parameters bound, read-only session) and returns its rows. */
export type CatalogQuery = (sql: string, parameters?: unknown[]) => Promise<Cell[][]>;

/** Schemas that hold no user data. */
const SYSTEM_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";

/** A table the account may read, with the schema it lives in and the name InsightX uses for it. */
export interface PostgresTableName {
  schema: string;
  table: string;
  /** `table` when no other readable schema has a table of that name, else `schema.table`. */
  name: string;
}

/** User schemas with at least one readable relation, `public` first, then by name: the search_path. */
export async function listPostgresSchemas(run: CatalogQuery): Promise<string[]> {
  const rows = await run(
    `SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND ${SYSTEM_SCHEMAS} AND has_schema_privilege(n.oid, 'USAGE')
     ORDER BY 1`,
  );
  const schemas = rows.map((row) => String(row[0]));
  return [...schemas.filter((schema) => schema === 'public'), ...schemas.filter((schema) => schema !== 'public')];
}

/**
 * Every table, view and materialized view the account can SELECT from, in every user schema:
 * columns with their types (`format_type`), nullability, primary keys, declared foreign keys
 * and the comments on tables and columns. Partitions are folded into their parent.
 */
export async function describePostgres(run: CatalogQuery, schemas: string[]): Promise<TableSchema[]> {
  const columns = await run(
    `SELECT n.nspname, c.relname, c.relkind::text, obj_description(c.oid, 'pg_class'), a.attname,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
                 WHEN t.typtype = 'e' THEN 'text' ELSE format_type(a.atttypid, a.atttypmod) END,
            NOT a.attnotnull, col_description(c.oid, a.attnum)
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     JOIN pg_type t ON t.oid = a.atttypid
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
       AND has_table_privilege(c.oid, 'SELECT')
     ORDER BY n.nspname, c.relname, a.attnum`,
    [schemas],
  );
  const keys = await run(
    `SELECT con.contype::text, n.nspname, c.relname,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num),
            rn.nspname, rc.relname,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_class rc ON rc.oid = con.confrelid
     LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
     WHERE con.contype IN ('p', 'f') AND n.nspname = ANY($1::text[])
     ORDER BY con.conname`,
    [schemas],
  );
  const names = tableNames(columns.map((row) => ({ schema: String(row[0]), table: String(row[1]) })));
  const tables = new Map<string, TableSchema>();
  for (const [schema, table, kind, tableComment, column, type, nullable, columnComment] of columns) {
    const key = `${String(schema)}.${String(table)}`;
    let entry = tables.get(key);
    if (!entry) {
      entry = { name: names.get(key) ?? String(table), columns: [], foreignKeys: [] };
      if (typeof tableComment === 'string' && tableComment.trim() !== '') entry.description = tableComment.trim();
      // Views and foreign tables cannot be sampled by pages; the profiler scans a bounded prefix.
      if (kind === 'v' || kind === 'm' || kind === 'f') entry.view = true;
      tables.set(key, entry);
    }
    const described: TableSchema['columns'][number] = { name: String(column), type: String(type), nullable: nullable === true, primaryKey: false };
    if (typeof columnComment === 'string' && columnComment.trim() !== '') described.description = columnComment.trim();
    entry.columns.push(described);
  }
  for (const [kind, schema, table, columnList, refSchema, refTable, refColumnList] of keys) {
    const entry = tables.get(`${String(schema)}.${String(table)}`);
    if (!entry) continue;
    const columnNames = JSON.parse(String(columnList ?? '[]')) as string[];
    if (kind === 'p') {
      for (const column of entry.columns) if (columnNames.includes(column.name)) column.primaryKey = true;
      continue;
    }
    const referenced = names.get(`${String(refSchema)}.${String(refTable)}`);
    if (referenced === undefined) continue; // a table this account cannot read
    const refColumns = JSON.parse(String(refColumnList ?? '[]')) as string[];
    columnNames.forEach((column, index) => entry.foreignKeys.push({ column, refTable: referenced, refColumn: refColumns[index] ?? '' }));
  }
  return [...tables.values()].sort((left, right) => left.name.localeCompare(right.name));
}

/** `schema.table` → the name InsightX shows: bare when unique across schemas (the search_path finds it). */
export function tableNames(tables: { schema: string; table: string }[]): Map<string, string> {
  const schemasByTable = new Map<string, Set<string>>();
  for (const { schema, table } of tables) schemasByTable.set(table, (schemasByTable.get(table) ?? new Set()).add(schema));
  const names = new Map<string, string>();
  for (const { schema, table } of tables) {
    const owners = schemasByTable.get(table)!;
    // The first schema on the search path keeps the bare name: that is what unqualified SQL reads.
    const first = owners.has('public') ? 'public' : [...owners].sort()[0];
    names.set(`${schema}.${table}`, owners.size === 1 || schema === first ? table : `${schema}.${table}`);
  }
  return names;
}
