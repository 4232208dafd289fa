import { decideDatasource } from '../../agents/route-datasource.js';
import type { RunServiceDeps } from '../runs/run-service.js';
import type { DatasourceCatalog } from './datasource-catalog.js';

/**
 * The run service's `routeDatasource`: among the workspace's own datasources (two or more; the
 * built-in sample left out), the one whose Data DNA covers the question, or the split answer when
 * the question needs two (the same decision as the CLI's). Null: use the default.
 */
export function createQuestionRouter(datasources: DatasourceCatalog): NonNullable<RunServiceDeps['routeDatasource']> {
  return async (workspaceId, question) => {
    const own = (await datasources.list(workspaceId)).filter((source) => source.kind !== 'sample');
    if (own.length < 2) return null;
    const candidates = [];
    for (const source of own) {
      // A datasource that cannot be profiled now is no candidate; the others still are.
      const dna = await datasources.dna(workspaceId, source.name).catch(() => null);
      if (dna) candidates.push({ name: source.name, dna });
    }
    const decision = decideDatasource(question, candidates, null);
    if (decision.kind === 'none') return null;
    if (decision.kind === 'split') {
      return { datasource: decision.route.parts[0].datasource, reason: decision.reason, scores: decision.scores, split: { answer: decision.answer } };
    }
    return { datasource: decision.datasource, reason: decision.reason, scores: decision.scores };
  };
}
