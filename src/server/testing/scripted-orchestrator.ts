import type { Orchestrator, RunOutcome, RunRequest } from '../../agents/orchestrator.js';
import type { ResultStore } from '../../store/result-store.js';

export interface ScriptedOrchestratorOptions {
  resultStore: ResultStore;
  /** Pause between events, ms (a realistic stream arrives over time). */
  stepMs?: number;
  /** Answer text is sent in this many `text-delta` events. */
  textDeltas?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * A stand-in for the agent pipeline in server tests: emits the documented event sequence
 * (run-start, agent-start, route-decided, tool-call, sql-attempt, data-ready, tool-result,
 * text-delta…, usage, run-end) with small pauses, saves a real result, honours the abort
 * signal. Questions containing "[fail]" end with an error; "[crash]" throws (an unexpected fault).
 */
export function createScriptedOrchestrator(options: ScriptedOrchestratorOptions): Orchestrator & { calls: RunRequest[] } {
  const stepMs = options.stepMs ?? 5;
  const calls: RunRequest[] = [];
  return {
    calls,
    async run(request) {
      calls.push(request);
      const { emit, signal } = request;
      const base: RunOutcome = {
        runId: request.runId,
        status: 'completed',
        route: 'SQL_ONLY',
        sql: null,
        columns: [],
        rows: [],
        rowCount: 0,
        resultId: null,
        answer: '',
        chart: null,
        python: null,
        usage: { inputTokens: 120, outputTokens: 30, costUsd: 0, calls: 1 },
        error: null,
      };
      const step = async () => {
        await sleep(stepMs, signal);
        if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      };
      await emit({ type: 'run-start', runId: request.runId, threadId: request.threadId, question: request.question, datasource: request.datasource });
      if (request.question.includes('[crash]')) throw new Error('scripted crash with a secret detail');
      try {
        await step();
        await emit({ type: 'agent-start', agent: 'router', model: 'local:analyst' });
        await emit({ type: 'route-decided', route: 'SQL_ONLY', reason: 'a count', datasource: request.datasource });
        await step();
        if (request.question.includes('[fail]')) {
          await emit({ type: 'error', code: 'ANALYST_CANNOT_ANSWER', message: 'No column says whether a payment failed.', stage: 'sql' });
          await emit({ type: 'run-end', status: 'failed', route: 'SQL_ONLY' });
          return { ...base, status: 'failed', error: { code: 'ANALYST_CANNOT_ANSWER', message: 'No column says whether a payment failed.' } };
        }
        const sql = 'SELECT status, COUNT(*) AS payments FROM payments GROUP BY status';
        await emit({ type: 'agent-start', agent: 'sql', model: 'local:analyst' });
        await emit({ type: 'tool-call', agent: 'sql', toolCallId: 'call_1', toolName: 'run_sql', input: { sql } });
        const columns = [{ name: 'status', type: 'VARCHAR' }, { name: 'payments', type: 'BIGINT' }];
        const rows = [['failed', 42], ['succeeded', 958]];
        const result = await options.resultStore.save({ id: `res_${request.runId}`, sql, datasource: request.datasource, columns, rows, rowCount: 2, truncated: false, elapsedMs: 1 });
        await emit({ type: 'sql-attempt', attempt: 1, sql, status: 'ok' });
        await emit({ type: 'data-ready', resultId: result.id, url: `/api/data/${result.id}`, rowCount: 2, columns, size: 'small', format: 'json' });
        await emit({ type: 'tool-result', agent: 'sql', toolCallId: 'call_1', toolName: 'run_sql', ok: true, summary: '2 rows' });
        const answer = '42 payments failed out of 1,000.';
        const words = answer.split(' ');
        const perDelta = Math.ceil(words.length / (options.textDeltas ?? 4));
        await emit({ type: 'agent-start', agent: 'composer', model: 'local:analyst' });
        for (let index = 0; index < words.length; index += perDelta) {
          await step();
          await emit({ type: 'text-delta', delta: words.slice(index, index + perDelta).join(' ') + (index + perDelta < words.length ? ' ' : '') });
        }
        await emit({ type: 'usage', agent: 'composer', model: 'local:analyst', inputTokens: 120, outputTokens: 30, estimated: true, costUsd: 0 });
        await emit({ type: 'run-end', status: 'completed', route: 'SQL_ONLY' });
        return { ...base, sql, columns, rows, rowCount: 2, resultId: result.id, answer };
      } catch (error) {
        if (!signal?.aborted) throw error;
        await emit({ type: 'run-end', status: 'cancelled', route: 'SQL_ONLY' });
        return { ...base, status: 'cancelled', error: { code: 'RUN_CANCELLED', message: 'The run was cancelled.' } };
      }
    },
  };
}
