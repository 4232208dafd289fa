import type { DuckDbConnector } from '../duckdb/duckdb-connector.js';
import { classifyRejectedStatement } from './classify-statement.js';
import { ALLOWED_TABLE_FUNCTIONS, isForbiddenFunction } from './forbidden-functions.js';
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
  const problem = findForbidden(parsed[0].node);
  if (problem) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, problem);
}

/** Depth-first walk over the serialised tree; returns what is forbidden, if anything. */
function findForbidden(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findForbidden(child);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'TABLE_FUNCTION') {
    const name = functionName(record.function);
    if (name !== undefined && !ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) return `table function ${name}()`;
  }
  if (record.class === 'FUNCTION' && typeof record.function_name === 'string' && isForbiddenFunction(record.function_name)) {
    return `function ${record.function_name}()`;
  }
  if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string' && /[./\\:]/.test(record.table_name)) {
    return `file "${record.table_name}" read as a table`;
  }
  for (const value of Object.values(record)) {
    const found = findForbidden(value);
    if (found) return found;
  }
  return undefined;
}

function functionName(value: unknown): string | undefined {
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>).function_name === 'string') {
    return (value as Record<string, string>).function_name;
  }
  return undefined;
}
