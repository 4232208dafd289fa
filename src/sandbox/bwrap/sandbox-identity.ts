import { readdir, readFile } from 'node:fs/promises';
import { createUidLeases } from './uid-lease.js';

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
  /**
   * Frees the identity. For a dedicated uid it first kills whatever still runs as that uid and
   * waits until it is gone: the PID namespace dies with bwrap, but asynchronously.
   */
  release(): Promise<void>;
}

/** Host uids runs use when InsightX runs as root: 61000–61999 unless configured. */
export interface SandboxUidRange {
  first: number;
  count: number;
}

export const DEFAULT_UID_RANGE: SandboxUidRange = { first: 61_000, count: 1_000 };

export interface SandboxIdentityPool {
  acquire(maxProcesses: number): Promise<SandboxIdentity>;
}

export interface SandboxIdentityPoolOptions {
  range?: SandboxUidRange;
  /** Lock files of the uid leases shared by every InsightX process here (see `uid-lease.ts`). */
  leaseDir?: string;
  /** The uid InsightX runs as (root → a dedicated uid per run). */
  currentUid?: number;
}

export function createSandboxIdentityPool(options: SandboxIdentityPoolOptions = {}): SandboxIdentityPool {
  const range = options.range ?? DEFAULT_UID_RANGE;
  const currentUid = 'currentUid' in options ? options.currentUid : process.getuid?.();
  const leases = createUidLeases(options.leaseDir);
  const inUse = new Set<number>();
  let next = Math.floor(Math.random() * range.count); // separate processes start at different uids

  /** The next uid of the range that neither this process nor another one holds. */
  async function leaseUid(): Promise<number> {
    for (let tried = 0; tried < range.count; tried += 1) {
      const uid = range.first + next;
      next = (next + 1) % range.count;
      if (inUse.has(uid)) continue;
      inUse.add(uid); // claimed here before the await, so concurrent acquires skip it
      const lease = await leases.tryAcquire(uid).catch((error: unknown) => {
        inUse.delete(uid);
        throw error;
      });
      if (lease === 'held') {
        inUse.delete(uid);
        continue;
      }
      // The previous holder died: whatever of its runs is left must not share this run's budget.
      if (lease === 'taken-over') await killAllOf(uid);
      return uid;
    }
    throw new Error(`all ${range.count} sandbox uids (${range.first}–${range.first + range.count - 1}) are in use by this or other InsightX processes`);
  }

  return {
    async acquire(maxProcesses) {
      if (currentUid === 0) {
        const uid = await leaseUid();
        // +2: the outer bwrap and the PID-namespace init run as this uid too.
        return {
          uid,
          gid: uid,
          processLimit: maxProcesses + 2,
          release: async () => {
            // Safe: the lease means nothing else runs as this uid.
            await killAllOf(uid);
            await leases.release(uid);
            inUse.delete(uid);
          },
        };
      }
      const existing = currentUid === undefined ? 0 : await countTasksOf(currentUid);
      return { processLimit: existing + maxProcesses + 2, release: async () => undefined };
    },
  };
}

interface OwnedProcess {
  pid: number;
  threads: number;
  zombie: boolean;
}

/** Processes whose real uid is `uid`, from /proc. */
async function processesOf(uid: number): Promise<OwnedProcess[]> {
  const owned: OwnedProcess[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      owned.push({ pid: Number(entry), threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1), zombie: /^State:\s+Z/m.test(status) });
    } catch {
      // the process ended while we looked
    }
  }
  return owned;
}

/** Tasks (threads included) owned by `uid`. */
async function countTasksOf(uid: number): Promise<number> {
  return (await processesOf(uid)).reduce((sum, owned) => sum + owned.threads, 0);
}

/** SIGKILLs every live process of a dedicated sandbox uid until none is left (at most ~2 s). */
async function killAllOf(uid: number): Promise<void> {
  for (let round = 0; round < 100; round += 1) {
    const live = (await processesOf(uid)).filter((owned) => !owned.zombie);
    if (live.length === 0) return;
    for (const { pid } of live) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
