import { Readable } from 'node:stream';
import type { StoredResult } from '../../store/result-store.js';

const ROWS_PER_CHUNK = 500;

/**
 * A result as one JSON document, written in chunks of rows so a large result never becomes
 * one giant string: `{id, sql, datasource, columns, rowCount, truncated, createdAt, rows}`.
 */
export function resultJsonStream(result: StoredResult): Readable {
  const { rows, ...header } = result;
  return Readable.from(
    (function* () {
      yield `${JSON.stringify(header).slice(0, -1)},"rows":[`;
      for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
        const chunk = rows.slice(start, start + ROWS_PER_CHUNK).map((row) => JSON.stringify(row));
        yield (start === 0 ? '' : ',') + chunk.join(',');
      }
      yield ']}';
    })(),
    { objectMode: false },
  );
}
