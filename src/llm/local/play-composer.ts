import { composeAnswer } from '../../analyst/index.js';
import { describeDriverResult, isDriverResult } from '../../analyst/driver-analysis.js';
import type { Cell, QueryResult } from '../../core/query-result.js';
import type { DataDna } from '../../core/dna.js';
import { findParse } from './find-parse.js';
import { textTurn, type LocalTurn } from './local-turn.js';
import { readDna, readNotes, readResult, readSql } from './read-context.js';
import type { Conversation } from './read-conversation.js';

function cellText(cell: Cell): string {
  if (typeof cell === 'number') return cell.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return cell === null ? 'null' : String(cell);
}

/** An answer for a result the analyst did not write: it reads the result out, nothing more. */
function describeResult(result: QueryResult): string {
  if (result.rowCount === 0) return 'The query returned no rows.';
  const [first] = result.rows;
  const pairs = result.columns.map((column, index) => `${column.name} ${cellText(first[index])}`).join(', ');
  if (result.rowCount === 1) return `The result: ${pairs}.`;
  return `The query returned ${result.rowCount.toLocaleString('en-US')} rows; the first has ${pairs}.`;
}

/** What the embedded model says when no data is needed (greetings, "what can you do?"). */
function describeAbilities(dna: DataDna | null): string {
  const tables = dna?.tables.map((table) => `${table.name} (${table.rowCount.toLocaleString('en-US')} rows)`).join(', ');
  const where = tables ? ` The data has ${tables}.` : '';
  return `I answer questions about your data with SQL: totals, averages, rates, breakdowns, top N, trends and comparisons.${where}`;
}

/** The composer's turn: the analyst's answer for the question, the SQL and its result. */
export function playComposer(conversation: Conversation): LocalTurn {
  const dna = readDna(conversation);
  const sql = readSql(conversation);
  const result = readResult(conversation);
  const notes = readNotes(conversation);
  if (!result || !sql) return textTurn(describeAbilities(dna));
  // "Why is that?": the driver analysis the run planned from the previous turn (not a parse of the question).
  if (isDriverResult(result.columns)) return textTurn([describeDriverResult(sql, result.rows), ...notes].join(' '));
  const parse = dna ? findParse(conversation, dna, sql) : null;
  const answer = dna ? composeAnswer({ question: conversation.question, parse, result, dna }) : describeResult(result);
  return textTurn([answer, ...notes].join(' '));
}
