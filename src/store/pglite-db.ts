import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, Queryable, QueryRows, SqlParam, Transactional } from './db.js';
import { toDriverParam } from './driver-param.js';
import { toStoreError } from './store-error.js';

export interface PgliteDbOptions {
  /** A directory for the data files; omitted means in memory (tests). */
  dataDir?: string;
  /** Start from a dump (`dumpDataDir`) instead of an empty cluster: ~1 s instead of ~10 s. */
  loadDataDir?: Blob;
}

/** The embedded store: PGlite (PostgreSQL compiled to WASM), one connection, queries queued. */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pgvector ships as a PGlite extension: knowledge search ranks by vector distance in the engine.
  const extensions = { vector };
  const pglite = options.dataDir
    ? await PGlite.create(options.dataDir, { loadDataDir: options.loadDataDir, extensions })
    : await PGlite.create({ loadDataDir: options.loadDataDir, extensions });
  return wrapPglite(pglite);
}

/** The `Db` over an open PGlite (tests use it to dump a migrated template). */
export function wrapPglite(pglite: PGlite): Db {
  const base = queryableOf(pglite);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(transactionalOf(tx))),
    async listen(channel, handler) {
      const stop = await pglite.listen(channel, handler);
      return async () => stop();
    },
    async notify(channel, payload) {
      await base.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pglite.close(),
  };
}

function transactionalOf(tx: Transaction): Transactional {
  const self: Transactional = { ...queryableOf(tx), transaction: (fn) => fn(self) };
  return self;
}

/**
 * PGlite runs each statement synchronously on this thread, and its queue hands the next
 * statement over in a microtask: with many statements queued, the event loop got no turn for
 * seconds (no request accepted, no SSE event written). A macrotask turn before each statement
 * lets I/O in between (issue "Hardening": responsiveness under load).
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function queryableOf(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<QueryRows<T>> {
      await yieldToEventLoop();
      try {
        const result = await target.query<T>(sql, params.map(toDriverParam));
        return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
      } catch (error) {
        throw toStoreError(error, sql);
      }
    },
    async exec(sql: string) {
      await yieldToEventLoop();
      try {
        await target.exec(sql);
      } catch (error) {
        throw toStoreError(error, sql);
      }
    },
  };
}
