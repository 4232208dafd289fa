import nodeSqlParser from 'node-sql-parser';
import { calledFunctionNames, classifyRejectedStatement, startsLikeQuery } from './classify-statement.js';
import { isForbiddenFunction } from './forbidden-functions.js';
import { guardError } from './guard-error.js';
import { splitStatements, tokenizeSql, type SqlToken } from './sql-tokens.js';

const parser = new nodeSqlParser.Parser();

/**
 * PostgreSQL functions with side effects or reach outside the query, beyond the shared list
 * (which already refuses every `pg_*` function: pg_read_file, pg_ls_dir, pg_sleep,
 * pg_terminate_backend, pg_cancel_backend, pg_advisory_lock, pg_notify, …).
 */
const POSTGRES_FORBIDDEN = new Set([
  // sequences change state even in a read-only transaction's neighbourhood
  'nextval', 'setval', 'currval', 'lastval',
  // settings and transaction ids
  'set_config', 'current_setting', 'txid_current', 'txid_current_snapshot',
  // dynamic SQL: these run the SQL text they are given
  'query_to_xml', 'query_to_xml_and_xmlschema', 'query_to_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema',
  'database_to_xml', 'database_to_xml_and_xmlschema', 'schema_to_xml', 'schema_to_xml_and_xmlschema',
  // other servers and large objects (files on the server)
  'dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u', 'dblink_send_query', 'dblink_open', 'dblink_fetch',
  'loread', 'lowrite',
]);
const POSTGRES_FORBIDDEN_PREFIXES = ['lo_', 'dblink', 'txid_'];

/** PostgreSQL statements the shared classifier does not name: they change data or the session. */
const POSTGRES_STATEMENTS: Record<string, 'SQL_NOT_READ_ONLY' | 'SQL_FORBIDDEN_STATEMENT'> = {
  REFRESH: 'SQL_NOT_READ_ONLY', CLUSTER: 'SQL_NOT_READ_ONLY', REASSIGN: 'SQL_NOT_READ_ONLY', SECURITY: 'SQL_NOT_READ_ONLY',
  DISCARD: 'SQL_FORBIDDEN_STATEMENT', FETCH: 'SQL_FORBIDDEN_STATEMENT', MOVE: 'SQL_FORBIDDEN_STATEMENT', CLOSE: 'SQL_FORBIDDEN_STATEMENT',
  DECLARE: 'SQL_FORBIDDEN_STATEMENT', UNLISTEN: 'SQL_FORBIDDEN_STATEMENT', LOAD: 'SQL_FORBIDDEN_STATEMENT',
};

/** True when calling `name(...)` is not allowed in a read-only analytical PostgreSQL query. */
export function isForbiddenPostgresFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return isForbiddenFunction(lower) || POSTGRES_FORBIDDEN.has(lower) || POSTGRES_FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * PostgreSQL's read-only check, without a server round trip: node-sql-parser (dialect
 * `postgresql`) must see exactly one SELECT, with no `SELECT … INTO` (creates a table) and no
 * row locks (`FOR UPDATE/SHARE`); every function called, wherever it sits, must be allowed. The
 * connector still runs the query in a READ ONLY transaction through a cursor (which accepts
 * only SELECT/VALUES) under statement_timeout, so what the parser's grammar misses fails there.
 */
export function checkPostgresReadOnly(sql: string): void {
  const tokens = tokenizeSql(sql, { nestedComments: true });
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw guardError('SQL_PARSE_ERROR', sql, 'the SQL is empty');
  if (statements.length > 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${statements.length} statements`);
  // E'…' strings end at an unescaped quote after backslashes our tokenizer does not read;
  // refusing them keeps a string from hiding a statement boundary.
  if (/(^|[^A-Za-z0-9_$])[eE]'[^']*\\/.test(sql)) throw guardError('SQL_PARSE_ERROR', sql, "escape strings E'…' with backslashes are not accepted; use standard '…' strings");
  const statement = statements[0];
  const parsed = parseStatements(sql);
  if (parsed === undefined) {
    // The parser's grammar is narrower than PostgreSQL's: the query must at least start like one.
    if (!startsLikeQuery(statement)) throw guardError(statementCode(statement), sql);
    // `WITH x AS (DELETE … RETURNING …) SELECT …` is outside its grammar too.
    if (classifyRejectedStatement(statement) === 'SQL_DATA_MODIFYING_CTE') throw guardError('SQL_DATA_MODIFYING_CTE', sql);
  } else {
    if (parsed.length !== 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${parsed.length} statements`);
    const node = parsed[0];
    if (node.type !== 'select') throw guardError(notSelectCode(statement), sql);
    if (createsTable(node)) throw guardError('SQL_NOT_READ_ONLY', sql, 'SELECT … INTO creates a table');
  }
  const locking = rowLock(statement);
  if (locking) throw guardError('SQL_NOT_READ_ONLY', sql, `${locking} locks rows`);
  const forbidden = calledFunctionNames(withoutSampleMethods(tokens)).find(isForbiddenPostgresFunction);
  if (forbidden) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `function ${forbidden}()`);
}

function parseStatements(sql: string): { type?: string; into?: unknown }[] | undefined {
  try {
    const ast = parser.astify(sql, { database: 'postgresql' });
    return (Array.isArray(ast) ? ast : [ast]) as { type?: string; into?: unknown }[];
  } catch {
    return undefined;
  }
}

/** `SELECT … INTO name` (at any depth the parser reports it) makes a new table. */
function createsTable(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(createsTable);
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  const into = record.into as { expr?: unknown } | undefined;
  if (record.type === 'select' && into && into.expr !== undefined && into.expr !== null) return true;
  return Object.values(record).some(createsTable);
}

/** `TABLESAMPLE SYSTEM (10)` names a sampling method, not a call of the function `system()`. */
function withoutSampleMethods(tokens: SqlToken[]): SqlToken[] {
  return tokens.filter((token, index) => !(index > 0 && tokens[index - 1].kind === 'word' && tokens[index - 1].text === 'TABLESAMPLE'));
}

/** `FOR UPDATE`, `FOR NO KEY UPDATE`, `FOR SHARE`, `FOR KEY SHARE` anywhere in the statement. */
function rowLock(statement: SqlToken[]): string | undefined {
  for (let index = 0; index + 1 < statement.length; index++) {
    if (statement[index].kind !== 'word' || statement[index].text !== 'FOR') continue;
    const next = statement[index + 1];
    if (next.kind === 'word' && ['UPDATE', 'SHARE', 'NO', 'KEY'].includes(next.text)) return `FOR ${next.text}`;
  }
  return undefined;
}

/** The shared classifier's code, or the PostgreSQL one for statements it does not know. */
function statementCode(statement: SqlToken[]): ReturnType<typeof classifyRejectedStatement> {
  const code = classifyRejectedStatement(statement);
  const first = statement.find((token) => token.kind === 'word')?.text;
  return code === 'SQL_PARSE_ERROR' && first !== undefined && POSTGRES_STATEMENTS[first] ? POSTGRES_STATEMENTS[first] : code;
}

function notSelectCode(statement: SqlToken[]): 'SQL_NOT_READ_ONLY' | 'SQL_FORBIDDEN_STATEMENT' | 'SQL_DATA_MODIFYING_CTE' | 'SQL_MULTIPLE_STATEMENTS' | 'SQL_FORBIDDEN_FUNCTION' {
  const code = statementCode(statement);
  return code === 'SQL_PARSE_ERROR' ? 'SQL_NOT_READ_ONLY' : (code as ReturnType<typeof notSelectCode>);
}
