import type { AgentName, Route, RunEventOf, RunEventPayload, RunStatus } from '../../../src/core/events.js';

/** A run event as the web receives it: the payload plus its sequence number (the SSE id). */
export type SequencedEvent = RunEventPayload & { seq: number };

/** One entry of the collapsible step list under an answer. */
export type RunStep =
  | { kind: 'agent'; seq: number; agent: AgentName; model: string }
  | { kind: 'route'; seq: number; route: Route; reason: string; datasource: string; options?: string[] }
  | {
      kind: 'tool';
      seq: number;
      agent: AgentName;
      toolCallId: string;
      toolName: string;
      input: unknown;
      result?: { ok: boolean; summary: string; errorCode?: string };
    }
  | { kind: 'sql-attempt'; seq: number; attempt: number; sql: string; status: 'ok' | 'error'; error?: { code: string; message: string } }
  | { kind: 'key-rotated'; seq: number; provider: string; fromKey: number; toKey: number; reason: string }
  | { kind: 'error'; seq: number; code: string; message: string; stage: string };

export type CodeLanguage = 'tsx' | 'python' | 'sql';

/** The code of one language: what streamed so far, and whether `code-end` closed it. */
export interface CodeView {
  text: string;
  done: boolean;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** True when any part of the total was estimated rather than reported by the provider. */
  estimated: boolean;
}

/** Everything the chat and the sidebar show about one run, derived only from its events. */
export interface RunView {
  runId: string | null;
  threadId: string | null;
  question: string;
  datasource: string | null;
  status: 'idle' | 'streaming' | RunStatus;
  /** Highest sequence number applied; events at or below it are duplicates and ignored. */
  lastSeq: number;
  /** The agent working now; null once the run ended. */
  activeAgent: AgentName | null;
  route: Route | null;
  clarifyOptions: string[];
  /** How the question was read (the `interpretation` event), for marking its words. */
  interpretation: RunEventOf<'interpretation'>['interpretation'] | null;
  /** While the datasource's Data DNA is being built: the progress line and its percent. */
  dnaProgress: { datasource: string; percent: number; message: string } | null;
  steps: RunStep[];
  thoughts: string;
  text: string;
  code: Partial<Record<CodeLanguage, CodeView>>;
  /** The SQL of the last attempt (or the SQL `code-end`). */
  sql: string | null;
  data: Omit<RunEventOf<'data-ready'>, 'type'> | null;
  usage: UsageTotals;
  errors: { code: string; message: string; stage: string }[];
  /** Raw events in order, for the debug panel. */
  events: SequencedEvent[];
}

export const initialRunView: RunView = {
  runId: null,
  threadId: null,
  question: '',
  datasource: null,
  status: 'idle',
  lastSeq: -1,
  activeAgent: null,
  route: null,
  clarifyOptions: [],
  interpretation: null,
  dnaProgress: null,
  steps: [],
  thoughts: '',
  text: '',
  code: {},
  sql: null,
  data: null,
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false },
  errors: [],
  events: [],
};

/**
 * The stream reducer: folds one run event into the view state. Pure, and idempotent per
 * sequence number, so a replay after `Last-Event-ID` can overlap what was already applied
 * without duplicating output.
 */
export function reduceRun(state: RunView, event: SequencedEvent): RunView {
  if (event.seq <= state.lastSeq) return state;
  const next: RunView = { ...state, lastSeq: event.seq, events: [...state.events, event] };
  if (next.status === 'idle') next.status = 'streaming';
  switch (event.type) {
    case 'run-start':
      return { ...next, runId: event.runId, threadId: event.threadId, question: event.question, datasource: event.datasource, status: 'streaming' };
    case 'agent-start':
      return { ...next, activeAgent: event.agent, steps: [...next.steps, { kind: 'agent', seq: event.seq, agent: event.agent, model: event.model }] };
    case 'route-decided':
      return {
        ...next,
        route: event.route,
        datasource: event.datasource || next.datasource,
        clarifyOptions: event.options ?? [],
        steps: [...next.steps, { kind: 'route', seq: event.seq, route: event.route, reason: event.reason, datasource: event.datasource, ...(event.options ? { options: event.options } : {}) }],
      };
    case 'interpretation':
      return { ...next, interpretation: event.interpretation };
    case 'dna-progress':
      // The progress line while the datasource's Data DNA is built; cleared once it is done.
      return { ...next, dnaProgress: event.percent >= 100 ? null : { datasource: event.datasource, percent: event.percent, message: event.message } };
    case 'thought-delta':
      return { ...next, thoughts: next.thoughts + event.delta };
    case 'tool-call':
      return {
        ...next,
        steps: [...next.steps, { kind: 'tool', seq: event.seq, agent: event.agent, toolCallId: event.toolCallId, toolName: event.toolName, input: event.input }],
      };
    case 'tool-result':
      return {
        ...next,
        steps: next.steps.map((step) =>
          step.kind === 'tool' && step.toolCallId === event.toolCallId
            ? { ...step, result: { ok: event.ok, summary: event.summary, ...(event.errorCode ? { errorCode: event.errorCode } : {}) } }
            : step,
        ),
      };
    case 'sql-attempt': {
      // Attempts come in order, so the last one is the SQL whose outcome the answer rests on.
      return {
        ...next,
        sql: event.sql,
        steps: [...next.steps, { kind: 'sql-attempt', seq: event.seq, attempt: event.attempt, sql: event.sql, status: event.status, ...(event.error ? { error: event.error } : {}) }],
      };
    }
    case 'data-ready': {
      const { type: _type, seq: _seq, ...data } = event;
      return { ...next, data };
    }
    case 'code-delta': {
      const previous = next.code[event.language];
      const base = previous && !previous.done ? previous.text : '';
      return { ...next, code: { ...next.code, [event.language]: { text: base + event.delta, done: false } } };
    }
    case 'code-end':
      return {
        ...next,
        code: { ...next.code, [event.language]: { text: event.code, done: true } },
        sql: event.language === 'sql' ? event.code : next.sql,
      };
    case 'text-delta':
      return { ...next, text: next.text + event.delta };
    case 'key-rotated':
      return {
        ...next,
        steps: [...next.steps, { kind: 'key-rotated', seq: event.seq, provider: event.provider, fromKey: event.fromKey, toKey: event.toKey, reason: event.reason }],
      };
    case 'usage':
      return {
        ...next,
        usage: {
          inputTokens: next.usage.inputTokens + event.inputTokens,
          outputTokens: next.usage.outputTokens + event.outputTokens,
          costUsd: next.usage.costUsd + (event.costUsd ?? 0),
          estimated: next.usage.estimated || event.estimated,
        },
      };
    case 'error':
      return {
        ...next,
        errors: [...next.errors, { code: event.code, message: event.message, stage: event.stage }],
        steps: [...next.steps, { kind: 'error', seq: event.seq, code: event.code, message: event.message, stage: event.stage }],
      };
    case 'run-end':
      return { ...next, status: event.status, activeAgent: null, route: event.route ?? next.route };
  }
}

/** Folds a list of events from the initial state (history replays, tests). */
export function reduceRunEvents(events: readonly SequencedEvent[], from: RunView = initialRunView): RunView {
  return events.reduce(reduceRun, from);
}

/** True while the run still streams. */
export function isRunActive(view: RunView): boolean {
  return view.status === 'streaming' || (view.status === 'idle' && view.runId !== null);
}
