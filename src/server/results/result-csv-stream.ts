import { Readable } from 'node:stream';
import type { Cell } from '../../core/query-result.js';
import type { StoredResultHeader } from '../../store/repositories/results-repository.js';
import { rowPages, type ReadRowPage } from './result-row-pages.js';

/** RFC 4180: quote a field that holds a comma, quote, CR or LF; double the quotes. Null is empty. */
function csvField(value: Cell | string): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly (Cell | string)[]) => `${cells.map(csvField).join(',')}\r\n`;

/** A result as CSV with a header row, written page by page as the reader reads. */
export function resultCsvStream(header: StoredResultHeader, readPage: ReadRowPage): Readable {
  return Readable.from(
    (async function* () {
      yield csvLine(header.columns.map((column) => column.name));
      for await (const page of rowPages(readPage, header.rowCount)) yield page.map(csvLine).join('');
    })(),
    { objectMode: false },
  );
}
