import type { SequencedEvent } from '../state/run-reducer.js';
import { toApiError } from './api-error.js';
import { readRunStream } from './read-run-stream.js';

export interface FollowRunOptions {
  /** Opens the first stream: the POST that starts the run, or a GET of its events. */
  open: () => Promise<Response>;
  /** Re-opens the stream after a drop, replaying events after `lastSeq` (`Last-Event-ID`). */
  resume: (runId: string, lastSeq: number, signal: AbortSignal) => Promise<Response>;
  onEvent: (event: SequencedEvent) => void;
  /** Told when the connection dropped and a resume is being tried (for a "Reconnecting…" hint). */
  onReconnecting?: (attempt: number) => void;
  signal: AbortSignal;
  /** The run id when it is known before the first event (following an existing run). */
  runId?: string;
  /** The last sequence number already applied (following an existing run). */
  lastSeq?: number;
  maxAttempts?: number;
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Follows a run's event stream to `run-end`, resuming with `Last-Event-ID` whenever the
 * connection drops. Events are handed over with their sequence number; the caller's reducer
 * ignores any it already applied, so an overlapping replay duplicates nothing.
 * Resolves once `run-end` arrived (or the signal aborted); rejects when resuming keeps failing.
 */
export async function followRun(options: FollowRunOptions): Promise<void> {
  const { signal, maxAttempts = 8, delay = wait } = options;
  let runId = options.runId ?? null;
  let lastSeq = options.lastSeq ?? -1;
  const onEvent = (event: SequencedEvent) => {
    if (event.type === 'run-start') runId = event.runId;
    if (event.seq > lastSeq) lastSeq = event.seq;
    options.onEvent(event);
  };
  let attempt = 0;
  let open = options.open;
  for (;;) {
    let ended = false;
    let failure: unknown = null;
    try {
      const response = await open();
      if (!response.ok || !response.body) throw await toApiError(response);
      attempt = 0;
      ended = await readRunStream(response.body, onEvent, signal);
    } catch (error) {
      failure = error;
    }
    if (ended || signal.aborted) return;
    // An HTTP error before any event (bad input, unknown thread) is not a dropped connection.
    if (runId === null) throw failure ?? new Error('The server closed the stream before the run started.');
    if (failure && typeof failure === 'object' && 'status' in failure && (failure as { status: number }).status < 500 && (failure as { status: number }).status !== 408) throw failure;
    attempt += 1;
    if (attempt > maxAttempts) throw failure ?? new Error('The connection to the run was lost.');
    options.onReconnecting?.(attempt);
    await delay(Math.min(250 * 2 ** (attempt - 1), 4000), signal);
    if (signal.aborted) return;
    const id = runId;
    const seq = lastSeq;
    open = () => options.resume(id, seq, signal);
  }
}
