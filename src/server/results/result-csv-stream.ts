import { Readable } from 'node:stream';
import type { Cell } from '../../core/query-result.js';
import type { StoredResult } from '../../store/result-store.js';

const ROWS_PER_CHUNK = 500;

/** RFC 4180: quote a field that holds a comma, quote, CR or LF; double the quotes. Null is empty. */
function csvField(value: Cell | string): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly (Cell | string)[]) => `${cells.map(csvField).join(',')}\r\n`;

/** A result as CSV with a header row, written in chunks. */
export function resultCsvStream(result: StoredResult): Readable {
  return Readable.from(
    (function* () {
      yield csvLine(result.columns.map((column) => column.name));
      for (let start = 0; start < result.rows.length; start += ROWS_PER_CHUNK) {
        yield result.rows.slice(start, start + ROWS_PER_CHUNK).map(csvLine).join('');
      }
    })(),
    { objectMode: false },
  );
}
