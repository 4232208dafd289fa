import { availableParallelism } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Orchestrator, RunOutcome } from '../../agents/orchestrator.js';
import { AppError, toAppError } from '../../core/app-error.js';
import type { Clock } from '../../core/clock.js';
import type { RunEvent, RunEventPayload } from '../../core/events.js';
import type { IdGenerator } from '../../core/ids.js';
import type { RunEventBus } from '../../store/run-event-bus.js';
import type { Store } from '../../store/store.js';
import { priorTurns } from './prior-turns.js';
import { createBatchedEventAppender } from './batched-event-appender.js';
import { createRunEventWriter } from './run-event-writer.js';
import { createRunSlots } from './run-slots.js';

export interface StartRunInput {
  workspaceId: string;
  threadId: string;
  content: string;
  /** Datasource name; defaults to the thread's, then the configured default. */
  datasource?: string;
}

export interface StartedRun {
  runId: string;
  threadId: string;
  messageId: string;
}

/** What `start` returns: the run, and its first events (stored with it) for the caller's stream. */
export interface AcceptedRun extends StartedRun {
  firstEvents: readonly RunEvent[];
}

/** Runs in progress in this process: start, cancel, recover after a crash, drain on shutdown. */
export interface RunService {
  start(input: StartRunInput): Promise<AcceptedRun>;
  /** Asks a running run to stop; false when it is not running in this process. */
  cancel(runId: string): boolean;
  /**
   * Marks runs left "running" by a crash as failed (error RUN_INTERRUPTED + run-end): all of
   * them, or with `staleAfterMs` only those whose heartbeat is older (a shared store).
   */
  recoverInterrupted(options?: { staleAfterMs?: number }): Promise<string[]>;
  /** Refuses new runs, lets running ones finish for `graceMs`, then cancels the rest. */
  shutdown(options?: { graceMs?: number }): Promise<void>;
  /** Resolves when the given run (if running here) has ended and its events are stored. */
  settled(runId: string): Promise<void>;
  readonly activeCount: number;
}

/** Why a run's datasource was chosen among several; `split`: the question needs two, answered with `split.answer` and nothing run. */
export interface DatasourceChoice {
  datasource: string;
  reason: string;
  scores: { datasource: string; score: number }[];
  split?: { answer: string };
}

export interface RunServiceDeps {
  store: Store;
  orchestrator: Orchestrator;
  bus: RunEventBus;
  ids: IdGenerator;
  clock: Clock;
  /** Which datasource a run uses: the requested name, the thread's, or the default. */
  resolveDatasource(workspaceId: string, requested: string | null): Promise<string>;
  /**
   * For a thread with no datasource yet and none requested: the datasource whose Data DNA covers
   * the question best among the workspace's own (null: use the default). The thread keeps it.
   */
  routeDatasource?(workspaceId: string, question: string): Promise<DatasourceChoice | null>;
  logger?: FastifyBaseLogger;
  /**
   * For a store shared by several instances (PostgreSQL): beat for the runs running here every
   * `heartbeatMs`, and every `heartbeatMs` fail runs whose heartbeat is older than `staleAfterMs`
   * (their instance died). Without it, recovery happens only when `recoverInterrupted` is called.
   */
  liveness?: { heartbeatMs: number; staleAfterMs: number };
  /**
   * Runs that execute at once; later ones are accepted at once (stored, `run-start`) and wait in
   * order, told so by `run-start.queued`. Bounds the work competing with accepting and streaming
   * (the embedded store and the analyst share the server's thread). Default `defaultMaxActiveRuns()`.
   */
  maxActiveRuns?: number;
}

/** Enough runs at once to keep the cores busy while some wait on DuckDB or a Python sandbox. */
export function defaultMaxActiveRuns(cores: number = availableParallelism()): number {
  return Math.max(4, cores * 4);
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Durable runs (issue: "runs are durable"): the user message and the run row are stored
 * before the orchestrator starts; every event goes through the run's event writer; the
 * orchestrator's own `run-end` is held back until the answer message and the run status
 * are stored, so a client that sees `run-end` can read the finished thread. A client that
 * disconnects does not stop the run; only `cancel` (or shutdown) does.
 */
export function createRunService(deps: RunServiceDeps): RunService {
  const active = new Map<string, ActiveRun>();
  let closing = false;
  const append = createBatchedEventAppender((events) => deps.store.runEvents.appendMany(events));
  const slots = createRunSlots(deps.maxActiveRuns ?? defaultMaxActiveRuns());
  const liveness = deps.liveness;
  const maintenance = liveness
    ? setInterval(() => {
        void deps.store.runs
          .heartbeat([...active.keys()])
          .then(() => service.recoverInterrupted({ staleAfterMs: liveness.staleAfterMs }))
          .catch((error: unknown) => deps.logger?.error({ err: error }, 'run heartbeat or recovery failed'));
      }, liveness.heartbeatMs)
    : undefined;
  maintenance?.unref();

  async function execute(workspaceId: string, started: StartedRun, question: string, datasource: string, controller: AbortController, firstEvents: readonly RunEvent[], datasourceChoice?: DatasourceChoice) {
    const { store } = deps;
    const writer = createRunEventWriter({
      runId: started.runId,
      store,
      append,
      bus: deps.bus,
      clock: deps.clock,
      afterSeq: firstEvents.at(-1)!.seq,
      onStored: async (event) => {
        if (event.type === 'data-ready') await store.results.claim(event.resultId, workspaceId, started.runId);
      },
    });
    let heldEnd: Extract<RunEventPayload, { type: 'run-end' }> | null = null;
    // run-start was stored with the run itself: the orchestrator's own
    // run-start (the same facts) is not repeated.
    // The pipeline does not wait for each event to be stored: the writer numbers events in emit
    // order and stores what piles up during one write in the next INSERT, so a burst of deltas
    // costs one statement instead of one each (with the embedded store, a statement per event
    // was most of a run's CPU time). A failed write stops the run at its next event.
    let writeFailure: unknown = null;
    const emit = async (payload: RunEventPayload) => {
      if (writeFailure !== null) throw writeFailure;
      if (payload.type === 'run-start') return;
      if (payload.type === 'run-end') heldEnd ??= payload;
      else
        writer.emit(payload).catch((error: unknown) => {
          writeFailure ??= error;
        });
    };
    let outcome: RunOutcome | null = null;
    let failure: AppError | null = null;
    try {
      await slots.whenRunning(started.runId, controller.signal);
      const history = priorTurns((await store.messages.list(workspaceId, started.threadId)).filter((message) => message.id !== started.messageId));
      const split = datasourceChoice?.split;
      if (split && datasourceChoice) outcome = await answerSplit(started.runId, datasourceChoice, split.answer, emit);
      else
        outcome = await deps.orchestrator.run({
        runId: started.runId,
        threadId: started.threadId,
        question,
        datasource,
        ...(datasourceChoice ? { datasourceChoice: { reason: datasourceChoice.reason, scores: datasourceChoice.scores } } : {}),
        workspaceId,
        history,
        signal: controller.signal,
        emit,
      });
    } catch (error) {
      failure = toAppError(error);
      if (failure.code === 'INTERNAL') deps.logger?.error({ err: error, runId: started.runId }, 'run failed unexpectedly');
    }
    await writer.flush();
    if (writeFailure !== null && !failure) {
      failure = toAppError(writeFailure);
      outcome = null;
      deps.logger?.error({ err: writeFailure, runId: started.runId }, 'could not store an event of a run');
    }
    const status = outcome?.status ?? (controller.signal.aborted ? 'cancelled' : 'failed');
    const error = outcome?.error ?? (failure && status === 'failed' ? publicError(failure) : null);
    try {
      if (failure && status === 'failed') await writer.emit({ type: 'error', code: error!.code, message: error!.message, stage: 'run' });
      await store.transaction(async (tx) => {
        await tx.messages.create(workspaceId, {
          threadId: started.threadId,
          role: 'assistant',
          content: outcome?.answer ?? '',
          runId: started.runId,
          details: {
            status,
            route: outcome?.route ?? null,
            sql: outcome?.sql ?? null,
            resultId: outcome?.resultId ?? null,
            chart: outcome?.chart ?? null,
            datasource,
            error,
          },
        });
        await tx.runs.finish(started.runId, { status, route: outcome?.route ?? null, error });
        await tx.threads.touch(started.threadId);
      });
      await writer.emit(heldEnd ?? { type: 'run-end', status, route: outcome?.route ?? null });
    } catch (storeError) {
      deps.logger?.error({ err: storeError, runId: started.runId }, 'could not store the end of a run');
      await writer.emit({ type: 'run-end', status: 'failed', route: null }).catch(() => undefined);
    }
  }

  const service: RunService = {
    async start(input) {
      if (closing) throw new AppError('SERVER_SHUTTING_DOWN', 'The server is shutting down; ask again in a moment.');
      const question = input.content.trim();
      if (question === '') throw new AppError('INPUT_EMPTY_QUESTION', 'The question is empty: send {"content": "How many payments failed?"}.');
      const thread = await deps.store.threads.get(input.workspaceId, input.threadId);
      if (!thread) throw new AppError('NOT_FOUND', `No thread ${input.threadId}.`);
      let requested = input.datasource ?? thread.datasource;
      let datasourceChoice: DatasourceChoice | undefined;
      if (requested === null && deps.routeDatasource) {
        // The first question of a thread picks its datasource; the thread keeps it until the user switches.
        const routed = await deps.routeDatasource(input.workspaceId, question);
        if (routed) {
          requested = routed.datasource;
          datasourceChoice = routed;
          // A question that needs two datasources picks none for the thread: its next question routes afresh.
          if (!routed.split) await deps.store.threads.update(input.workspaceId, thread.id, { datasource: routed.datasource });
        }
      }
      const datasource = await deps.resolveDatasource(input.workspaceId, requested);
      // Naming a datasource is the user's explicit switch: the thread keeps the new one.
      if (input.datasource && input.datasource !== thread.datasource) await deps.store.threads.update(input.workspaceId, thread.id, { datasource: input.datasource });
      const runId = deps.ids('run');
      // The client's first event is stored with the run, in the same transaction: acceptance
      // costs one store round trip, and never waits for the pipeline or for other runs' events.
      // A run that has to wait for a slot says so in it (`queued`).
      const position = slots.enter(runId);
      const at = deps.clock.now().toISOString();
      const queued = position > 0 ? { queued: { position, activeRuns: slots.active } } : {};
      const firstEvents: RunEvent[] = [{ type: 'run-start', runId, threadId: thread.id, question, datasource, ...queued, seq: 0, at }];
      let started: StartedRun;
      try {
        started = await deps.store.transaction(async (tx) => {
          const message = await tx.messages.create(input.workspaceId, { threadId: thread.id, role: 'user', content: question, runId });
          await tx.runs.create(input.workspaceId, { id: runId, threadId: thread.id, messageId: message.id, question, datasource });
          // A datasource named with the question is an explicit switch: the thread keeps it for its
          // next questions (a client that does not send one, e.g. after a page reload, gets it back).
          if (input.datasource && input.datasource !== thread.datasource) await tx.threads.update(input.workspaceId, thread.id, { datasource: input.datasource });
          else await tx.threads.touch(thread.id);
          await tx.runEvents.appendMany(firstEvents);
          return { runId, threadId: thread.id, messageId: message.id };
        });
      } catch (error) {
        slots.leave(runId);
        throw error;
      }
      for (const event of firstEvents) deps.bus.publish(event);
      const controller = new AbortController();
      const done = execute(input.workspaceId, started, question, datasource, controller, firstEvents, datasourceChoice).finally(() => {
        slots.leave(runId);
        active.delete(runId);
      });
      active.set(runId, { controller, done });
      return { ...started, firstEvents };
    },
    cancel(runId) {
      const run = active.get(runId);
      if (!run) return false;
      run.controller.abort(new AppError('RUN_CANCELLED', 'The run was cancelled.'));
      return true;
    },
    async recoverInterrupted(options = {}) {
      const interrupted = (await deps.store.runs.listRunning(options)).filter((run) => !active.has(run.id));
      const recovered: string[] = [];
      for (const run of interrupted) {
        const writer = createRunEventWriter({ runId: run.id, store: deps.store, bus: deps.bus, clock: deps.clock, afterSeq: run.lastSeq });
        const error = { code: 'RUN_INTERRUPTED', message: 'The server stopped while this run was in progress. Ask again.' };
        try {
          // Two instances may sweep the same run: the (run_id, seq) key lets only one append.
          await writer.emit({ type: 'error', ...error, stage: 'server' });
          if (!(await deps.store.runs.finish(run.id, { status: 'failed', route: null, error }))) continue;
          await writer.emit({ type: 'run-end', status: 'failed', route: null });
          recovered.push(run.id);
        } catch (failure) {
          deps.logger?.warn({ err: failure, runId: run.id }, 'could not mark an interrupted run as failed (another instance may have)');
        }
      }
      return recovered;
    },
    async shutdown(options = {}) {
      closing = true;
      if (maintenance) clearInterval(maintenance);
      const all = () => Promise.all([...active.values()].map((run) => run.done));
      const graceful = await Promise.race([all().then(() => true), delay(options.graceMs ?? 10_000).then(() => false)]);
      if (!graceful) {
        for (const run of active.values()) run.controller.abort(new AppError('RUN_CANCELLED', 'The server is shutting down.'));
        await Promise.race([all(), delay(5_000)]);
      }
    },
    async settled(runId) {
      await active.get(runId)?.done;
    },
    get activeCount() {
      return active.size;
    },
  };
  return service;
}

/**
 * A question that needs two datasources: the run says which part lives where (route-decided
 * CLARIFY with the split reason, then the answer as text), runs no SQL and gives no number.
 */
async function answerSplit(runId: string, choice: DatasourceChoice, answer: string, emit: (payload: RunEventPayload) => Promise<void>): Promise<RunOutcome> {
  await emit({ type: 'route-decided', route: 'CLARIFY', reason: choice.reason, datasource: choice.datasource, datasourceReason: choice.reason, datasourceScores: choice.scores });
  await emit({ type: 'text-delta', delta: answer });
  await emit({ type: 'run-end', status: 'completed', route: 'CLARIFY' });
  return { runId, status: 'completed', route: 'CLARIFY', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer, chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null };
}

/** What a client may see of an unexpected failure: the code, and a generic message for INTERNAL. */
function publicError(error: AppError): { code: string; message: string } {
  return error.code === 'INTERNAL'
    ? { code: 'INTERNAL', message: 'An unexpected error stopped the run; the details are in the server log.' }
    : { code: error.code, message: error.message };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
