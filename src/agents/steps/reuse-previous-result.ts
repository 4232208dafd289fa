import { isDriverResult } from '../../analyst/driver-analysis.js';
import type { RunState } from '../run-state.js';

/**
 * PYTHON_ONLY works on the data of the previous turn ("is that difference significant?"):
 * its stored result becomes this run's data, with no new query. False when the thread has
 * no stored result to reuse (the run then queries as for SQL_THEN_PY).
 */
export async function reusePreviousResult(state: RunState): Promise<boolean> {
  const previousId = state.request.history?.at(-1)?.resultId;
  if (!previousId) return false;
  const previous = await state.deps.resultStore.get(previousId);
  if (!previous) return false;
  // After a driver analysis, "these" are its contributors: the overall comparison row is not one of them.
  const rows = isDriverResult(previous.columns) ? previous.rows.filter((row) => row[0] !== '(overall)') : previous.rows;
  state.result = rows === previous.rows ? previous : { ...previous, rows, rowCount: rows.length };
  state.sql = previous.sql;
  return true;
}
