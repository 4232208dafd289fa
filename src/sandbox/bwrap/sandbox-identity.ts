import { readdir, readFile } from 'node:fs/promises';

/**
 * Which host uid a run uses, and the RLIMIT_NPROC value that gives it `maxProcesses`.
 *
 * RLIMIT_NPROC counts every task (process or thread) of the host uid, and root ignores it. So:
 * - as root, each run is started as its own unused uid (from a range) — the count starts at 0
 *   and concurrent runs do not share a budget;
 * - as an ordinary user, the run shares the user's uid, so the limit is the tasks that uid
 *   already has plus `maxProcesses` (approximate: the count moves while the run starts).
 */
export interface SandboxIdentity {
  /** Host uid/gid to start the sandbox as; undefined means "as this process". */
  uid?: number;
  gid?: number;
  processLimit: number;
  release(): void;
}

const POOL_START = 61_000;
const POOL_SIZE = 1_000;

export interface SandboxIdentityPool {
  acquire(maxProcesses: number): Promise<SandboxIdentity>;
}

export function createSandboxIdentityPool(currentUid: number | undefined = process.getuid?.()): SandboxIdentityPool {
  const inUse = new Set<number>();
  let next = Math.floor(Math.random() * POOL_SIZE); // separate processes start at different uids
  return {
    async acquire(maxProcesses) {
      if (currentUid === 0) {
        while (inUse.has(POOL_START + next)) next = (next + 1) % POOL_SIZE;
        const uid = POOL_START + next;
        next = (next + 1) % POOL_SIZE;
        inUse.add(uid);
        // +2: the outer bwrap and the PID-namespace init run as this uid too.
        return { uid, gid: uid, processLimit: maxProcesses + 2, release: () => inUse.delete(uid) };
      }
      const existing = currentUid === undefined ? 0 : await countTasksOf(currentUid);
      return { processLimit: existing + maxProcesses + 2, release: () => undefined };
    },
  };
}

/** Tasks (threads included) owned by `uid`, from /proc. */
async function countTasksOf(uid: number): Promise<number> {
  let count = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      const realUid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      const threads = /^Threads:\s+(\d+)/m.exec(status)?.[1];
      if (realUid !== undefined && Number(realUid) === uid) count += Number(threads ?? 1);
    } catch {
      // the process ended while we looked
    }
  }
  return count;
}
