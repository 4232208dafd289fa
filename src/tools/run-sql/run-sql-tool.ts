import { tool } from 'ai';
import { z } from 'zod';
import { AppError, toAppError } from '../../core/app-error.js';
import type { IdGenerator } from '../../core/ids.js';
import type { Connector } from '../../data/connector.js';
import { assertReadOnly } from '../../data/sql-guard/index.js';
import type { ResultStore, StoredResult } from '../../store/result-store.js';
import { runReported, type ToolReportContext } from '../tool-reporter.js';
import { summarizeResult, type ResultSummary } from './result-summary.js';
import { sqlErrorHint } from './sql-error-hint.js';

export const RUN_SQL = 'run_sql';

/** Results up to this many rows are "small": the UI may inline them. */
const SMALL_RESULT_ROWS = 1_000;

export interface RunSqlToolDeps extends ToolReportContext {
  connector: Connector;
  /** The datasource name, stored with each result. */
  datasource: string;
  resultStore: ResultStore;
  ids: IdGenerator;
  limits: { rowCap: number; statementTimeoutMs: number; sqlAttempts: number };
  signal?: AbortSignal;
  /** Called with every result that ran; the SQL agent keeps the last one. */
  onResult?: (result: StoredResult) => void;
  /** Where the UI fetches a full result; `/api/data/:id` by default. */
  resultUrl?: (resultId: string) => string;
}

const RunSqlInput = z.object({
  sql: z.string().min(1).describe('Exactly one read-only SELECT or WITH statement in the datasource dialect.'),
});

function isCancellation(error: AppError, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || error.code === 'CONNECTOR_QUERY_CANCELLED' || error.code === 'RUN_CANCELLED';
}

/**
 * The error the model reads: code, message and what to do, on separate lines. The message
 * starts with the code so any model (and the embedded one) can branch on it.
 */
function toolError(error: AppError): AppError {
  const hint = sqlErrorHint(error.code);
  return new AppError(error.code, `${error.code}: ${error.message}\nHint: ${hint}`, {
    cause: error,
    details: { ...error.details, hint },
  });
}

/**
 * `run_sql`: checks the SQL with the read-only guard, runs it under the row cap, timeout and
 * the run's abort signal, stores the full result and returns a bounded summary. Each call is
 * one SQL attempt (`sql-attempt` event); a success also emits `data-ready`.
 */
export function createRunSqlTool(deps: RunSqlToolDeps) {
  let attempts = 0;
  const resultUrl = deps.resultUrl ?? ((id: string) => `/api/data/${id}`);

  async function execute(sql: string): Promise<ResultSummary> {
    if (attempts >= deps.limits.sqlAttempts) {
      throw toolError(
        new AppError('AGENT_SQL_REPAIR_EXHAUSTED', `All ${deps.limits.sqlAttempts} SQL attempts are used.`, { details: { sql } }),
      );
    }
    attempts += 1;
    const attempt = attempts;
    try {
      await assertReadOnly(deps.connector, sql);
      const result = await deps.connector.query(sql, {
        limit: deps.limits.rowCap,
        timeoutMs: deps.limits.statementTimeoutMs,
        signal: deps.signal,
      });
      const stored = await deps.resultStore.save({ ...result, id: deps.ids('res'), sql, datasource: deps.datasource });
      await deps.emit({ type: 'sql-attempt', attempt, sql, status: 'ok' });
      await deps.emit({
        type: 'data-ready',
        resultId: stored.id,
        url: resultUrl(stored.id),
        rowCount: stored.rowCount,
        columns: stored.columns,
        size: stored.rowCount <= SMALL_RESULT_ROWS ? 'small' : 'large',
        format: 'json',
      });
      deps.onResult?.(stored);
      return summarizeResult(stored);
    } catch (error) {
      const appError = toAppError(error);
      if (isCancellation(appError, deps.signal)) throw error;
      await deps.emit({ type: 'sql-attempt', attempt, sql, status: 'error', error: { code: appError.code, message: appError.message } });
      throw toolError(appError);
    }
  }

  return tool({
    description:
      'Run one read-only SQL query (SELECT or WITH) on the datasource. Returns the columns, the row count and ' +
      'the first rows, plus a resultId for the full result. On failure the error has a code, the engine message and a hint.',
    inputSchema: RunSqlInput,
    execute: async (input, { toolCallId }) =>
      runReported(deps, { toolName: RUN_SQL, toolCallId, input }, () => execute(input.sql), (summary) =>
        `${summary.rowCount.toLocaleString('en-US')} row${summary.rowCount === 1 ? '' : 's'}${summary.truncated ? (summary.truncatedReason === 'bytes' ? ' (cut at the size cap)' : ' (cut at the row cap)') : ''}`,
      ),
  });
}
