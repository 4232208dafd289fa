import { Readable } from 'node:stream';
import type { StoredResultHeader } from '../../store/repositories/results-repository.js';
import { rowPages, type ReadRowPage } from './result-row-pages.js';

/**
 * A result as one JSON document, `{id, sql, datasource, columns, rowCount, truncated,
 * truncatedReason?, elapsedMs, createdAt, rows}`, written page by page as the reader reads:
 * a large result never becomes one giant string, and a slow reader never makes the server hold
 * more than a page.
 */
export function resultJsonStream(header: StoredResultHeader, readPage: ReadRowPage): Readable {
  return Readable.from(
    (async function* () {
      yield `${JSON.stringify(header).slice(0, -1)},"rows":[`;
      let first = true;
      for await (const page of rowPages(readPage, header.rowCount)) {
        yield (first ? '' : ',') + page.map((row) => JSON.stringify(row)).join(',');
        first = false;
      }
      yield ']}';
    })(),
    { objectMode: false },
  );
}
