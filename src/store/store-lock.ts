import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/app-error.js';

const LOCK_FILE = 'insightx.pid';
/** Locks this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same data directory would
 * corrupt it. A pid file held while the store is open turns that into a clear STORE_LOCKED;
 * a file left by a process that died is taken over.
 * Returns the function that releases the lock.
 */
export function acquireStoreLock(storeDir: string): () => void {
  mkdirSync(storeDir, { recursive: true });
  const file = path.join(storeDir, LOCK_FILE);
  if (held.has(file)) {
    throw new AppError('STORE_LOCKED', `The store at ${storeDir} is already open in this process.`, { details: { pid: process.pid, storeDir } });
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(file, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      held.add(file);
      return () => {
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      // Our own pid in a file we do not hold is a leftover of an earlier process with that pid.
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new AppError('STORE_LOCKED', `The store at ${storeDir} is in use by process ${holder} (an InsightX server?). Stop it first, or share a PostgreSQL store through DATABASE_URL.`, {
          details: { pid: holder, storeDir },
        });
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('STORE_LOCKED', `Could not lock the store at ${storeDir}.`, { details: { storeDir } });
}
