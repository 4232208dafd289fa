import { RunEvent } from '../../core/events.js';
import type { SqlParam } from '../db.js';
import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

interface EventRow { run_id: string; seq: number; payload: Record<string, unknown>; at: Date }

const toEvent = (row: EventRow): RunEvent => RunEvent.parse({ ...row.payload, runId: row.run_id, seq: row.seq, at: toIso(row.at) });

export interface UsageTotal {
  agent: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  calls: number;
  estimated: boolean;
}

/** The sequenced events of runs: appended once, read back for replay. */
export function createRunEventsRepository({ db }: RepositoryContext) {
  /**
   * The (run_id, seq) key makes a repeated seq fail instead of silently forking the stream.
   * One INSERT per batch: it is the hot path of every run.
   */
  const appendMany = async (events: readonly RunEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const params: SqlParam[] = [];
    const rows = events.map((event) => {
      const { runId, seq, at, ...payload } = event;
      params.push(runId, seq, payload.type, payload, new Date(at));
      const base = params.length - 5;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}::jsonb, $${base + 5})`;
    });
    await db.query(`INSERT INTO run_events (run_id, seq, type, payload, at) VALUES ${rows.join(', ')}`, params);
  };
  return {
    /** Stores one event. */
    async append(event: RunEvent): Promise<void> {
      await appendMany([event]);
    },
    /** Stores several events in one statement (the event writer batches bursts of deltas). */
    appendMany,
    /** Events with seq greater than `afterSeq` (-1 for all), in order. */
    async list(runId: string, afterSeq = -1): Promise<RunEvent[]> {
      const { rows } = await db.query<EventRow>(
        'SELECT run_id, seq, payload, at FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq',
        [runId, afterSeq],
      );
      return rows.map(toEvent);
    },
    /** Events of one type across a thread's runs (workspace-filtered), in run then seq order. */
    async listByThread(workspaceId: string, threadId: string, type: RunEvent['type']): Promise<RunEvent[]> {
      const { rows } = await db.query<EventRow>(
        `SELECT e.run_id, e.seq, e.payload, e.at FROM run_events e JOIN runs r ON r.id = e.run_id
         WHERE r.workspace_id = $1 AND r.thread_id = $2 AND e.type = $3 ORDER BY r.created_at, r.id, e.seq`,
        [workspaceId, threadId, type],
      );
      return rows.map(toEvent);
    },
    /** Token usage and cost of a thread, by agent and model, from its `usage` events. */
    async usageByThread(workspaceId: string, threadId: string): Promise<UsageTotal[]> {
      const { rows } = await db.query<{
        agent: string;
        model: string;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number;
        calls: number;
        estimated: boolean;
      }>(
        `SELECT e.payload->>'agent' AS agent, e.payload->>'model' AS model,
           COALESCE(SUM((e.payload->>'inputTokens')::bigint), 0)::float8 AS input_tokens,
           COALESCE(SUM((e.payload->>'outputTokens')::bigint), 0)::float8 AS output_tokens,
           COALESCE(SUM((e.payload->>'costUsd')::float8), 0)::float8 AS cost_usd,
           COUNT(*)::int AS calls,
           BOOL_OR((e.payload->>'estimated')::boolean) AS estimated
         FROM run_events e JOIN runs r ON r.id = e.run_id
         WHERE r.workspace_id = $1 AND r.thread_id = $2 AND e.type = 'usage'
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [workspaceId, threadId],
      );
      return rows.map((row) => ({
        agent: row.agent,
        model: row.model,
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: Number(row.cost_usd),
        calls: row.calls,
        estimated: row.estimated,
      }));
    },
  };
}
export type RunEventsRepository = ReturnType<typeof createRunEventsRepository>;
