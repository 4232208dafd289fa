import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import type { RunEventsRepository } from './repositories/run-events-repository.js';
import { createLocalRunEventBus, type RunEventBus } from './run-event-bus.js';

const CHANNEL = 'insightx_run_events';

/**
 * A run event bus across server instances sharing one PostgreSQL store (ARCHITECTURE §7):
 * local subscribers get events directly; each publish also sends `NOTIFY` with the run id
 * and seq (not the event: NOTIFY payloads are capped at 8000 bytes), and other instances
 * read the new events from the store for their own subscribers.
 */
export async function createNotifyRunEventBus(db: Db, runEvents: RunEventsRepository): Promise<RunEventBus> {
  const instance = randomUUID();
  const local = createLocalRunEventBus();
  const watched = new Map<string, { subscribers: number; lastSeq: number; reading: Promise<void> }>();

  const stopListening = await db.listen(CHANNEL, (payload) => {
    const [from, runId] = payload.split(' ');
    const watch = watched.get(runId);
    if (from === instance || !watch) return;
    // Reads are chained per run so events reach subscribers in order, each once.
    watch.reading = watch.reading.then(async () => {
      const events = await runEvents.list(runId, watch.lastSeq).catch(() => []);
      for (const event of events) {
        watch.lastSeq = Math.max(watch.lastSeq, event.seq);
        local.publish(event);
      }
    });
  });

  return {
    publish(event) {
      local.publish(event);
      void db.notify(CHANNEL, `${instance} ${event.runId} ${event.seq}`).catch(() => undefined);
    },
    subscribe(runId, listener) {
      const watch = watched.get(runId) ?? { subscribers: 0, lastSeq: -1, reading: Promise.resolve() };
      watch.subscribers += 1;
      watched.set(runId, watch);
      const unsubscribe = local.subscribe(runId, (event) => {
        watch.lastSeq = Math.max(watch.lastSeq, event.seq);
        listener(event);
      });
      return () => {
        unsubscribe();
        watch.subscribers -= 1;
        if (watch.subscribers === 0) watched.delete(runId);
      };
    },
    async close() {
      await stopListening();
      await local.close();
    },
  };
}
