import type { Cell } from '../../core/query-result.js';

/** Reads rows `offset … offset + count - 1` of one result; fewer (or none) at its end. */
export type ReadRowPage = (offset: number, count: number) => Promise<Cell[][]>;

/** Rows fetched from the store per page: one page per pull, so a slow reader holds one page. */
export const ROWS_PER_PAGE = 500;

/**
 * A result's rows, page by page, read only when the consumer asks for more. Wrapped in
 * `Readable.from`, a reader that does not read stops the reading here (back-pressure): the
 * server never holds a whole result per open response.
 */
export async function* rowPages(readPage: ReadRowPage, rowCount: number, pageSize = ROWS_PER_PAGE): AsyncGenerator<Cell[][]> {
  for (let offset = 0; offset < rowCount; offset += pageSize) {
    const page = await readPage(offset, pageSize);
    if (page.length === 0) return;
    yield page;
  }
}
