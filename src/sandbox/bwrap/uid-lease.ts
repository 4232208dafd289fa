import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Leases on sandbox uids shared by every InsightX process on the machine: one lock file per
 * uid in `directory`, created with O_EXCL and holding the owner's pid and process start time.
 * A lease whose owner is gone (crashed, killed) is stale and may be taken over; the start time
 * tells a reused pid from the owner. Without leases, two processes on the same range could run
 * sandboxes as the same uid, and one's clean-up (kill everything of the uid) killed the other's run.
 */
export interface UidLeases {
  /**
   * `acquired` when this process now holds `uid`; `taken-over` when it does after the previous
   * holder died (processes of that holder may still run as the uid); `held` when another live
   * holder has it.
   */
  tryAcquire(uid: number): Promise<'acquired' | 'taken-over' | 'held'>;
  /** Gives `uid` back (only if this process holds it). */
  release(uid: number): Promise<void>;
}

/** Where the lock files live unless configured: shared by every process of this machine. */
export const DEFAULT_UID_LEASE_DIR = join(tmpdir(), 'insightx-sandbox-uids');

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot; null when the process is gone. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** A lease's owner is alive when a process with that pid exists and started at the recorded time. */
function ownerAlive(content: string): boolean {
  const [pid, startTime] = content.trim().split(' ');
  const pidNumber = Number(pid);
  if (!Number.isInteger(pidNumber) || pidNumber <= 0) return false;
  return startTimeOf(pidNumber) === startTime;
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

export function createUidLeases(directory: string = DEFAULT_UID_LEASE_DIR): UidLeases {
  const owner = `${process.pid} ${startTimeOf(process.pid) ?? '0'}\n`;
  let ready: Promise<unknown> | undefined;
  const pathOf = (uid: number) => join(directory, `${uid}.lock`);

  async function create(path: string): Promise<boolean> {
    try {
      await writeFile(path, owner, { flag: 'wx', mode: 0o644 });
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    }
  }

  /**
   * Takes over a stale lease: renames it aside (atomic; of two processes racing, one wins) and
   * checks that what was moved is the stale lease that was read. A fresh lease moved by mistake
   * (its owner took it over in between) is linked back.
   */
  async function takeOver(path: string, stale: string): Promise<boolean> {
    const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return create(path);
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => '');
    if (moved !== stale) {
      await link(aside, path).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      return false;
    }
    await unlink(aside).catch(() => undefined);
    return create(path);
  }

  return {
    async tryAcquire(uid) {
      ready ??= mkdir(directory, { recursive: true, mode: 0o755 });
      await ready;
      const path = pathOf(uid);
      if (await create(path)) return 'acquired';
      const held = await readFile(path, 'utf8').catch(() => null);
      if (held === null) return (await create(path)) ? 'acquired' : 'held'; // released meanwhile
      if (held === owner || ownerAlive(held)) return 'held';
      return (await takeOver(path, held)) ? 'taken-over' : 'held';
    },
    async release(uid) {
      const path = pathOf(uid);
      const held = await readFile(path, 'utf8').catch(() => null);
      if (held === owner) await unlink(path).catch(() => undefined);
    },
  };
}
