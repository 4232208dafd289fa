import type { QueryColumn, Cell } from '../../core/query-result.js';
import type { ResultStore, StoredResult } from '../result-store.js';
import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

interface ResultRow {
  id: string;
  workspace_id: string | null;
  run_id: string | null;
  sql: string;
  datasource: string;
  columns: QueryColumn[];
  rows: Cell[][];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
  created_at: Date;
}

const toResult = (row: ResultRow): StoredResult => ({
  id: row.id,
  sql: row.sql,
  datasource: row.datasource,
  columns: row.columns,
  rows: row.rows,
  rowCount: row.row_count,
  truncated: row.truncated,
  elapsedMs: Number(row.elapsed_ms),
  createdAt: toIso(row.created_at),
});

/**
 * Full query results (the persistent `ResultStore`). Rows are one JSONB array per result,
 * bounded by the connectors' row cap. A result becomes visible to a workspace when it is
 * claimed: by the run that reported it (`data-ready`) or by the SQL tool that made it.
 */
export function createResultsRepository({ db, clock }: RepositoryContext) {
  const results = {
    async save(result: Omit<StoredResult, 'createdAt'>, owner: { workspaceId?: string; runId?: string } = {}): Promise<StoredResult> {
      const { rows } = await db.query<ResultRow>(
        `INSERT INTO results (id, workspace_id, run_id, sql, datasource, columns, rows, row_count, truncated, elapsed_ms, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11) RETURNING *`,
        [
          result.id,
          owner.workspaceId ?? null,
          owner.runId ?? null,
          result.sql,
          result.datasource,
          result.columns,
          result.rows,
          result.rowCount,
          result.truncated,
          result.elapsedMs,
          clock.now(),
        ],
      );
      return toResult(rows[0]);
    },
    /** Any result by id, whoever owns it (for the agents inside a run). */
    async get(id: string): Promise<StoredResult | undefined> {
      const { rows } = await db.query<ResultRow>('SELECT * FROM results WHERE id = $1', [id]);
      return rows[0] && toResult(rows[0]);
    },
    /** A result of this workspace (for HTTP). */
    async getForWorkspace(workspaceId: string, id: string): Promise<StoredResult | undefined> {
      const { rows } = await db.query<ResultRow>('SELECT * FROM results WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return rows[0] && toResult(rows[0]);
    },
    /** Gives an unowned result to the run that reported it; never takes one from another workspace. */
    async claim(id: string, workspaceId: string, runId: string): Promise<boolean> {
      const result = await db.query(
        'UPDATE results SET workspace_id = $2, run_id = $3 WHERE id = $1 AND (workspace_id IS NULL OR workspace_id = $2)',
        [id, workspaceId, runId],
      );
      return result.affectedRows > 0;
    },
  };
  return results;
}
export type ResultsRepository = ReturnType<typeof createResultsRepository>;

/** The `ResultStore` view the agents' tools get. */
export function asResultStore(results: ResultsRepository): ResultStore {
  return { save: (result) => results.save(result), get: (id) => results.get(id) };
}
