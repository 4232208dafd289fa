import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGlite } from '@electric-sql/pglite';
import type { Clock } from '../../core/clock.js';
import type { IdGenerator } from '../../core/ids.js';
import { applyMigrations, listMigrations } from '../migrate.js';
import { createPgliteDb, wrapPglite } from '../pglite-db.js';
import { createStore, type Store } from '../store.js';

/**
 * A fresh, migrated in-memory PGlite store for tests. Creating an empty PGlite cluster takes
 * ~10 s (initdb in WASM); loading a dump takes ~1 s, so the migrated cluster is dumped once
 * per migration set into the temp folder and every test store starts from it.
 */
export async function openTestStore(options: { ids?: IdGenerator; clock?: Clock } = {}): Promise<Store> {
  const migrations = listMigrations();
  const hash = createHash('sha256').update(['pgvector', ...migrations.map((migration) => migration.sql)].join('\n')).digest('hex').slice(0, 16);
  const file = path.join(tmpdir(), `insightx-pglite-template-${hash}.tar`);
  if (!existsSync(file)) {
    const template = await PGlite.create({ extensions: { vector } });
    await applyMigrations(wrapPglite(template));
    const dump = await template.dumpDataDir('none');
    await template.close();
    // Written beside and renamed: parallel test workers never read half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  let db;
  try {
    db = await createPgliteDb({ loadDataDir: new Blob([readFileSync(file)]) });
  } catch {
    // A template from another PGlite version (or a damaged file): start from scratch.
    rmSync(file, { force: true });
    db = await createPgliteDb();
  }
  await applyMigrations(db);
  return createStore(db, options);
}
