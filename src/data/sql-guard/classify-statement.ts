import type { ErrorCode } from '../../core/error-codes.js';
import type { SqlToken } from './sql-tokens.js';

const WRITE_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE', 'UPSERT', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'RENAME', 'COMMENT', 'GRANT', 'REVOKE']);
const FORBIDDEN_KEYWORDS = new Set([
  'COPY', 'ATTACH', 'DETACH', 'INSTALL', 'LOAD', 'FORCE', 'PRAGMA', 'SET', 'RESET', 'CALL', 'EXPORT', 'IMPORT', 'VACUUM', 'CHECKPOINT',
  'USE', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'ABORT', 'END', 'SAVEPOINT', 'RELEASE', 'ANALYZE', 'EXPLAIN', 'PREPARE', 'EXECUTE',
  'DEALLOCATE', 'REINDEX', 'LISTEN', 'NOTIFY', 'LOCK', 'DO', 'UPDATE_EXTENSIONS', 'SUMMARIZE', 'DESCRIBE', 'SHOW', 'PIVOT', 'UNPIVOT',
]);
const DML_IN_CTE = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/**
 * Names the error code for a statement a parser (the engine's or node-sql-parser) has already
 * refused as not a plain SELECT. It only chooses the most helpful code; it never allows SQL.
 */
export function classifyRejectedStatement(tokens: SqlToken[]): ErrorCode {
  const words = tokens.filter((token) => token.kind === 'word');
  const first = words[0]?.text;
  if (first === undefined) return 'SQL_PARSE_ERROR';
  if (first === 'WITH') return classifyWith(tokens);
  if (WRITE_KEYWORDS.has(first)) return 'SQL_NOT_READ_ONLY';
  if (FORBIDDEN_KEYWORDS.has(first)) return 'SQL_FORBIDDEN_STATEMENT';
  return 'SQL_PARSE_ERROR';
}

/** `WITH x AS (DELETE …)` modifies data inside the CTE; `WITH x AS (…) DELETE …` is a DELETE. */
function classifyWith(tokens: SqlToken[]): ErrorCode {
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [as, open, body] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (as.kind === 'word' && as.text === 'AS' && open.text === '(' && body.kind === 'word' && DML_IN_CTE.has(body.text)) return 'SQL_DATA_MODIFYING_CTE';
    if (as.kind === 'word' && as.text === 'AS' && (open.text === 'MATERIALIZED' || open.text === 'NOT')) {
      const paren = tokens.findIndex((token, at) => at > index && token.text === '(');
      const inner = tokens[paren + 1];
      if (paren !== -1 && inner?.kind === 'word' && DML_IN_CTE.has(inner.text)) return 'SQL_DATA_MODIFYING_CTE';
    }
  }
  const main = tokens.find((token) => token.depth === 0 && token.kind === 'word' && (WRITE_KEYWORDS.has(token.text) || FORBIDDEN_KEYWORDS.has(token.text)));
  if (main && FORBIDDEN_KEYWORDS.has(main.text)) return 'SQL_FORBIDDEN_STATEMENT';
  if (main) return 'SQL_NOT_READ_ONLY';
  return 'SQL_PARSE_ERROR';
}

/** True when the first word is one a read-only query starts with. */
export function startsLikeQuery(tokens: SqlToken[]): boolean {
  const first = tokens.find((token) => token.kind === 'word' || token.text === '(');
  return first !== undefined && (first.text === 'SELECT' || first.text === 'WITH' || first.text === 'VALUES' || first.text === 'FROM' || first.text === '(');
}

/** Names called as functions (`name(`) outside strings and comments. */
export function calledFunctionNames(tokens: SqlToken[]): string[] {
  const names: string[] = [];
  for (let index = 0; index + 1 < tokens.length; index++) {
    const token = tokens[index];
    if ((token.kind === 'word' || token.kind === 'quoted-identifier') && tokens[index + 1].text === '(') names.push(token.text);
  }
  return names;
}
