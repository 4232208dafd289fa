import { toAppError } from '../../core/app-error.js';
import type { DataDna } from '../../core/dna.js';
import type { Route } from '../../core/events.js';
import type { IdGenerator } from '../../core/ids.js';
import type { Orchestrator, RunOutcome } from '../orchestrator.js';
import type { EvalQuestion } from './eval-question.js';
import { replayConfidence, type ReplayedReading, type ReplaySource } from './replay-confidence.js';

/** How a question ended, as the eval counts it. Only `answered` gets a predicted SQL. */
export type EvalVerdict = 'answered' | 'clarified' | 'refused' | 'failed';

/** One question's run, as written to `--details`. */
export interface EvalRecord {
  id: string;
  dbId: string;
  question: string;
  route: Route | null;
  status: RunOutcome['status'];
  verdict: EvalVerdict;
  /** The SQL that ran and gave the run's data; null when none did. */
  sql: string | null;
  /** The analyst's confidence in the parse the run used (see replay-confidence.ts); null when unknown. */
  confidence: number | null;
  /** Which of the analyst's readings ran (0 = the best); > 0 after a repair. */
  readingIndex: number | null;
  /** Which DNA the confidence's reading was found on (see replay-confidence.ts); null when not found. */
  confidenceSource: ReplaySource | null;
  sqlAttempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  elapsedMs: number;
}

/** A database prepared up front: its datasource (a path the registry opens) and its Data DNA. */
export interface EvalDatabase {
  datasource: string;
  dna: DataDna;
}

export interface RunEvalOptions {
  questions: EvalQuestion[];
  /** Every `dbId` of the questions, opened and profiled before the first run. */
  databases: ReadonlyMap<string, EvalDatabase>;
  orchestrator: Orchestrator;
  ids: IdGenerator;
  /** Runs at a time (≥ 1). */
  concurrency: number;
  signal?: AbortSignal;
  /** After each run, in completion order, with its verdict before the confidence replay. */
  onProgress?: (verdict: EvalVerdict, done: number, total: number) => void;
  /** Milliseconds since some origin; injected so tests are deterministic. */
  now?: () => number;
}

function verdictOf(outcome: RunOutcome, bestKind: string | null): EvalVerdict {
  if (outcome.status !== 'completed') return 'failed';
  if (outcome.sql !== null) return 'answered';
  if (outcome.route === 'CLARIFY') return 'clarified';
  // A SQL route that ended without a query: the SQL agent declined, with the analyst's reason.
  if (outcome.route !== 'REJECT' && outcome.route !== 'ANSWER' && bestKind === 'clarify') return 'clarified';
  return 'refused';
}

interface RunResult {
  question: EvalQuestion;
  outcome: RunOutcome | null;
  sqlAttempts: number;
  elapsedMs: number;
  thrown: unknown;
}

async function runOne(question: EvalQuestion, options: RunEvalOptions): Promise<RunResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let sqlAttempts = 0;
  try {
    const database = options.databases.get(question.dbId);
    if (!database) throw new Error(`No prepared database for db_id "${question.dbId}".`);
    const outcome = await options.orchestrator.run({
      runId: options.ids('run'),
      threadId: null,
      question: question.question,
      datasource: database.datasource,
      signal: options.signal,
      emit: (event) => {
        if (event.type === 'sql-attempt') sqlAttempts += 1;
      },
    });
    return { question, outcome, sqlAttempts, elapsedMs: Math.round(now() - started), thrown: null };
  } catch (error) {
    // The orchestrator reports failures in its outcome; anything else still fails only this question.
    return { question, outcome: null, sqlAttempts, elapsedMs: Math.round(now() - started), thrown: error };
  }
}

/** The verdict before the replay: exact for answered and failed runs; a decline counts as refused until replayed. */
function provisionalVerdict(result: RunResult): EvalVerdict {
  return result.outcome ? verdictOf(result.outcome, null) : 'failed';
}

function toRecord(result: RunResult, databases: ReadonlyMap<string, EvalDatabase>): EvalRecord {
  const { question, outcome } = result;
  const base = { id: question.id, dbId: question.dbId, question: question.question, sqlAttempts: result.sqlAttempts, elapsedMs: result.elapsedMs };
  if (!outcome) {
    const error = toAppError(result.thrown);
    return { ...base, route: null, status: 'failed', verdict: 'failed', sql: null, confidence: null, readingIndex: null, confidenceSource: null, errorCode: error.code, errorMessage: error.message };
  }
  let replay: ReplayedReading = { confidence: null, bestKind: null, readingIndex: null, source: null };
  const database = databases.get(question.dbId);
  try {
    if (database) replay = replayConfidence(database.dna, question.question, outcome.sql);
  } catch {
    // The confidence is a measurement aid: a replay that breaks leaves it unknown, the run stands.
  }
  return {
    ...base,
    route: outcome.route,
    status: outcome.status,
    verdict: verdictOf(outcome, replay.bestKind),
    sql: outcome.sql,
    confidence: replay.confidence,
    readingIndex: replay.readingIndex,
    confidenceSource: replay.source,
    errorCode: outcome.error?.code ?? null,
    errorMessage: outcome.error?.message ?? null,
  };
}

/**
 * Runs benchmark questions through the orchestrator — the pipeline a user's question goes
 * through — a few at a time (never two on one database), and returns one record per question
 * in input order. One question that breaks never loses the others: it becomes a `failed`
 * record. The confidences are replayed after the last run: the analyst's module-level caches
 * are shared with the runs, and a replay between runs could change what later runs compute.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalRecord[]> {
  const total = options.questions.length;
  const results: RunResult[] = new Array(total);
  const pending = options.questions.map((_, index) => index);
  // Runs on the same database never overlap: the analyst caches its schema index per datasource,
  // and two runs interleaving on one database could read each other's index. Different
  // databases run side by side; order within a database is the input order.
  const busy = new Set<string>();
  let wake: (() => void) | null = null;
  let done = 0;
  const takeNext = (): number | null | undefined => {
    const at = pending.findIndex((index) => !busy.has(options.questions[index].dbId));
    if (at < 0) return pending.length === 0 ? null : undefined;
    return pending.splice(at, 1)[0];
  };
  const worker = async () => {
    for (;;) {
      const index = takeNext();
      if (index === null) return;
      if (index === undefined) {
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      const question = options.questions[index];
      busy.add(question.dbId);
      const result = await runOne(question, options);
      busy.delete(question.dbId);
      results[index] = result;
      done += 1;
      const waiting = wake as (() => void) | null;
      wake = null;
      waiting?.();
      options.onProgress?.(provisionalVerdict(result), done, total);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, total));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.map((result) => toRecord(result, options.databases));
}

/** The line score.py reads: the SQL only when the question was answered, otherwise empty (never a guess). */
export function predictionLine(record: EvalRecord): string {
  const predSql = record.verdict === 'answered' && record.sql ? record.sql : '';
  return JSON.stringify({ id: record.id, pred_sql: predSql });
}

/** A question's scoring against its gold, for the `--details` line (see score-eval.ts). */
export interface DetailsScoring {
  expect: string | null;
  split: string | null;
  outcome: string | null;
  outcomeReason: string | null;
}

/** The `--details` line: the fields the report reads, snake_case like the questions file. */
export function detailsLine(record: EvalRecord, scoring?: DetailsScoring): string {
  return JSON.stringify({
    id: record.id,
    db_id: record.dbId,
    question: record.question,
    route: record.route,
    status: record.status,
    verdict: record.verdict,
    sql: record.sql,
    confidence: record.confidence,
    reading_index: record.readingIndex,
    confidence_source: record.confidenceSource,
    sql_attempts: record.sqlAttempts,
    error_code: record.errorCode,
    error_message: record.errorMessage,
    elapsed_ms: record.elapsedMs,
    ...(scoring ? { expect: scoring.expect, split: scoring.split, outcome: scoring.outcome, outcome_reason: scoring.outcomeReason } : {}),
  });
}
