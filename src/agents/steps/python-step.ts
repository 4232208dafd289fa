import type { RunState } from '../run-state.js';

/**
 * The seam for the python agent (routes SQL_THEN_PY and PYTHON_ONLY). Until the `run_python`
 * tool lands (sandbox work), the run answers from the SQL result and the answer says so.
 * TODO(sandbox): replace with the python agent loop once src/tools/run-python exists.
 */
export async function pythonStep(state: RunState): Promise<void> {
  state.stage = 'python';
  state.notes.push('Python analysis is not available yet, so this answer uses the SQL result only.');
}
