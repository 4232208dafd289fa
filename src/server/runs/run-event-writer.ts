import { RunEventPayload, type RunEvent } from '../../core/events.js';
import type { Clock } from '../../core/clock.js';
import type { RunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';

export interface RunEventWriter {
  /** Validates, numbers and stores the event, then fans it out; resolves once stored. */
  emit(payload: RunEventPayload): Promise<void>;
  /** True once a `run-end` was written. */
  readonly ended: boolean;
  /** The seq of the last event written (-1 before the first). */
  readonly lastSeq: number;
  /** Resolves when every emit so far has been stored and published. */
  flush(): Promise<void>;
}

/** Events stored in one INSERT at most (bursts of deltas arrive while a write is in flight). */
const MAX_BATCH = 200;

interface Pending {
  payload: RunEventPayload;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The per-run event writer (ARCHITECTURE §4): the only path from a run to its subscribers.
 * Events are numbered in emit order and stored before any subscriber sees them, so a
 * reconnecting client can always replay what it missed. While one write is in flight the
 * next events queue up and go to the store together in one INSERT (a run emits bursts of
 * deltas; under load this keeps the store's queue short). A failed write rejects its events'
 * emits and leaves no gap in the seqs. Events after `run-end` are dropped (a run ends once).
 */
export function createRunEventWriter(options: {
  runId: string;
  store: Pick<Store, 'runEvents'>;
  /** How events reach the store (the run service shares one batching appender); default: the store's. */
  append?: (events: readonly RunEvent[]) => Promise<void>;
  bus: RunEventBus;
  clock: Clock;
  /** Continue after an existing seq (crash recovery appends to a stored run). */
  afterSeq?: number;
  /** Called with each stored event before it is published (the run service claims results). */
  onStored?: (event: RunEvent) => Promise<void>;
}): RunEventWriter {
  let seq = options.afterSeq ?? -1;
  let ended = false;
  let endQueued = false;
  const pending: Pending[] = [];
  let writing: Promise<void> | null = null;
  const append = options.append ?? ((events: readonly RunEvent[]) => options.store.runEvents.appendMany(events));

  // `writing` is cleared in the same synchronous step that finds the queue empty, so an emit
  // arriving after that always starts a new drain (none is left waiting in the queue).
  async function drain(): Promise<void> {
    for (;;) {
      if (pending.length === 0) {
        writing = null;
        return;
      }
      const batch = pending.splice(0, MAX_BATCH);
      const at = options.clock.now().toISOString();
      const events = batch.map((item, index) => ({ ...item.payload, runId: options.runId, seq: seq + 1 + index, at }) as RunEvent);
      try {
        await append(events);
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      seq += events.length;
      for (const [index, event] of events.entries()) {
        // The event is stored: a failing hook must not hold it back from subscribers.
        await options.onStored?.(event).catch(() => undefined);
        if (event.type === 'run-end') ended = true;
        options.bus.publish(event);
        batch[index].resolve();
      }
    }
  }

  return {
    emit(payload) {
      let parsed: RunEventPayload;
      try {
        parsed = RunEventPayload.parse(payload);
      } catch (error) {
        return Promise.reject(error);
      }
      if (endQueued) return Promise.resolve();
      if (parsed.type === 'run-end') endQueued = true;
      const stored = new Promise<void>((resolve, reject) => pending.push({ payload: parsed, resolve, reject }));
      writing ??= drain();
      return stored;
    },
    get ended() {
      return ended;
    },
    get lastSeq() {
      return seq;
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
