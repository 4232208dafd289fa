import Table from 'cli-table3';
import type { Cell, QueryColumn } from '../../core/query-result.js';

/** Rows shown in the terminal; the count says how many there are in all. */
export const SHOWN_ROWS = 20;

function cellText(cell: Cell): string {
  if (cell === null) return '∅';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toLocaleString('en-US') : cell.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(cell);
}

/**
 * The first rows of a result as a boxed table, with a line saying how many rows there are.
 * Colours only when `color` is set (a terminal): piped output stays plain text.
 */
export function formatResultTable(columns: QueryColumn[], rows: Cell[][], rowCount: number, color = false): string {
  const table = new Table({
    head: columns.map((column) => column.name),
    ...(color ? {} : { style: { head: [], border: [] } }),
    colAligns: columns.map((_, index) => (typeof rows[0]?.[index] === 'number' ? 'right' : 'left')),
    wordWrap: true,
  });
  for (const row of rows.slice(0, SHOWN_ROWS)) table.push(row.map(cellText));
  const shown = Math.min(rows.length, SHOWN_ROWS);
  const count = shown < rowCount ? `${shown} of ${rowCount.toLocaleString('en-US')} rows` : `${rowCount.toLocaleString('en-US')} row${rowCount === 1 ? '' : 's'}`;
  return `${table.toString()}\n${count}`;
}
