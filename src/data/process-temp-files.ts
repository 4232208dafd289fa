import { readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * Temporary files and folders (private copies of registered files, uploads in progress) are
 * named `<prefix><host>-<pid>-<start>-<random>`, so a later start can tell which ones belong
 * to a process that no longer runs (SIGKILL, power loss) and remove them, without touching
 * those of another InsightX process alive on the same machine. The start time tells a
 * restarted process apart from its predecessor of the same pid (pid 1 in a container).
 */
export function processTempPrefix(prefix: string): string {
  return `${prefix}${hostLabel()}-${process.pid}-${PROCESS_START}-`;
}

const PROCESS_START = Math.round(Date.now() - process.uptime() * 1000).toString(36);

/** Removes `<prefix><this host>-<pid>-*` entries of `folder` whose process is gone; returns their names. */
export function removeStaleTempEntries(folder: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const own = `${prefix}${hostLabel()}-`;
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(own)) continue;
    const [pidText, start] = name.slice(own.length).split('-');
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (pid === process.pid ? start === PROCESS_START : isAlive(pid)) continue;
    rmSync(path.join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function hostLabel(): string {
  return hostname().replace(/[^A-Za-z0-9]+/g, '_').slice(0, 40) || 'host';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
