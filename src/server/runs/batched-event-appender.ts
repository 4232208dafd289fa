import type { RunEvent } from '../../core/events.js';

/** Stores events; resolves once they are stored. */
export type AppendEvents = (events: readonly RunEvent[]) => Promise<void>;

/** Events written in one INSERT at most. */
const MAX_ROWS = 500;

interface Waiting {
  events: readonly RunEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One INSERT for the events of many runs: while a write is in flight, the next calls queue
 * and go together. With a hundred runs each waiting on its own event, that is one statement
 * instead of a hundred (the embedded store runs one statement at a time). Each run's writer
 * sends its next events only after the previous ones are stored, so order within a run holds.
 * When a combined write fails, each caller's events are retried alone, so one bad event
 * fails only its own run.
 */
export function createBatchedEventAppender(append: AppendEvents): AppendEvents {
  const queue: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    for (;;) {
      if (queue.length === 0) {
        writing = false;
        return;
      }
      const batch: Waiting[] = [];
      let rows = 0;
      while (queue.length > 0 && (batch.length === 0 || rows + queue[0].events.length <= MAX_ROWS)) {
        const next = queue.shift()!;
        batch.push(next);
        rows += next.events.length;
      }
      try {
        await append(batch.flatMap((waiting) => waiting.events));
        for (const waiting of batch) waiting.resolve();
      } catch {
        for (const waiting of batch) await append(waiting.events).then(waiting.resolve, waiting.reject);
      }
    }
  }

  return (events) => {
    const stored = new Promise<void>((resolve, reject) => queue.push({ events, resolve, reject }));
    if (!writing) {
      writing = true;
      void drain();
    }
    return stored;
  };
}
