import type { Connector } from '../../data/connector.js';
import type { StoredResult } from '../../store/result-store.js';
import { createRunSqlTool } from '../../tools/run-sql/run-sql-tool.js';
import type { ToolReportContext } from '../../tools/tool-reporter.js';
import type { RunState } from '../run-state.js';

/**
 * The `run_sql` tool of a run, as the SQL agent's steps use it: on the run's open datasource,
 * with its limits, result store and cancellation. Each result that runs becomes the run's data
 * (`state.result`, `state.sql`); `onResult` and `emit` let a step watch attempts and results.
 */
export function runSqlToolFor(
  state: RunState,
  connector: Connector,
  watch: { emit?: ToolReportContext['emit']; onResult?: (result: StoredResult) => void } = {},
) {
  const { deps, request } = state;
  return createRunSqlTool({
    agent: 'sql',
    emit: watch.emit ?? state.emit,
    connector,
    datasource: request.datasource,
    resultStore: deps.resultStore,
    ids: deps.ids,
    limits: deps.limits,
    signal: state.signal,
    resultUrl: deps.resultUrl,
    onResult: (result) => {
      watch.onResult?.(result);
      state.result = result;
      state.sql = result.sql;
    },
  });
}
