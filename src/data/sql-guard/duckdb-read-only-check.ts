import type { DuckDbConnector } from '../duckdb/duckdb-connector.js';
import { classifyRejectedStatement } from './classify-statement.js';
import { ALLOWED_TABLE_FUNCTIONS, CATALOG_NAMES, CATALOG_SCHEMAS, isCatalogViewName, isForbiddenFunction } from './forbidden-functions.js';
import { guardError } from './guard-error.js';
import { splitStatements, tokenizeSql } from './sql-tokens.js';

interface SerializedSql {
  error: boolean;
  error_type?: string;
  error_message?: string;
  statements?: { node: unknown }[];
}

/**
 * DuckDB's own parser decides: `json_serialize_sql` returns the parsed statements as JSON and
 * refuses anything that is not a SELECT. We count the statements and walk the tree for table
 * functions (only row generators are allowed), forbidden scalar functions and file paths used
 * as tables (`FROM 'data.csv'`).
 */
export async function checkDuckDbReadOnly(connector: DuckDbConnector, sql: string): Promise<void> {
  const tokens = tokenizeSql(sql, { nestedComments: true });
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw guardError('SQL_PARSE_ERROR', sql, 'the SQL is empty');
  const result = await connector.runInternal('SELECT json_serialize_sql(?::VARCHAR)', [sql]);
  const serialized = JSON.parse(String(result.rows[0]?.[0] ?? '{"error":true}')) as SerializedSql;
  if (serialized.error) {
    if (statements.length > 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${statements.length} statements`);
    const message = serialized.error_message ?? 'unknown parser error';
    if (/CTE needs a SELECT/i.test(message)) throw guardError('SQL_DATA_MODIFYING_CTE', sql);
    if (serialized.error_type === 'parser') {
      const code = classifyRejectedStatement(statements[0]);
      throw guardError(code, sql, code === 'SQL_PARSE_ERROR' ? message : undefined);
    }
    const code = classifyRejectedStatement(statements[0]);
    throw guardError(code === 'SQL_PARSE_ERROR' ? 'SQL_NOT_READ_ONLY' : code, sql);
  }
  const parsed = serialized.statements ?? [];
  if (parsed.length !== 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${parsed.length} statements`);
  const found: FoundNames = { tables: [], ctes: new Set() };
  const problem = findForbidden(parsed[0].node, found);
  if (problem) throw guardError(problem.code, sql, problem.reason);
  const catalogView = await findCatalogView(connector, found);
  if (catalogView) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `${catalogView} is the engine's catalogue, not data; the Data DNA describes the tables`);
}

interface Refusal {
  code: 'SQL_FORBIDDEN_FUNCTION' | 'SQL_FORBIDDEN_STATEMENT';
  reason: string;
}

interface TableReference {
  catalog: string;
  schema: string;
  table: string;
}

/** The tables a query reads and the names its WITH clauses define. */
interface FoundNames {
  tables: TableReference[];
  ctes: Set<string>;
}

/**
 * The first table read from the engine's catalogue (the `system` catalogue, `pg_catalog`,
 * `duckdb_databases`, `pragma_database_list`, …), written as the query wrote it. A table of the
 * datasource's own with such a name is not one.
 */
async function findCatalogView(connector: DuckDbConnector, found: FoundNames): Promise<string | undefined> {
  let userTables: Set<string> | undefined;
  for (const reference of found.tables) {
    const written = [reference.catalog, reference.schema, reference.table].filter(Boolean).join('.');
    if (CATALOG_NAMES.has(reference.catalog.toLowerCase()) || CATALOG_SCHEMAS.has(reference.schema.toLowerCase())) return written;
    if (!isCatalogViewName(reference.table) || reference.schema.toLowerCase() === 'information_schema') continue;
    if (reference.schema === '' && found.ctes.has(reference.table.toLowerCase())) continue;
    userTables ??= new Set((await connector.listTables()).map((name) => name.toLowerCase()));
    const ownSchema = reference.schema === '' || reference.schema.toLowerCase() === 'main';
    if (!(ownSchema && userTables.has(reference.table.toLowerCase()))) return written;
  }
  return undefined;
}

/**
 * Depth-first walk over the serialised tree; returns what is forbidden, if anything, and
 * collects the tables read (checked against the catalogue afterwards).
 */
function findForbidden(node: unknown, found: FoundNames): Refusal | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const refusal = findForbidden(child, found);
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  // SUMMARIZE, DESCRIBE and SHOW parse as a SELECT over a SHOW_REF, also inside a subquery.
  if (record.type === 'SHOW_REF') return { code: 'SQL_FORBIDDEN_STATEMENT', reason: 'SUMMARIZE, DESCRIBE and SHOW' };
  if (record.type === 'TABLE_FUNCTION') {
    const name = functionName(record.function);
    if (name !== undefined && !ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) return { code: 'SQL_FORBIDDEN_FUNCTION', reason: `table function ${name}()` };
  }
  if (record.class === 'FUNCTION' && typeof record.function_name === 'string' && isForbiddenFunction(record.function_name)) {
    return { code: 'SQL_FORBIDDEN_FUNCTION', reason: `function ${record.function_name}()` };
  }
  if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') {
    if (/[./\\:]/.test(record.table_name)) return { code: 'SQL_FORBIDDEN_FUNCTION', reason: `file "${record.table_name}" read as a table` };
    found.tables.push({ catalog: String(record.catalog_name ?? ''), schema: String(record.schema_name ?? ''), table: record.table_name });
  }
  const cteMap = (record.cte_map as { map?: { key?: unknown }[] } | undefined)?.map;
  if (Array.isArray(cteMap)) for (const entry of cteMap) if (typeof entry.key === 'string') found.ctes.add(entry.key.toLowerCase());
  for (const value of Object.values(record)) {
    const refusal = findForbidden(value, found);
    if (refusal) return refusal;
  }
  return undefined;
}

function functionName(value: unknown): string | undefined {
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>).function_name === 'string') {
    return (value as Record<string, string>).function_name;
  }
  return undefined;
}
