import { parseQuestion } from '../../analyst/index.js';
import type { SqlParse } from '../../analyst/parse-types.js';
import type { DataDna } from '../../core/dna.js';
import type { Conversation } from './read-conversation.js';

/** SQL compared without layout: whitespace and a trailing semicolon do not make it different. */
export function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim().toLowerCase();
}

/**
 * The analyst's reading of the question that produced `sql`, so later roles (viz, composer,
 * explainer) know what the query means. Null when the SQL came from elsewhere (another model).
 */
export function findParse(conversation: Conversation, dna: DataDna, sql: string): SqlParse | null {
  const wanted = normalizeSql(sql);
  const parses = parseQuestion(conversation.question, { dna, history: conversation.history });
  for (const parse of parses) if (parse.kind === 'sql' && normalizeSql(parse.sql) === wanted) return parse;
  return null;
}
