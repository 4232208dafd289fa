import { applySynonyms } from '../../data/dna/index.js';
import type { RunState } from '../run-state.js';

/** Opens the run's datasource and gets its Data DNA (cached by the DNA source), with the saved synonyms merged in. */
export async function prepareDatasource(state: RunState): Promise<void> {
  state.stage = 'datasource';
  state.connector = await state.deps.registry.get(state.request.datasource);
  // A DNA still being built reports each table as a `dna-progress` event (a cached one reports nothing).
  const reported: Promise<void>[] = [];
  const datasource = state.request.datasource;
  const onProgress = (message: string, progress: { table: string; percent: number }) => {
    reported.push(Promise.resolve(state.emit({ type: 'dna-progress', datasource, table: progress.table, percent: progress.percent, message })));
  };
  const dna = await state.deps.getDna(state.connector, { signal: state.signal, onProgress });
  await Promise.all(reported);
  const synonyms = (await state.deps.synonyms?.list({ datasource: state.request.datasource, workspaceId: state.request.workspaceId })) ?? [];
  state.dna = applySynonyms(dna, synonyms).dna;
}
