import { stepCountIs } from 'ai';
import { interpretSql } from '../../analyst/index.js';
import { AppError } from '../../core/app-error.js';
import { createReadDataDnaTool, READ_DATA_DNA } from '../../tools/read-data-dna/read-data-dna-tool.js';
import { RUN_SQL } from '../../tools/run-sql/run-sql-tool.js';
import { historyMessages, questionMessage } from '../conversation.js';
import type { RunState } from '../run-state.js';
import { streamAgent } from '../stream-agent.js';
import { runSqlToolFor } from './run-sql-for-run.js';

/** Model steps beyond the SQL attempts: reading the DNA, and the closing sentence of a declined question. */
const EXTRA_STEPS = 2;

/**
 * The SQL agent: a tool loop (`read_data_dna`, `run_sql`) until a query has run, with at
 * most `limits.sqlAttempts` SQL attempts (the tool refuses more). The loop stops as soon as a
 * query has succeeded: the composer writes the answer, so a closing model call would only
 * resend the whole conversation. The agent's own words, and then what the query returned, are
 * streamed as `thought-delta`. The last result that ran is the run's data.
 */
export async function sqlStep(state: RunState): Promise<void> {
  state.stage = 'sql';
  const { deps, request } = state;
  if (!state.connector || !state.dna) throw new AppError('INTERNAL', 'The SQL step needs an open datasource.');
  const dna = state.dna;
  let lastError: string | null = null;
  let attempted = false;
  let succeeded = false;
  const tools = {
    [READ_DATA_DNA]: createReadDataDnaTool({ agent: 'sql', emit: state.emit, getDna: async () => dna, question: request.question }),
    [RUN_SQL]: runSqlToolFor(state, state.connector, {
      emit: async (event) => {
        if (event.type === 'sql-attempt') {
          attempted = true;
          lastError = event.error ? `${event.error.code}: ${event.error.message}` : null;
        }
        await state.emit(event);
      },
      onResult: () => {
        succeeded = true;
      },
    }),
  };
  const text = await streamAgent(state, 'sql', {
    messages: [...historyMessages(request.history), questionMessage(request.question)],
    tools,
    stopWhen: [stepCountIs(deps.limits.sqlAttempts + EXTRA_STEPS), () => succeeded],
    onText: (delta) => state.emit({ type: 'thought-delta', agent: 'sql', delta }),
    // The closing sentence the model no longer writes, so the steps still say what the query gave.
    onEnd: async () => {
      if (succeeded && state.result) await state.emit({ type: 'thought-delta', agent: 'sql', delta: closingThought(state.result.rowCount, state.result.columns) });
    },
  });
  if (state.result) {
    await emitInterpretation(state, state.result.sql);
    return;
  }
  if (attempted) {
    throw new AppError('AGENT_SQL_REPAIR_EXHAUSTED', `No SQL query succeeded. Last error: ${lastError ?? 'none'}`, {
      details: { lastError },
    });
  }
  // The agent chose not to query: its words say why, and they are the honest answer.
  state.answer = text.trim() || 'The data cannot answer this question.';
}

/**
 * The reading of the question behind the query that ran, as the embedded analyst reads it. A
 * query the analyst did not write (another model's) gets no interpretation rather than a guessed one.
 */
async function emitInterpretation(state: RunState, sql: string): Promise<void> {
  if (!state.dna) return;
  const interpretation = interpretSql(state.request.question, { dna: state.dna, history: state.request.history }, sql);
  if (!interpretation) return;
  state.interpretation = interpretation;
  await state.emit({ type: 'interpretation', agent: 'sql', interpretation });
}

function closingThought(rowCount: number, columns: { name: string }[]): string {
  const rows = `${rowCount.toLocaleString('en-US')} row${rowCount === 1 ? '' : 's'}`;
  return `The query returned ${rows} (${columns.map((column) => column.name).join(', ')}).`;
}
