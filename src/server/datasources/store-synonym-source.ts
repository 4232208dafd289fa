import type { SynonymScope, SynonymSource } from '../../agents/orchestrator-deps.js';
import { AppError } from '../../core/app-error.js';
import type { Store } from '../../store/store.js';

/** `orders@ws_1` (a workspace's own datasource) and `sample` (a configured one) are both named by their name. */
function datasourceName(scope: SynonymScope): string {
  const suffix = `@${scope.workspaceId}`;
  return scope.workspaceId && scope.datasource.endsWith(suffix) ? scope.datasource.slice(0, -suffix.length) : scope.datasource;
}

/** The orchestrator's synonyms from the store, per workspace and datasource name. */
export function createStoreSynonymSource(store: Store): SynonymSource {
  return {
    async list(scope) {
      return scope.workspaceId ? store.synonyms.list(scope.workspaceId, datasourceName(scope)) : [];
    },
    async save(scope, input) {
      if (!scope.workspaceId) throw new AppError('INPUT_INVALID', 'A synonym is saved for a workspace; this run has none.');
      return store.synonyms.save(scope.workspaceId, datasourceName(scope), input);
    },
  };
}
