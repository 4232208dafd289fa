import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureSampleDatabase, SAMPLE_DATABASE_FILE } from '../../src/data/samples/generate-sample-database.js';
import { paymentsSql } from '../../src/data/samples/payments-sql.js';
import { salesSql } from '../../src/data/samples/sales-sql.js';

/** A lock older than this was left by a process that died; generation takes well under it. */
const STALE_LOCK_MS = 5 * 60_000;
const POLL_MS = 250;

/**
 * A data dir shared by the test files that need the sample database, so the 1M-row tables
 * are generated once per machine rather than once per file. The folder name carries a hash
 * of the generator's SQL: a changed generator gets a fresh database.
 */
export function sampleDataDir(): string {
  const version = createHash('sha1').update(paymentsSql()).update(salesSql()).digest('hex').slice(0, 10);
  return path.join(tmpdir(), `insightx-sample-${version}`);
}

/**
 * Generates the shared sample database once even when several test workers (processes) start
 * at the same time: the first to create the lock folder generates, the others wait for the file.
 */
export async function ensureSharedSample(): Promise<string> {
  const dir = sampleDataDir();
  const file = path.join(dir, SAMPLE_DATABASE_FILE);
  const lock = `${dir}.lock`;
  while (!existsSync(file)) {
    try {
      mkdirSync(lock);
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    try {
      await ensureSampleDatabase(dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}
