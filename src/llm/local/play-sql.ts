import { parseQuestion } from '../../analyst/index.js';
import { statisticsDataQuestion } from '../../analyst/python/index.js';
import type { SqlParse } from '../../analyst/parse-types.js';
import { normalizeSql } from './find-parse.js';
import { textTurn, toolTurn, type LocalTurn } from './local-turn.js';
import { readDna } from './read-context.js';
import type { Conversation } from './read-conversation.js';

function sqlOf(input: unknown): string {
  const sql = (input as { sql?: unknown } | null)?.sql;
  return typeof sql === 'string' ? sql : '';
}

function rowCountOf(value: unknown): number | null {
  const rowCount = (value as { rowCount?: unknown } | null)?.rowCount;
  return typeof rowCount === 'number' ? rowCount : null;
}

/**
 * The readings of the question. A statistics question (forecast, trend, correlation) first
 * asks for the data shape the python agent needs ("payment volume by month"); when the analyst
 * cannot read that, the question as asked.
 */
function parseForData(conversation: Conversation, dna: NonNullable<ReturnType<typeof readDna>>) {
  const context = { dna, history: conversation.history };
  const dataQuestion = statisticsDataQuestion(conversation.question);
  if (dataQuestion) {
    const parses = parseQuestion(dataQuestion, context);
    if (parses.some((parse) => parse.kind === 'sql')) return parses;
  }
  return parseQuestion(conversation.question, context);
}

/**
 * The SQL agent's turn: read the DNA if the conversation lacks it, run the best reading of
 * the question, and after a tool error run the next reading not tried yet (repair). Ends with
 * one sentence once a query has run, or with the reason when no query can answer.
 */
export function playSql(conversation: Conversation): LocalTurn {
  const dna = readDna(conversation);
  const offered = (name: string) => conversation.toolNames.includes(name);
  if (!dna) {
    return offered('read_data_dna')
      ? toolTurn('read_data_dna', {})
      : textTurn('I need the Data DNA of the datasource to write SQL, and it is not in the conversation.');
  }
  const sqlCalls = conversation.toolCalls.filter((call) => call.toolName === 'run_sql' && call.outcome);
  const last = sqlCalls.at(-1);
  const parses = parseForData(conversation, dna);
  const readings = parses.filter((parse): parse is SqlParse => parse.kind === 'sql');

  if (last?.outcome?.ok) {
    const ran = normalizeSql(sqlOf(last.input));
    const reading = readings.find((parse) => normalizeSql(parse.sql) === ran);
    const rows = rowCountOf(last.outcome.value);
    const counted = rows === null ? '' : ` It returned ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}.`;
    return textTurn(`${reading?.explanation ?? 'The query ran.'}${counted}`);
  }
  if (readings.length === 0) {
    const first = parses[0];
    if (first?.kind === 'refuse') return textTurn(first.reason);
    if (first?.kind === 'clarify') return textTurn(`${first.question} ${first.options.join('; ')}`);
    return textTurn('I could not map this question to the tables and columns of the data.');
  }
  const lastError = last?.outcome && !last.outcome.ok ? last.outcome.message : '';
  if (lastError.startsWith('AGENT_SQL_REPAIR_EXHAUSTED')) {
    return textTurn(`I used every SQL attempt without a query that runs. ${lastError.split('\n')[0]}`);
  }
  const tried = new Set(sqlCalls.map((call) => normalizeSql(sqlOf(call.input))));
  const next = readings.find((parse) => !tried.has(normalizeSql(parse.sql)));
  if (!next) return textTurn(`None of my readings of the question gave a query that runs. The last error: ${lastError.split('\n')[0]}`);
  if (!offered('run_sql')) return textTurn(`\`\`\`sql\n${next.sql}\n\`\`\``);
  return toolTurn('run_sql', { sql: next.sql });
}
