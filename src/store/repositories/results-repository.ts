import { rowJsonBytes, type Cell, type QueryColumn, type TruncatedReason } from '../../core/query-result.js';
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
  truncated_reason: TruncatedReason | null;
  elapsed_ms: number;
  created_at: Date;
}

/** 16 MiB, as `limits.resultMaxBytes` defaults. */
const DEFAULT_RESULT_MAX_BYTES = 16 * 1024 * 1024;

/** The columns of a result without its rows, for streaming the rows page by page. */
const HEADER_COLUMNS = 'id, workspace_id, run_id, sql, datasource, columns, row_count, truncated, truncated_reason, elapsed_ms, created_at';

const toHeader = (row: Omit<ResultRow, 'rows'>): StoredResultHeader => ({
  id: row.id,
  sql: row.sql,
  datasource: row.datasource,
  columns: row.columns,
  rowCount: row.row_count,
  truncated: row.truncated,
  ...(row.truncated_reason ? { truncatedReason: row.truncated_reason } : {}),
  elapsedMs: Number(row.elapsed_ms),
  createdAt: toIso(row.created_at),
});

const toResult = (row: ResultRow): StoredResult => ({ ...toHeader(row), rows: row.rows });

/** A stored result without its rows. */
export type StoredResultHeader = Omit<StoredResult, 'rows'>;

/**
 * Keeps the rows whose JSON fits in `maxBytes`; a result cut here says so, like one the
 * connector cut. The second line behind the connectors: whatever saves a result, the store
 * never holds more than the cap.
 */
function fitRows(result: Omit<StoredResult, 'createdAt'>, maxBytes: number): Omit<StoredResult, 'createdAt'> {
  let bytes = 0;
  for (let index = 0; index < result.rows.length; index++) {
    bytes += rowJsonBytes(result.rows[index]);
    if (bytes > maxBytes) {
      const rows = result.rows.slice(0, index);
      return { ...result, rows, rowCount: rows.length, truncated: true, truncatedReason: 'bytes' };
    }
  }
  return result;
}

/**
 * Full query results (the persistent `ResultStore`). Rows are one JSONB array per result,
 * bounded by the connectors' row cap. A result becomes visible to a workspace when it is
 * claimed: by the run that reported it (`data-ready`) or by the SQL tool that made it.
 */
export function createResultsRepository({ db, clock, resultMaxBytes = DEFAULT_RESULT_MAX_BYTES }: RepositoryContext) {
  const results = {
    async save(input: Omit<StoredResult, 'createdAt'>, owner: { workspaceId?: string; runId?: string } = {}): Promise<StoredResult> {
      const result = fitRows(input, resultMaxBytes);
      const createdAt = clock.now();
      await db.query(
        `INSERT INTO results (id, workspace_id, run_id, sql, datasource, columns, rows, row_count, truncated, truncated_reason, elapsed_ms, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12)`,
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
          result.truncated ? (result.truncatedReason ?? 'rows') : null,
          result.elapsedMs,
          createdAt,
        ],
      );
      // Not read back: the rows went in as given, and reading them again would double the memory.
      const stored: StoredResult = { ...result, createdAt: toIso(createdAt) };
      if (stored.truncated && stored.truncatedReason === undefined) stored.truncatedReason = 'rows';
      return stored;
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
    /** A result of this workspace without its rows (for streaming them with `listRows`). */
    async getHeaderForWorkspace(workspaceId: string, id: string): Promise<StoredResultHeader | undefined> {
      const { rows } = await db.query<Omit<ResultRow, 'rows'>>(`SELECT ${HEADER_COLUMNS} FROM results WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      return rows[0] && toHeader(rows[0]);
    },
    /** Rows `offset … offset + count - 1` of a result (fewer at its end), read from the store page by page. */
    async listRows(id: string, offset: number, count: number): Promise<Cell[][]> {
      const path = `$[${Math.max(0, Math.floor(offset))} to ${Math.max(0, Math.floor(offset + count - 1))}]`;
      const { rows } = await db.query<{ page: Cell[][] | null }>('SELECT jsonb_path_query_array(rows, $2::jsonpath) AS page FROM results WHERE id = $1', [id, path]);
      return rows[0]?.page ?? [];
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
