import { AppError } from '../../core/app-error.js';

/**
 * At most `limit` runs execute at once; the others wait in arrival order. A run takes its place
 * when it is accepted (`enter`, synchronous), so what the client is told then — running, or
 * queued at position N — is what happens.
 */
export interface RunSlots {
  /** Places the run: 0 when it holds a slot now, else its position in the queue (1 = next). */
  enter(runId: string): number;
  /** Resolves once the run holds a slot; rejects with RUN_CANCELLED when `signal` aborts first. */
  whenRunning(runId: string, signal: AbortSignal): Promise<void>;
  /** Frees the run's slot (handing it to the next in line), or takes it out of the queue. */
  leave(runId: string): void;
  /** Runs holding a slot. */
  readonly active: number;
  /** Runs waiting for one. */
  readonly waiting: number;
}

export function createRunSlots(limit: number): RunSlots {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`maxActiveRuns must be a positive integer, got ${limit}`);
  const holders = new Set<string>();
  const queue: string[] = [];
  const wakers = new Map<string, () => void>();

  function promote(): void {
    while (holders.size < limit && queue.length > 0) {
      const next = queue.shift()!;
      holders.add(next);
      wakers.get(next)?.();
      wakers.delete(next);
    }
  }

  return {
    enter(runId) {
      if (holders.size < limit && queue.length === 0) {
        holders.add(runId);
        return 0;
      }
      queue.push(runId);
      return queue.length;
    },
    whenRunning(runId, signal) {
      if (holders.has(runId)) return Promise.resolve();
      if (!queue.includes(runId)) return Promise.reject(new Error(`run ${runId} has no place: call enter first`));
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          wakers.delete(runId);
          const index = queue.indexOf(runId);
          if (index >= 0) queue.splice(index, 1);
          reject(new AppError('RUN_CANCELLED', 'The run was cancelled while it waited to start.'));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        wakers.set(runId, () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
    leave(runId) {
      if (holders.delete(runId)) promote();
      const index = queue.indexOf(runId);
      if (index >= 0) queue.splice(index, 1);
      wakers.delete(runId);
    },
    get active() {
      return holders.size;
    },
    get waiting() {
      return queue.length;
    },
  };
}
