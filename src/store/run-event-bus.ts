import type { RunEvent } from '../core/events.js';

export type RunEventListener = (event: RunEvent) => void;

/**
 * Fan-out of stored run events to live subscribers (SSE streams). Events are published only
 * after they are stored, so a subscriber that misses one can always replay it from the store.
 * In-process by default; `createNotifyRunEventBus` spans instances through LISTEN/NOTIFY.
 */
export interface RunEventBus {
  publish(event: RunEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(runId: string, listener: RunEventListener): () => void;
  close(): Promise<void>;
}

/** Subscribers in this process only. */
export function createLocalRunEventBus(): RunEventBus {
  const listeners = new Map<string, Set<RunEventListener>>();
  return {
    publish(event) {
      for (const listener of listeners.get(event.runId) ?? []) {
        // One broken subscriber must not stop the others (or the run).
        try {
          listener(event);
        } catch {
          /* the subscriber's own error handling reports it */
        }
      }
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) listeners.set(runId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
