import type { Interpretation } from '../core/interpretation.js';
import { parseQuestion } from './parse-question.js';
import type { AnalystContext } from './parse-types.js';
import { statisticsDataQuestion } from './python/index.js';

/** SQL compared without layout: whitespace, case and a trailing semicolon do not make it different. */
function sameSql(a: string, b: string): boolean {
  const normal = (sql: string) => sql.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim().toLowerCase();
  return normal(a) === normal(b);
}

/**
 * The analyst's interpretation of the query that ran for a question: the reading (of the
 * question, or of the data question behind a statistics question) whose SQL is `sql`. Null when
 * no reading of the analyst wrote that SQL (it came from another model): the analyst then does
 * not claim to know what it computes.
 */
export function interpretSql(question: string, context: AnalystContext, sql: string): Interpretation | null {
  const questions = [question, statisticsDataQuestion(question)].filter((text): text is string => Boolean(text));
  for (const text of questions) {
    for (const parse of parseQuestion(text, context)) if (parse.kind === 'sql' && sameSql(parse.sql, sql)) return parse.interpretation;
  }
  return null;
}

/**
 * The partial reading behind a question the analyst would not answer (it asks or refuses because
 * some words are unaccounted), so the user sees which words it could not place. Null when the
 * question reads fully, or is refused for another reason (a request to change data, nothing linked).
 */
export function interpretUnanswered(question: string, context: AnalystContext): Interpretation | null {
  const first = parseQuestion(question, context)[0];
  if (first.kind === 'sql' || !first.interpretation || first.interpretation.unaccounted.length === 0) return null;
  return first.interpretation;
}
