import { z } from 'zod';
import { Interpretation } from './interpretation.js';

/**
 * The run event protocol (ARCHITECTURE §4), shared by the server (emit), the CLI (print)
 * and the web (parse). Every event is stored with its sequence number before it is sent.
 */

export const AGENT_NAMES = ['router', 'sql', 'python', 'viz', 'composer', 'explainer'] as const;
export const AgentName = z.enum(AGENT_NAMES);
export type AgentName = z.infer<typeof AgentName>;

export const ROUTES = ['SQL_ONLY', 'PYTHON_ONLY', 'SQL_THEN_PY', 'CLARIFY', 'ANSWER', 'REJECT'] as const;
export const Route = z.enum(ROUTES);
export type Route = z.infer<typeof Route>;

export const RunStatus = z.enum(['completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

const ColumnDto = z.object({ name: z.string(), type: z.string() });

export const RunEventPayload = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-start'),
    runId: z.string(),
    threadId: z.string().nullable(),
    question: z.string(),
    datasource: z.string(),
    /**
     * Present when the run was accepted but waits for a free slot (the server runs a bounded
     * number at once): `position` 1 is next; `activeRuns` are running now. `agent-start` follows
     * once it runs.
     */
    queued: z.object({ position: z.number().int().positive(), activeRuns: z.number().int().nonnegative() }).optional(),
  }),
  z.object({ type: z.literal('agent-start'), agent: AgentName, model: z.string() }),
  z.object({
    type: z.literal('route-decided'),
    route: Route,
    reason: z.string(),
    datasource: z.string(),
    /** Why this datasource, when the router chose it among several (its Data DNA covers the question's words best). */
    datasourceReason: z.string().optional(),
    /** Every candidate datasource's coverage score, best first, when the router chose among several. */
    datasourceScores: z.array(z.object({ datasource: z.string(), score: z.number() })).optional(),
    /** Concrete options when the route is CLARIFY. */
    options: z.array(z.string()).optional(),
  }),
  /** The SQL agent's reading of the question, once its query has run (the embedded analyst's reading of that SQL). */
  z.object({ type: z.literal('interpretation'), agent: AgentName, interpretation: Interpretation }),
  z.object({ type: z.literal('thought-delta'), agent: AgentName, delta: z.string() }),
  z.object({
    type: z.literal('tool-call'),
    agent: AgentName,
    toolCallId: z.string(),
    toolName: z.string(),
    input: z.unknown(),
  }),
  z.object({
    type: z.literal('tool-result'),
    agent: AgentName,
    toolCallId: z.string(),
    toolName: z.string(),
    ok: z.boolean(),
    /** A short, human-readable outcome ("1,000,000 rows", or the error message). */
    summary: z.string(),
    errorCode: z.string().optional(),
  }),
  z.object({
    type: z.literal('sql-attempt'),
    attempt: z.number().int().positive(),
    sql: z.string(),
    status: z.enum(['ok', 'error']),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  z.object({
    type: z.literal('data-ready'),
    resultId: z.string(),
    url: z.string(),
    rowCount: z.number().int().nonnegative(),
    columns: z.array(ColumnDto),
    size: z.enum(['small', 'large']),
    format: z.enum(['json', 'csv', 'parquet']),
  }),
  z.object({ type: z.literal('code-delta'), language: z.enum(['tsx', 'python', 'sql']), delta: z.string() }),
  z.object({ type: z.literal('code-end'), language: z.enum(['tsx', 'python', 'sql']), code: z.string() }),
  z.object({ type: z.literal('text-delta'), delta: z.string() }),
  /** The datasource's Data DNA is being built (profiled) before the run can use it: one per table, then 100. */
  z.object({ type: z.literal('dna-progress'), datasource: z.string(), table: z.string(), percent: z.number(), message: z.string() }),
  z.object({
    type: z.literal('key-rotated'),
    provider: z.string(),
    /** 1-based key numbers, never the key itself. */
    fromKey: z.number().int().positive(),
    toKey: z.number().int().positive(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('usage'),
    agent: AgentName,
    model: z.string(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    estimated: z.boolean(),
    costUsd: z.number().nonnegative().optional(),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), stage: z.string() }),
  z.object({ type: z.literal('run-end'), status: RunStatus, route: Route.nullable() }),
]);
export type RunEventPayload = z.infer<typeof RunEventPayload>;
export type RunEventType = RunEventPayload['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEventPayload, { type: T }>;

/** A stored, sequenced event: the payload plus its place in the run. `seq` is the SSE `id`. */
export const RunEvent = z.intersection(
  z.object({ runId: z.string(), seq: z.number().int().nonnegative(), at: z.string() }),
  RunEventPayload,
);
export type RunEvent = z.infer<typeof RunEvent>;

/** Where events go. Implementations number, store and fan out; emit resolves once stored. */
export type EmitEvent = (event: RunEventPayload) => void | Promise<void>;
