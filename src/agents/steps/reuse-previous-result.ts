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
  state.result = previous;
  state.sql = previous.sql;
  return true;
}
