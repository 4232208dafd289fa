import { ASSOCIATION_NOTE, isWhyFollowUp, planDriverAnalysis } from '../../analyst/driver-analysis.js';
import type { RunState } from '../run-state.js';
import { runSqlToolFor } from './run-sql-for-run.js';

/**
 * "Why is that?" after an answer about a segment (issue 10, item 4): a driver analysis instead
 * of a new parse of three words. The query comes from the previous turn's SQL and result and the
 * Data DNA (`planDriverAnalysis`) and runs through the `run_sql` tool, so it passes the read-only
 * guard and is reported like any query (tool-call, sql-attempt, data-ready). False when the
 * question is not such a follow-up or the previous answer was not about a segment: the SQL agent
 * then takes the question as usual.
 */
export async function driverStep(state: RunState): Promise<boolean> {
  const { request, deps } = state;
  if (!isWhyFollowUp(request.question) || !state.connector || !state.dna) return false;
  const previousId = [...(request.history ?? [])].reverse().find((turn) => turn.resultId)?.resultId;
  const previous = previousId ? await deps.resultStore.get(previousId) : null;
  if (!previous?.sql) return false;
  const plan = planDriverAnalysis(state.dna, { sql: previous.sql, columns: previous.columns, rows: previous.rows });
  if (!plan) return false;
  state.stage = 'sql';
  await state.emit({ type: 'agent-start', agent: 'sql', model: 'driver-analysis' });
  await state.emit({
    type: 'thought-delta',
    agent: 'sql',
    delta: `Driver analysis: ${plan.segment.column} = ${plan.segment.value} against the rest of ${plan.table}, on ${plan.metric.name}, across ${plan.dimensions.join(', ')}.`,
  });
  const runSql = runSqlToolFor(state, state.connector);
  // A failure here (e.g. an engine without a function the metric uses) leaves the question to the SQL agent.
  try {
    await runSql.execute!({ sql: plan.sql }, { toolCallId: deps.ids('call'), messages: [] });
  } catch (error) {
    if (state.signal?.aborted) throw error;
    return false;
  }
  if (!state.result) return false;
  if (!state.notes.includes(ASSOCIATION_NOTE)) state.notes.push(ASSOCIATION_NOTE);
  return true;
}
