import { dnaBlock, historyMessages, notesBlock, questionMessage, resultBlock, sqlBlock, tablesInSql } from '../conversation.js';
import type { RunState } from '../run-state.js';
import { streamAgent } from '../stream-agent.js';

/** Rows the composer sees: all of a typical breakdown or a year of days, bounded for big results. */
const COMPOSER_ROWS = 400;

/**
 * The composer agent: writes the answer from the question, the SQL, the result and the DNA's
 * baselines, streamed as `text-delta`. Without data (route ANSWER) it answers from the question.
 */
export async function composeStep(state: RunState): Promise<void> {
  state.stage = 'composer';
  const { result, sql, dna } = state;
  const blocks: string[] = [];
  if (sql) blocks.push(sqlBlock(sql));
  if (result) blocks.push(resultBlock(result, COMPOSER_ROWS));
  if (dna) blocks.push(dnaBlock(dna, sql ? tablesInSql(dna, sql) : undefined));
  if (state.notes.length > 0) blocks.push(notesBlock(state.notes));
  const text = await streamAgent(state, 'composer', {
    messages: [...historyMessages(state.request.history), questionMessage(state.request.question, blocks)],
    onText: (delta) => state.emit({ type: 'text-delta', delta }),
  });
  state.answer = text.trim();
}
