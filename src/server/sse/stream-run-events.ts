import type { FastifyReply } from 'fastify';
import type { RunEvent } from '../../core/events.js';
import type { RunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';
import { formatSseEvent } from './format-sse-event.js';

/** Keeps idle connections (proxies, load balancers) from timing out during a long step. */
const HEARTBEAT_MS = 15_000;

export interface StreamRunEventsOptions {
  store: Store;
  bus: RunEventBus;
  runId: string;
  /** Send events after this seq (`Last-Event-ID`); -1 sends all. */
  afterSeq: number;
  /** Extra response headers (e.g. `x-run-id`). */
  headers?: Record<string, string>;
  /**
   * Events already stored that the caller has at hand (a new run's `run-start`): sent at once,
   * before the store is read, so the first event does not wait behind other runs' statements.
   */
  initialEvents?: readonly RunEvent[];
}

/**
 * Streams a run's events as SSE: replays the stored events after `afterSeq`, then tails
 * live ones until `run-end`. It subscribes before reading the store, and every event goes
 * through one ordered queue that skips seqs already sent and fills gaps from the store, so
 * a reconnecting client gets each event exactly once. Closing the connection only
 * unsubscribes: the run goes on.
 */
export function streamRunEvents(reply: FastifyReply, options: StreamRunEventsOptions): Promise<void> {
  const { store, bus, runId } = options;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  raw.write(': stream start\n\n');

  let lastSent = options.afterSeq;
  let finished = false;
  let queue: Promise<void> = Promise.resolve();

  return new Promise<void>((resolve) => {
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      unsubscribe();
      if (!raw.writableEnded) raw.end();
      resolve();
    };

    const send = (event: RunEvent) => {
      if (finished || event.seq <= lastSent) return;
      raw.write(formatSseEvent(event));
      lastSent = event.seq;
      if (event.type === 'run-end') finish();
    };

    /** Sends everything stored up to `upTo` (or all) that has not been sent. */
    const catchUp = async (upTo = Number.POSITIVE_INFINITY) => {
      for (const event of await store.runEvents.list(runId, lastSent)) {
        if (event.seq > upTo) break;
        send(event);
      }
    };

    const enqueue = (step: () => Promise<void> | void) => {
      queue = queue.then(step).catch((error: unknown) => {
        reply.log.error({ err: error, runId }, 'SSE stream failed');
        finish();
      });
    };

    const unsubscribe = bus.subscribe(runId, (event) =>
      enqueue(async () => {
        if (event.seq > lastSent + 1) await catchUp(event.seq - 1);
        send(event);
      }),
    );
    raw.on('close', finish);
    for (const event of options.initialEvents ?? []) send(event);

    enqueue(async () => {
      await catchUp();
      // A run that ended without a stored run-end (should not happen) must not hold the stream open.
      const run = await store.db.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [runId]);
      if (run.rows[0]?.status !== 'running') {
        await catchUp();
        finish();
      }
    });
  });
}
