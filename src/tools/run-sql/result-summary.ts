import type { Cell, QueryColumn } from '../../core/query-result.js';
import type { StoredResult } from '../../store/result-store.js';

/** Rows a model sees of a result: enough to read the answer, bounded whatever the result size. */
export const SUMMARY_ROWS = 20;
/** Long text cells are cut so one wide column cannot flood the context. */
const MAX_CELL_CHARS = 200;

/** What `run_sql` returns to the model; the full result stays behind `resultId`. */
export interface ResultSummary {
  resultId: string;
  columns: QueryColumn[];
  rowCount: number;
  truncated: boolean;
  /** Which cap cut the result, when one did. */
  truncatedReason?: 'rows' | 'bytes';
  rows: Cell[][];
  /** Set when `rows` shows fewer rows than `rowCount`. */
  note?: string;
}

function boundCell(cell: Cell): Cell {
  return typeof cell === 'string' && cell.length > MAX_CELL_CHARS ? `${cell.slice(0, MAX_CELL_CHARS)}…` : cell;
}

export function summarizeResult(result: StoredResult, maxRows = SUMMARY_ROWS): ResultSummary {
  const rows = result.rows.slice(0, maxRows).map((row) => row.map(boundCell));
  const summary: ResultSummary = {
    resultId: result.id,
    columns: result.columns,
    rowCount: result.rowCount,
    truncated: result.truncated,
    rows,
  };
  if (result.truncatedReason) summary.truncatedReason = result.truncatedReason;
  if (rows.length < result.rowCount) summary.note = `first ${rows.length} of ${result.rowCount} rows shown`;
  return summary;
}
