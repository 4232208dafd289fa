import path from 'node:path';
import type { Clock } from '../core/clock.js';
import type { IdGenerator } from '../core/ids.js';
import type { Db } from './db.js';
import { applyMigrations } from './migrate.js';
import { createPgliteDb } from './pglite-db.js';
import { createPostgresDb } from './postgres-db.js';
import { acquireStoreLock } from './store-lock.js';
import { createStore, type Store } from './store.js';

export interface OpenStoreOptions {
  /** A PostgreSQL server (`DATABASE_URL`); without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** PostgreSQL schema (default `public`). */
  schema?: string;
  /** InsightX's data directory; PGlite keeps its files in `<dataDir>/store`. Omitted: in memory. */
  dataDir?: string;
  ids?: IdGenerator;
  clock?: Clock;
  /** Bytes a stored result's rows may take as JSON (`limits.resultMaxBytes`). */
  resultMaxBytes?: number;
}

/** Opens the database, applies pending migrations and returns the store. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const storeDir = !options.databaseUrl && options.dataDir ? path.join(options.dataDir, 'store') : undefined;
  const release = storeDir ? acquireStoreLock(storeDir) : () => undefined;
  let db: Db | undefined;
  try {
    db = options.databaseUrl
      ? await createPostgresDb({ url: options.databaseUrl, schema: options.schema })
      : await createPgliteDb({ dataDir: storeDir });
    await applyMigrations(db);
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
  const store = createStore(db, { ids: options.ids, clock: options.clock, resultMaxBytes: options.resultMaxBytes });
  const close = store.close;
  return {
    ...store,
    close: async () => {
      try {
        await close();
      } finally {
        release();
      }
    },
  };
}

/** Where the store lives, for messages ("store: PGlite at .insightx/store"). */
export function describeStore(options: OpenStoreOptions): string {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}${options.schema ? ` (schema ${options.schema})` : ''}`;
  }
  return options.dataDir ? `PGlite at ${path.join(options.dataDir, 'store')}` : 'PGlite in memory';
}
