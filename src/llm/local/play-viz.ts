import { chooseChart } from '../../analyst/index.js';
import { findParse } from './find-parse.js';
import { textTurn, type LocalTurn } from './local-turn.js';
import { readDna, readResult, readSql } from './read-context.js';
import type { Conversation } from './read-conversation.js';

/**
 * The viz agent's turn: the chart type line and the `Viz` component in a tsx block. When the
 * SQL is not one of the analyst's readings (another model wrote it) the chart follows the
 * result's shape alone.
 */
export function playViz(conversation: Conversation): LocalTurn {
  const dna = readDna(conversation);
  const sql = readSql(conversation);
  const result = readResult(conversation);
  if (!result) return textTurn('There is no query result to chart.');
  const parse = dna && sql ? findParse(conversation, dna, sql) : null;
  const chart = chooseChart({ question: conversation.question, frame: parse?.frame ?? null, result, dna: dna ?? undefined });
  return textTurn(`Chart: ${chart.type}\n\n\`\`\`tsx\n${chart.code.trim()}\n\`\`\``);
}
