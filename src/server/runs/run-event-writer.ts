import { RunEventPayload, type RunEvent } from '../../core/events.js';
import type { Clock } from '../../core/clock.js';
import type { RunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';

export interface RunEventWriter {
  /** Numbers, validates and stores the event, then fans it out; resolves once stored. */
  emit(payload: RunEventPayload): Promise<void>;
  /** True once a `run-end` was written. */
  readonly ended: boolean;
  /** The seq of the last event written (-1 before the first). */
  readonly lastSeq: number;
  /** Resolves when every emit so far has been stored and published. */
  flush(): Promise<void>;
}

/**
 * The per-run event writer (ARCHITECTURE §4): the only path from a run to its subscribers.
 * Emits are chained so seq order is storage order even when a caller does not await; each
 * event is stored with its seq before any subscriber sees it, so a reconnecting client can
 * always replay what it missed. Events after `run-end` are dropped (a run ends once).
 */
export function createRunEventWriter(options: {
  runId: string;
  store: Pick<Store, 'runEvents' | 'results'>;
  bus: RunEventBus;
  clock: Clock;
  /** Continue after an existing seq (crash recovery appends to a stored run). */
  afterSeq?: number;
  /** Called with each stored event (the run service claims results on `data-ready`). */
  onStored?: (event: RunEvent) => Promise<void>;
}): RunEventWriter {
  let seq = options.afterSeq ?? -1;
  let ended = false;
  let chain: Promise<void> = Promise.resolve();

  const write = async (payload: RunEventPayload): Promise<void> => {
    if (ended) return;
    const parsed = RunEventPayload.parse(payload);
    // The seq advances only once stored: a failed write leaves no gap in the stream.
    const event = { ...parsed, runId: options.runId, seq: seq + 1, at: options.clock.now().toISOString() } as RunEvent;
    await options.store.runEvents.append(event);
    seq = event.seq;
    if (parsed.type === 'run-end') ended = true;
    await options.onStored?.(event);
    options.bus.publish(event);
  };

  return {
    emit(payload) {
      const next = chain.then(() => write(payload));
      // The chain survives a failed write; the caller still sees the failure.
      chain = next.catch(() => undefined);
      return next;
    },
    get ended() {
      return ended;
    },
    get lastSeq() {
      return seq;
    },
    flush: () => chain,
  };
}
