import { applySynonyms } from '../../data/dna/index.js';
import type { RunState } from '../run-state.js';

/** Opens the run's datasource and gets its Data DNA (cached by the DNA source), with the saved synonyms merged in. */
export async function prepareDatasource(state: RunState): Promise<void> {
  state.stage = 'datasource';
  state.connector = await state.deps.registry.get(state.request.datasource);
  const dna = await state.deps.getDna(state.connector, { signal: state.signal });
  const synonyms = (await state.deps.synonyms?.list({ datasource: state.request.datasource, workspaceId: state.request.workspaceId })) ?? [];
  state.dna = applySynonyms(dna, synonyms).dna;
}
