import nodeSqlParser from 'node-sql-parser';
import type { ErrorCode } from '../../core/error-codes.js';
import { calledFunctionNames, classifyRejectedStatement, startsLikeQuery } from './classify-statement.js';
import { isForbiddenFunction } from './forbidden-functions.js';
import { guardError } from './guard-error.js';
import { splitStatements, tokenizeSql, type SqlToken } from './sql-tokens.js';

const parser = new nodeSqlParser.Parser();

/**
 * MySQL/MariaDB functions that touch files, sleep or lock (bombs and side effects), wait on
 * replication, change sequences, or run user-defined code. Matched case-insensitively.
 */
const MYSQL_FORBIDDEN_FUNCTIONS = new Set([
  'load_file', 'sleep', 'benchmark', 'get_lock', 'release_lock', 'release_all_locks', 'is_free_lock', 'is_used_lock',
  'master_pos_wait', 'source_pos_wait', 'master_gtid_wait', 'wait_for_executed_gtid_set', 'wait_until_sql_thread_after_gtids',
  'nextval', 'setval', 'lastval', 'sys_exec', 'sys_eval', 'sys_get', 'sys_set', 'lib_mysqludf_sys_info', 'uuid_short',
  'last_insert_id', 'row_count', 'found_rows', 'version_tokens_set', 'version_tokens_edit', 'keyring_key_store',
  'keyring_key_generate', 'keyring_key_remove', 'keyring_key_fetch', 'audit_log_filter_set_filter', 'audit_log_filter_set_user',
  'firewall_group_enlist', 'mysql_firewall_flush', 'gtid_subtract', 'gtid_subset', 'statement_digest', 'ps_thread_id',
]);

/** Statements MySQL has beyond the shared keyword list: named so the refusal says what they are. */
const MYSQL_FORBIDDEN_STATEMENTS = new Set([
  'HANDLER', 'DO', 'LOAD', 'SHOW', 'CALL', 'SET', 'KILL', 'FLUSH', 'PURGE', 'RESET', 'INSTALL', 'UNINSTALL', 'LOCK', 'UNLOCK',
  'USE', 'XA', 'CHANGE', 'START', 'STOP', 'BINLOG', 'CACHE', 'CHECK', 'CHECKSUM', 'OPTIMIZE', 'REPAIR', 'ANALYZE', 'SHUTDOWN',
  'RESTART', 'CLONE', 'IMPORT', 'EXECUTE', 'PREPARE', 'DEALLOCATE', 'DESCRIBE', 'DESC', 'EXPLAIN', 'HELP', 'SIGNAL', 'RESIGNAL',
  'GET', 'BACKUP', 'TABLE', 'VALUES',
]);

/** Schemas that hold accounts, password hashes, other sessions' queries and server internals. */
const SYSTEM_SCHEMAS = new Set(['mysql', 'performance_schema', 'sys', 'information_schema']);

export type MysqlFlavour = 'mysql' | 'mariadb';

/**
 * The read-only guard for MySQL and MariaDB: node-sql-parser with the server's own dialect must
 * read exactly one SELECT (or WITH … SELECT), with no INTO (OUTFILE, DUMPFILE, @variable), no
 * locking read, no user or system variable, no function that reads files, sleeps, locks or has
 * side effects, no executable comment (`/*! … *\/`, `/*M! … *\/`) or optimizer hint, and no
 * system schema. Throws the guard's AppError; the connector still runs every query in a
 * READ ONLY transaction with a time limit, so this is the first line, not the only one.
 */
export function checkMysqlReadOnly(sql: string, flavour: MysqlFlavour = 'mysql'): void {
  const tokens = tokenizeSql(sql, { nestedComments: false });
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw guardError('SQL_PARSE_ERROR', sql, 'the SQL is empty');
  if (statements.length > 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${statements.length} statements`);
  const trap = lexicalTrap(sql);
  if (trap) throw guardError('SQL_FORBIDDEN_STATEMENT', sql, trap);
  const locking = lockingRead(tokens);
  if (locking) throw guardError('SQL_FORBIDDEN_STATEMENT', sql, `a locking read (${locking})`);
  let ast: unknown[];
  try {
    const parsed = parser.astify(backtickIdentifiers(sql), { database: flavour });
    ast = Array.isArray(parsed) ? parsed : [parsed];
  } catch (error) {
    if (startsLikeQuery(statements[0]) && checkTokensOnly(sql, tokens)) return;
    const code = rejectedCode(statements[0]);
    throw guardError(code, sql, code === 'SQL_PARSE_ERROR' ? firstLine(error) : undefined);
  }
  // The parser follows MySQL's backslash escapes in strings, which the shared tokenizer does not.
  if (ast.length !== 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${ast.length} statements`);
  const root = ast[0] as Record<string, unknown>;
  if (root.type !== 'select') throw guardError(rejectedCode(statements[0]), sql, `a ${String(root.type).toUpperCase()} statement`);
  const problem = findProblem(root);
  if (problem) throw guardError(problem.code, sql, problem.reason);
  for (const table of tableSchemas(sql, flavour)) {
    if (SYSTEM_SCHEMAS.has(table.toLowerCase())) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `the system schema ${table} is not readable`);
  }
}

/**
 * When node-sql-parser's grammar is narrower than the server's (`SELECT status, …` with an
 * unquoted non-reserved keyword), a SELECT is still allowed if its tokens show nothing
 * forbidden. Only where the shared tokenizer reads the SQL exactly as MySQL does: no backslash
 * (escapes in strings) and no `#` comment; otherwise the SQL is refused. Throws when a token
 * shows something forbidden; false when the tokens cannot be trusted.
 */
function checkTokensOnly(sql: string, tokens: SqlToken[]): boolean {
  if (/[\\#]/.test(sql)) return false;
  const words = tokens.filter((token) => token.kind === 'word').map((token) => token.text);
  if (words.some((word) => word === 'INTO' || word === 'OUTFILE' || word === 'DUMPFILE')) throw guardError('SQL_FORBIDDEN_STATEMENT', sql, 'SELECT … INTO writes outside the result');
  if (tokens.some((token) => token.kind === 'symbol' && token.text === '@')) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, 'user and system variables are not allowed');
  const forbidden = calledFunctionNames(tokens).find((name) => MYSQL_FORBIDDEN_FUNCTIONS.has(name.toLowerCase()) || isForbiddenFunction(name));
  if (forbidden) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `function ${forbidden}()`);
  for (let index = 0; index + 1 < tokens.length; index++) {
    const [token, next] = [tokens[index], tokens[index + 1]];
    if ((token.kind === 'word' || token.kind === 'quoted-identifier') && next.text === '.' && SYSTEM_SCHEMAS.has(token.text.toLowerCase())) {
      throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `the system schema ${token.text.toLowerCase()} is not readable`);
    }
  }
  return true;
}

function rejectedCode(statement: SqlToken[]): ErrorCode {
  const first = statement.find((token) => token.kind === 'word')?.text;
  if (first !== undefined && MYSQL_FORBIDDEN_STATEMENTS.has(first)) return 'SQL_FORBIDDEN_STATEMENT';
  const code = classifyRejectedStatement(statement);
  return code;
}

interface Problem {
  code: ErrorCode;
  reason: string;
}

/** Depth-first walk over node-sql-parser's tree: INTO, variables and function calls anywhere. */
function findProblem(node: unknown): Problem | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findProblem(child);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  const into = record.into as { type?: string; keyword?: string } | undefined;
  if (into && typeof into === 'object' && into.type === 'into') {
    return { code: 'SQL_FORBIDDEN_STATEMENT', reason: `SELECT … INTO ${String(into.keyword ?? '').toUpperCase()} writes outside the result` };
  }
  if (record.type === 'var' || record.type === 'assign') {
    return { code: 'SQL_FORBIDDEN_FUNCTION', reason: `the variable ${String(record.prefix ?? '@')}${String(record.name ?? '')} (user and system variables are not allowed)` };
  }
  if (record.type === 'function' || record.type === 'aggr_func') {
    const name = functionName(record.name);
    if (name !== undefined && (MYSQL_FORBIDDEN_FUNCTIONS.has(name.toLowerCase()) || isForbiddenFunction(name))) {
      return { code: 'SQL_FORBIDDEN_FUNCTION', reason: `function ${name}()` };
    }
  }
  for (const value of Object.values(record)) {
    const found = findProblem(value);
    if (found) return found;
  }
  return undefined;
}

/** node-sql-parser names functions as a string or as `{ name: [{ value }] }`. */
function functionName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const parts = (value as { name?: { value?: unknown }[] }).name;
    if (Array.isArray(parts)) return parts.map((part) => String(part.value ?? '')).join('.');
  }
  return undefined;
}

/** `FOR UPDATE`, `FOR SHARE`, `LOCK IN SHARE MODE` at any depth: a read that takes row locks. */
function lockingRead(tokens: SqlToken[]): string | undefined {
  for (let index = 0; index + 1 < tokens.length; index++) {
    const [word, next] = [tokens[index], tokens[index + 1]];
    if (word.kind !== 'word' || next.kind !== 'word') continue;
    if (word.text === 'FOR' && (next.text === 'UPDATE' || next.text === 'SHARE')) return `FOR ${next.text}`;
    if (word.text === 'LOCK' && next.text === 'IN') return 'LOCK IN SHARE MODE';
  }
  return undefined;
}

/** The schemas the query's tables are read from (`db.table`), as the parser lists them. */
function tableSchemas(sql: string, flavour: MysqlFlavour): string[] {
  try {
    return parser
      .tableList(backtickIdentifiers(sql), { database: flavour })
      .map((entry) => entry.split('::')[1])
      .filter((schema): schema is string => schema !== undefined && schema !== 'null' && schema !== '');
  } catch {
    return [];
  }
}

/**
 * Where MySQL reads SQL differently from a reader of standard SQL (the tokenizer, and
 * node-sql-parser): the text of `/*! … *\/` (MySQL) and `/*M! … *\/` (MariaDB) runs as SQL;
 * optimizer hints (`/*+ … *\/`) can set variables; and `--` is a comment only when a space
 * follows, so `1 --LOAD_FILE('/etc/passwd')` is `1 - (-LOAD_FILE(…))`. Outside strings only.
 */
function lexicalTrap(sql: string): string | undefined {
  // A NUL or other control character may end or split the text differently for each reader.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(sql)) return 'control characters are not allowed in SQL';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === "'" || char === '"' || char === '`') {
      index = quotedEnd(sql, index, char, char === "'");
    } else if (char === '/' && next === '*') {
      if (/^\/\*\s*(!|M!|\+)/.test(sql.slice(index, index + 6))) return 'executable comments (/*! … */, /*M! … */) and optimizer hints (/*+ … */) are not allowed';
      const end = sql.indexOf('*/', index + 2);
      index = end === -1 ? sql.length : end + 2;
    } else if (char === '-' && next === '-') {
      const after = sql[index + 2];
      if (after !== undefined && !/\s/.test(after)) return 'in MySQL "--" starts a comment only when a space follows; "--x" is two minus signs: write "-- " for a comment';
      const end = sql.indexOf('\n', index);
      index = end === -1 ? sql.length : end + 1;
    } else if (char === '#') {
      const end = sql.indexOf('\n', index);
      index = end === -1 ? sql.length : end + 1;
    } else {
      index++;
    }
  }
  return undefined;
}

/**
 * The connector's sessions run with ANSI_QUOTES, so `"name"` is an identifier there (the SQL
 * builders write it so); node-sql-parser's MySQL grammar reads it as a string. The parser gets
 * the same statement with such identifiers in backticks. Strings (with MySQL's backslash
 * escapes), backticks and comments are copied as they are.
 */
export function backtickIdentifiers(sql: string): string {
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === "'" || char === '`') {
      const end = quotedEnd(sql, index, char, char === "'");
      out += sql.slice(index, end);
      index = end;
    } else if (char === '"') {
      const end = quotedEnd(sql, index, '"', false);
      const name = sql.slice(index + 1, end - 1).replace(/""/g, '"');
      out += `\`${name.replace(/`/g, '``')}\``;
      index = end;
    } else if ((char === '-' && next === '-') || char === '#') {
      const end = sql.indexOf('\n', index);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(index, stop);
      index = stop;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

/** Index just past the closing quote (doubled quotes, and backslash escapes in strings, stay inside). */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') index += 2;
    else if (char === quote && sql[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index++;
  }
  return sql.length;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}
