import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orchestrator } from '../../agents/orchestrator.js';
import { systemClock } from '../../core/clock.js';
import { randomIds } from '../../core/ids.js';
import { createLocalRunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';
import { openTestStore } from '../../store/testing/open-test-store.js';
import { createRunEventWriter } from './run-event-writer.js';
import { createRunService } from './run-service.js';

describe('run service and event writer', () => {
  let store: Store;
  let workspaceId: string;
  beforeAll(async () => {
    store = await openTestStore();
    workspaceId = (await store.workspaces.ensure('local')).id;
  });
  afterAll(() => store.close());

  const service = (orchestrator: Orchestrator) =>
    createRunService({
      store,
      orchestrator,
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async (_workspace, requested) => requested ?? 'sample',
    });

  it('stores the question before the orchestrator starts', async () => {
    let seenByOrchestrator: string[] = [];
    const runs = service({
      async run(request) {
        seenByOrchestrator = (await store.messages.list(workspaceId, request.threadId!)).map((message) => message.content);
        await request.emit({ type: 'run-end', status: 'completed', route: 'ANSWER' });
        return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: 'Hello.', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
      },
    });
    const thread = await store.threads.create(workspaceId, { title: 't' });
    const { runId } = await runs.start({ workspaceId, threadId: thread.id, content: 'Hi?' });
    await runs.settled(runId);
    expect(seenByOrchestrator).toEqual(['Hi?']);
  });

  it('routes the first question of a thread, tells the orchestrator why, and the thread keeps that datasource until the user switches', async () => {
    const seen: { datasource: string; reason?: string }[] = [];
    const routed: string[] = [];
    const runs = createRunService({
      store,
      orchestrator: {
        async run(request) {
          seen.push({ datasource: request.datasource, reason: request.datasourceChoice?.reason });
          await request.emit({ type: 'run-end', status: 'completed', route: 'ANSWER' });
          return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: 'ok', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
        },
      },
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async (_workspace, requested) => requested ?? 'sample',
      routeDatasource: async (_workspace, question) => {
        routed.push(question);
        return { datasource: 'loans_db', reason: 'it has table loans', scores: [{ datasource: 'loans_db', score: 3.2 }, { datasource: 'hr_db', score: 0 }] };
      },
    });
    const thread = await store.threads.create(workspaceId, { title: 'routed' });
    await runs.settled((await runs.start({ workspaceId, threadId: thread.id, content: 'How many loans defaulted?' })).runId);
    await runs.settled((await runs.start({ workspaceId, threadId: thread.id, content: 'And by year?' })).runId);
    await runs.settled((await runs.start({ workspaceId, threadId: thread.id, content: 'Salaries?', datasource: 'hr_db' })).runId);
    expect(routed).toEqual(['How many loans defaulted?']);
    expect(seen).toEqual([{ datasource: 'loans_db', reason: 'it has table loans' }, { datasource: 'loans_db', reason: undefined }, { datasource: 'hr_db', reason: undefined }]);
    expect((await store.threads.get(workspaceId, thread.id))?.datasource).toBe('hr_db');
    await runs.settled((await runs.start({ workspaceId, threadId: thread.id, content: 'And by department?' })).runId);
    expect(seen.at(-1)).toEqual({ datasource: 'hr_db', reason: undefined });
    expect(routed).toHaveLength(1);
  });

  it('marks a run left running by a crash as failed, with error and run-end events after the stored ones', async () => {
    const thread = await store.threads.create(workspaceId, { title: 'crashed' });
    await store.runs.create(workspaceId, { id: 'run_crashed', threadId: thread.id, messageId: null, question: 'q', datasource: 'sample' });
    const before = createRunEventWriter({ runId: 'run_crashed', store, bus: createLocalRunEventBus(), clock: systemClock });
    await before.emit({ type: 'run-start', runId: 'run_crashed', threadId: thread.id, question: 'q', datasource: 'sample' });
    await before.emit({ type: 'agent-start', agent: 'router', model: 'local:analyst' });

    const recovered = await service({ run: async () => Promise.reject(new Error('unused')) }).recoverInterrupted();
    expect(recovered).toContain('run_crashed');
    const run = await store.runs.get(workspaceId, 'run_crashed');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });
    const events = await store.runEvents.list('run_crashed');
    expect(events.map((event) => [event.seq, event.type])).toEqual([[0, 'run-start'], [1, 'agent-start'], [2, 'error'], [3, 'run-end']]);
  });

  it('on a shared store, fails only runs whose heartbeat stopped, and keeps its own beating', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const runs = createRunService({
      store,
      orchestrator: {
        async run(request) {
          await hold;
          await request.emit({ type: 'run-end', status: 'completed', route: 'ANSWER' });
          return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: 'ok', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
        },
      },
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async () => 'sample',
      liveness: { heartbeatMs: 20, staleAfterMs: 500 },
    });
    const thread = await store.threads.create(workspaceId, { title: 'beats' });
    const { runId: mine } = await runs.start({ workspaceId, threadId: thread.id, content: 'still going' });
    await store.runs.create(workspaceId, { id: 'run_dead_instance', threadId: thread.id, messageId: null, question: 'q', datasource: 'sample' });
    await store.db.query("UPDATE runs SET heartbeat_at = now() - interval '1 hour' WHERE id IN ($1, 'run_dead_instance')", [mine]);
    // The sweep runs every 20 ms: wait until it has failed the dead instance's run.
    for (let tries = 0; tries < 200 && (await store.runs.get(workspaceId, 'run_dead_instance'))?.status === 'running'; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await store.runs.get(workspaceId, 'run_dead_instance'))?.status).toBe('failed');
    expect((await store.runs.get(workspaceId, mine))?.status).toBe('running');
    release();
    await runs.settled(mine);
    expect((await store.runs.get(workspaceId, mine))?.status).toBe('completed');
    await runs.shutdown({ graceMs: 10 });
  });

  it('keeps seq order when emits are not awaited, and refuses an invalid event', async () => {
    await store.runs.create(workspaceId, { id: 'run_order', threadId: null, messageId: null, question: 'q', datasource: 'sample' });
    const writer = createRunEventWriter({ runId: 'run_order', store, bus: createLocalRunEventBus(), clock: systemClock });
    const pending = ['a', 'b', 'c', 'd'].map((delta) => writer.emit({ type: 'text-delta', delta }));
    await Promise.all(pending);
    await expect(writer.emit({ type: 'text-delta' } as never)).rejects.toThrow();
    await writer.emit({ type: 'run-end', status: 'completed', route: null });
    await writer.emit({ type: 'text-delta', delta: 'after the end' });
    const events = await store.runEvents.list('run_order');
    expect(events.map((event) => (event.type === 'text-delta' ? event.delta : event.type))).toEqual(['a', 'b', 'c', 'd', 'run-end']);
    expect(events.map((event) => event.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('accepts runs beyond its limit at once, says they are queued, and starts them as runs end', async () => {
    const releases: (() => void)[] = [];
    const runs = createRunService({
      store,
      orchestrator: {
        async run(request) {
          await new Promise<void>((resolve) => releases.push(resolve));
          await request.emit({ type: 'run-end', status: 'completed', route: 'ANSWER' });
          return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: request.question, chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
        },
      },
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async () => 'sample',
      maxActiveRuns: 1,
    });
    const thread = await store.threads.create(workspaceId, { title: 'queue' });
    const first = await runs.start({ workspaceId, threadId: thread.id, content: 'first' });
    const second = await runs.start({ workspaceId, threadId: thread.id, content: 'second' });
    const third = await runs.start({ workspaceId, threadId: thread.id, content: 'third' });
    const types = async (runId: string) => (await store.runEvents.list(runId)).map((event) => (event.type === 'run-start' && event.queued ? `run-start queued ${event.queued.position}` : event.type));
    // Accepted and stored before any of them ran: the first runs, the others wait in order.
    expect(await types(first.runId)).toEqual(['run-start']);
    expect(await types(second.runId)).toEqual(['run-start queued 1']);
    expect(await types(third.runId)).toEqual(['run-start queued 2']);
    for (const run of [first, second, third]) {
      while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(releases).toHaveLength(1); // one at a time
      releases.shift()!();
      await runs.settled(run.runId);
    }
    expect(await types(third.runId)).toEqual(['run-start queued 2', 'run-end']);
    expect((await store.runs.get(workspaceId, third.runId))?.status).toBe('completed');
  });

  it('ends a run cancelled while it waits as cancelled, without running it', async () => {
    let ran = 0;
    let release!: () => void;
    const runs = createRunService({
      store,
      orchestrator: {
        async run(request) {
          ran += 1;
          await new Promise<void>((resolve) => (release = resolve));
          return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: 'ok', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
        },
      },
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async () => 'sample',
      maxActiveRuns: 1,
    });
    const thread = await store.threads.create(workspaceId, { title: 'cancel queued' });
    const busy = await runs.start({ workspaceId, threadId: thread.id, content: 'busy' });
    const waiting = await runs.start({ workspaceId, threadId: thread.id, content: 'waiting' });
    expect(runs.cancel(waiting.runId)).toBe(true);
    await runs.settled(waiting.runId);
    expect((await store.runs.get(workspaceId, waiting.runId))?.status).toBe('cancelled');
    expect((await store.runEvents.list(waiting.runId)).map((event) => event.type)).toEqual(['run-start', 'run-end']);
    expect((await store.runEvents.list(waiting.runId))[0]).toMatchObject({ type: 'run-start', queued: { position: 1, activeRuns: 1 } });
    while (ran === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await runs.settled(busy.runId);
    expect(ran).toBe(1);
  });

  it('fails a run whose events cannot be stored, although the pipeline did not wait for each one', async () => {
    const failing: Store = {
      ...store,
      runEvents: {
        ...store.runEvents,
        appendMany: async (events) => {
          if (events.some((event) => event.type === 'text-delta' && event.delta === 'unstorable')) throw new Error('disk full');
          await store.runEvents.appendMany(events);
        },
      },
    };
    let emitsAfterFailure = 0;
    const runs = createRunService({
      store: failing,
      orchestrator: {
        async run(request) {
          await request.emit({ type: 'text-delta', delta: 'unstorable' });
          for (let index = 0; index < 50; index += 1) {
            await new Promise((resolve) => setTimeout(resolve, 2));
            await request.emit({ type: 'text-delta', delta: 'more' });
            emitsAfterFailure += 1;
          }
          return { runId: request.runId, status: 'completed', route: 'ANSWER', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: 'never stored', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
        },
      },
      bus: createLocalRunEventBus(),
      ids: randomIds,
      clock: systemClock,
      resolveDatasource: async () => 'sample',
    });
    const thread = await store.threads.create(workspaceId, { title: 'unstorable' });
    const { runId } = await runs.start({ workspaceId, threadId: thread.id, content: 'q' });
    await runs.settled(runId);
    expect((await store.runs.get(workspaceId, runId))?.status).toBe('failed');
    expect(emitsAfterFailure).toBeLessThan(50); // the pipeline was stopped at a later event
    expect((await store.runEvents.list(runId)).map((event) => event.type)).toEqual(['run-start', 'error', 'run-end']);
  });

  it('refuses new runs once shutting down', async () => {
    const runs = service({ run: async () => Promise.reject(new Error('unused')) });
    await runs.shutdown({ graceMs: 10 });
    const thread = await store.threads.create(workspaceId, { title: 'late' });
    await expect(runs.start({ workspaceId, threadId: thread.id, content: 'q' })).rejects.toMatchObject({ code: 'SERVER_SHUTTING_DOWN' });
  });
});
