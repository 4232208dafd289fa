import nodeSqlParser from 'node-sql-parser';
import { AppError } from '../../core/app-error.js';
import type { SqliteConnector } from '../sqlite/sqlite-connector.js';
import { calledFunctionNames, classifyRejectedStatement, startsLikeQuery } from './classify-statement.js';
import { isCatalogViewName, isForbiddenFunction } from './forbidden-functions.js';
import { guardError } from './guard-error.js';
import { splitStatements, tokenizeSql, type SqlToken } from './sql-tokens.js';

const parser = new nodeSqlParser.Parser();

/**
 * SQLite: the engine prepares the statement and answers whether it is read-only and returns
 * rows (`stmt.readonly`, `stmt.reader`); node-sql-parser confirms it is a SELECT; function
 * calls are checked on tokens, so comments and quotes cannot hide them.
 */
export async function checkSqliteReadOnly(connector: SqliteConnector, sql: string): Promise<void> {
  const tokens = tokenizeSql(sql, { nestedComments: false });
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw guardError('SQL_PARSE_ERROR', sql, 'the SQL is empty');
  if (statements.length > 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${statements.length} statements`);
  const verdict = await engineVerdict(connector, sql, statements[0]);
  if (verdict && (!verdict.readonly || !verdict.reader)) {
    const code = classifyRejectedStatement(statements[0]);
    throw guardError(code === 'SQL_PARSE_ERROR' ? 'SQL_NOT_READ_ONLY' : code, sql);
  }
  checkParsedAsSelect(sql, statements[0]);
  checkFunctions(sql, tokens);
  await checkCatalogViews(connector, sql, tokens);
}

/**
 * Refuses the engine's catalogue read as a table: `pragma_database_list` (the database file's
 * path), the other pragma views, `dbstat` and `sqlite_schema`, bare, quoted or qualified. A
 * WITH name or a table of the database's own with such a name is allowed; calls (`name(`) are
 * checked as functions.
 */
async function checkCatalogViews(connector: SqliteConnector, sql: string, tokens: SqlToken[]): Promise<void> {
  const ctes = new Set<string>();
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (isName(token) && next?.kind === 'word' && next.text === 'AS' && tokens[index + 2]?.text === '(') ctes.add(token.text.toLowerCase());
  });
  let userTables: Set<string> | undefined;
  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1];
    // SQLite reads `FROM 'name'` as a table name too.
    const asTable = isName(token) || (token.kind === 'string' && previous?.kind === 'word' && (previous.text === 'FROM' || previous.text === 'JOIN'));
    const name = token.text.toLowerCase();
    if (!asTable || !isCatalogViewName(name) || tokens[index + 1]?.text === '(' || ctes.has(name)) continue;
    if (previous?.kind === 'word' && previous.text === 'AS') continue;
    userTables ??= new Set((await connector.listTables()).map((table) => table.toLowerCase()));
    if (userTables.has(name)) continue;
    throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `${token.text} is the engine's catalogue, not data; the Data DNA describes the tables`);
  }
}

function isName(token: SqlToken): boolean {
  return token.kind === 'word' || token.kind === 'quoted-identifier';
}

export function checkFunctions(sql: string, tokens: SqlToken[]): void {
  const forbidden = calledFunctionNames(tokens).find(isForbiddenFunction);
  if (forbidden) throw guardError('SQL_FORBIDDEN_FUNCTION', sql, `function ${forbidden}()`);
}

/**
 * The engine's answer, or undefined when it cannot prepare the statement for a reason that is
 * not the guard's business (an unknown table or column: the query reports that with a hint).
 */
async function engineVerdict(connector: SqliteConnector, sql: string, statement: SqlToken[]): Promise<{ readonly: boolean; reader: boolean } | undefined> {
  try {
    return await connector.inspect(sql);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'SQL_MULTIPLE_STATEMENTS') throw guardError('SQL_MULTIPLE_STATEMENTS', sql);
    const message = String(error.details.engineMessage ?? error.message);
    if (/syntax error|incomplete input|unrecognized token/i.test(message)) {
      const code = classifyRejectedStatement(statement);
      throw guardError(code, sql, code === 'SQL_PARSE_ERROR' ? message : undefined);
    }
    if (error.code === 'CONNECTOR_QUERY_FAILED') return undefined;
    throw error;
  }
}

/** node-sql-parser must see one SELECT; when its grammar falls short, the query must start like one. */
export function checkParsedAsSelect(sql: string, statement: SqlToken[], database = 'sqlite'): void {
  let types: string[] | undefined;
  try {
    const ast = parser.astify(sql, { database });
    types = (Array.isArray(ast) ? ast : [ast]).map((node) => String((node as { type?: string }).type));
  } catch {
    types = undefined;
  }
  if (types === undefined) {
    // The engine already said read-only; the parser's grammar is narrower than SQLite's.
    if (!startsLikeQuery(statement)) throw guardError(notSelectCode(statement), sql);
    return;
  }
  if (types.length !== 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql);
  if (types[0] !== 'select') throw guardError(notSelectCode(statement), sql);
}

function notSelectCode(statement: SqlToken[]): 'SQL_NOT_READ_ONLY' | 'SQL_FORBIDDEN_STATEMENT' | 'SQL_DATA_MODIFYING_CTE' | 'SQL_PARSE_ERROR' | 'SQL_MULTIPLE_STATEMENTS' | 'SQL_FORBIDDEN_FUNCTION' {
  const code = classifyRejectedStatement(statement);
  return code === 'SQL_PARSE_ERROR' ? 'SQL_NOT_READ_ONLY' : (code as ReturnType<typeof notSelectCode>);
}
