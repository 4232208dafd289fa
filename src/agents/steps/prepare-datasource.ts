import type { RunState } from '../run-state.js';

/** Opens the run's datasource and gets its Data DNA (cached by the DNA source). */
export async function prepareDatasource(state: RunState): Promise<void> {
  state.stage = 'datasource';
  state.connector = await state.deps.registry.get(state.request.datasource);
  state.dna = await state.deps.getDna(state.connector, { signal: state.signal });
}
