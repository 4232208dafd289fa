import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseEvalQuestions, type EvalQuestion } from '../../agents/eval/eval-question.js';
import { detailsLine, predictionLine, runEval, type EvalDatabase, type EvalRecord, type EvalVerdict } from '../../agents/eval/run-eval.js';
import { withLegacyDoubleQuotes } from '../../agents/eval/legacy-double-quotes.js';
import { expectationOf, formatOutcomeSummary, scoreRecord, summarizeOutcomes, type ScoredRecord } from '../../agents/eval/score-eval.js';
import { AppError } from '../../core/app-error.js';
import { randomIds } from '../../core/ids.js';
import { loadConfig } from '../../core/load-config.js';
import { openSqliteConnector, type SqliteConnector } from '../../data/sqlite/sqlite-connector.js';
import { applyModelOverrides } from '../../llm/apply-model-overrides.js';
import type { CliIo } from '../cli-io.js';
import { createCliRuntime } from '../create-runtime.js';
import type { ProgressStream } from '../output/spinner.js';

export interface EvalOptions {
  db: string;
  out: string;
  details?: string;
  concurrency?: string;
  limit?: string;
  /** Only the questions of this split (`dev`, `test`): the `split` field of each line. */
  split?: string;
  /** The embedded analyst (`local`) unless a provider is named: the eval measures what answers with no LLM configured. */
  provider?: string;
  model?: string;
  baseUrl?: string;
}

const DB_PLACEHOLDER = '{db_id}';
/** Two cores are the norm here: more runs at a time only queue behind each other. */
const DEFAULT_CONCURRENCY = 2;
/** Scoring re-runs gold and predicted SQL without the product's row cap (as score.py does), within a timeout. */
const SCORING_ROW_LIMIT = 1_000_000;
const SCORING_TIMEOUT_MS = 30_000;

function positiveInteger(value: string | undefined, flag: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new AppError('INPUT_INVALID', `${flag} "${value}" is not a positive whole number, e.g. ${flag} 2.`, { details: { flag, value } });
  }
  return parsed;
}

function readQuestionsFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new AppError('INPUT_INVALID', `Cannot read the questions file "${file}" (${reason}): pass a JSONL file with one {"id","question","db_id"} per line.`, {
      details: { path: file },
    });
  }
  const questions = parseEvalQuestions(text, file);
  if (questions.length === 0) throw new AppError('INPUT_INVALID', `The questions file "${file}" has no questions: add one {"id","question","db_id"} per line.`, { details: { path: file } });
  return questions;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** Count, rate and ETA on stderr: rewritten in place on a terminal, every ~5% as lines in a log. */
function createEvalProgress(stream: ProgressStream, total: number, started: number) {
  const step = Math.max(1, Math.floor(total / 20));
  return (counts: Record<EvalVerdict, number>, done: number) => {
    const elapsed = performance.now() - started;
    const rate = done / Math.max(elapsed / 1000, 0.001);
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
    const line = `${done}/${total}  ${rate.toFixed(1)} q/s  ETA ${formatDuration(eta)}  (${counts.answered} answered, ${counts.clarified} clarified, ${counts.refused} refused, ${counts.failed} failed)`;
    if (stream.isTTY) stream.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
    else if (done % step === 0 || done === total) stream.write(`${line}\n`);
  };
}

/**
 * `insightx eval <questions.jsonl> --db "<path with {db_id}>" --out <predictions.jsonl>`: runs every
 * question through the pipeline a user's question goes through and writes score.py's
 * predictions, in input order. Unanswered questions get an empty `pred_sql`.
 */
export async function runEvalCommand(io: CliIo, questionsFile: string, options: EvalOptions): Promise<number> {
  if (!options.db.includes(DB_PLACEHOLDER)) {
    throw new AppError('INPUT_INVALID', `--db "${options.db}" must contain ${DB_PLACEHOLDER}, e.g. --db "spider/database/{db_id}/{db_id}.sqlite".`, { details: { db: options.db } });
  }
  const concurrency = positiveInteger(options.concurrency, '--concurrency', DEFAULT_CONCURRENCY) ?? DEFAULT_CONCURRENCY;
  const limit = positiveInteger(options.limit, '--limit', undefined);
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const questions = selectSplit(readQuestionsFile(resolve(questionsFile)), options.split, questionsFile).slice(0, limit);
  const dbPaths = new Map([...new Set(questions.map((question) => question.dbId))].map((dbId) => [dbId, resolve(options.db.replaceAll(DB_PLACEHOLDER, dbId))]));
  const missing = [...dbPaths].filter(([, file]) => !existsSync(file));
  if (missing.length > 0) {
    const [dbId, file] = missing[0];
    throw new AppError('INPUT_INVALID', `No database for db_id "${dbId}" at "${file}"${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}: check the --db pattern.`, {
      details: { missing: missing.map(([, missingFile]) => missingFile) },
    });
  }

  const config = applyModelOverrides(loadConfig({ cwd: io.cwd, env: io.env }), {
    provider: options.provider ?? 'local',
    model: options.model,
    baseURL: options.baseUrl,
  });
  const runtime = createCliRuntime(config, { env: io.env });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    // One Data DNA per database, computed before the first question, so concurrent runs share it.
    const databases = new Map<string, EvalDatabase>();
    for (const [index, [dbId, file]] of [...dbPaths].entries()) {
      io.stderr.write(`Profiling ${dbId} (${index + 1}/${dbPaths.size})…\n`);
      const { dna } = await runtime.prepare(file);
      databases.set(dbId, { datasource: file, dna });
    }
    const counts: Record<EvalVerdict, number> = { answered: 0, clarified: 0, refused: 0, failed: 0 };
    const started = performance.now();
    const progress = createEvalProgress(io.stderr, questions.length, started);
    const records: EvalRecord[] = await runEval({
      questions,
      databases,
      orchestrator: runtime.orchestrator,
      ids: randomIds,
      concurrency,
      signal: controller.signal,
      onProgress: (verdict, done) => {
        counts[verdict] += 1;
        progress(counts, done);
      },
    });
    // The final counts: a declined question is told apart (clarified or refused) after the runs.
    for (const verdict of Object.keys(counts) as EvalVerdict[]) counts[verdict] = records.filter((record) => record.verdict === verdict).length;
    const scored = await scoreAgainstGold(questions, records, dbPaths);
    writeLines(resolve(options.out), records.map(predictionLine));
    if (options.details) {
      writeLines(
        resolve(options.details),
        records.map((record, index) =>
          detailsLine(record, { expect: expectationOf(questions[index]), split: questions[index].split ?? null, outcome: scored[index].outcome, outcomeReason: scored[index].reason }),
        ),
      );
    }
    const elapsed = formatDuration(performance.now() - started);
    io.stdout.write(
      `${records.length} questions in ${elapsed}: ${counts.answered} answered, ${counts.clarified} clarified, ${counts.refused} refused, ${counts.failed} failed. Predictions: ${options.out}\n`,
    );
    for (const line of outcomeLines(questions, records, scored)) io.stdout.write(`${line}\n`);
    return controller.signal.aborted ? 130 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    await runtime.close();
  }
}

function selectSplit(questions: EvalQuestion[], split: string | undefined, file: string): EvalQuestion[] {
  if (split === undefined) return questions;
  const selected = questions.filter((question) => question.split === split);
  if (selected.length === 0) {
    const known = [...new Set(questions.map((question) => question.split).filter((name): name is string => name !== undefined))];
    throw new AppError('INPUT_INVALID', `No question in "${file}" has split "${split}"${known.length > 0 ? `: its splits are ${known.join(', ')}` : ': its lines have no "split" field'}.`, {
      details: { split, known },
    });
  }
  return selected;
}

/**
 * Scores each run against its question's gold (see score-eval.ts): gold and predicted SQL run
 * again on the question's SQLite file, one read-only connector per database, opened only when a
 * question of it needs SQL run, reading double-quoted literals as score.py's Python sqlite3 does.
 */
async function scoreAgainstGold(questions: EvalQuestion[], records: EvalRecord[], dbPaths: ReadonlyMap<string, string>): Promise<ScoredRecord[]> {
  const connectors = new Map<string, Promise<SqliteConnector>>();
  const runRows = withLegacyDoubleQuotes(async (dbId: string, sql: string) => {
    let connector = connectors.get(dbId);
    if (!connector) {
      connector = openSqliteConnector({ name: dbId, path: dbPaths.get(dbId) ?? '', rowCap: SCORING_ROW_LIMIT, statementTimeoutMs: SCORING_TIMEOUT_MS });
      connectors.set(dbId, connector);
    }
    const result = await (await connector).query(sql, { limit: SCORING_ROW_LIMIT, timeoutMs: SCORING_TIMEOUT_MS });
    return result.rows;
  });
  try {
    const scored: ScoredRecord[] = [];
    for (const [index, record] of records.entries()) scored.push(await scoreRecord(record, questions[index], runRows));
    return scored;
  } finally {
    await Promise.all([...connectors.values()].map(async (connector) => (await connector.catch(() => null))?.close()));
  }
}

/** The correct / wrong / abstained lines: all questions, then each split when there are several. */
function outcomeLines(questions: EvalQuestion[], records: EvalRecord[], scored: ScoredRecord[]): string[] {
  const items = records.map((record, index) => ({ record, scored: scored[index], split: questions[index].split }));
  const total = summarizeOutcomes(items);
  if (total.scored === 0 && total.goldErrors === 0) return [];
  const lines = [`Against the gold: ${formatOutcomeSummary(total)}.`];
  const splits = [...new Set(items.map((item) => item.split).filter((split): split is string => split !== undefined))];
  if (splits.length > 1) for (const split of splits) lines.push(`  ${split}: ${formatOutcomeSummary(summarizeOutcomes(items.filter((item) => item.split === split)))}.`);
  return lines;
}

function writeLines(file: string, lines: string[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

export function registerEvalCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('eval')
    .description('Run a text-to-SQL benchmark through the pipeline, write predictions for score.py, and score correct / wrong / abstained against the gold')
    .argument('<questions>', 'a JSONL file with one {"id","question","db_id"} per line (optional: "gold_sql", "expect": answer|clarify|refuse, "split")')
    .requiredOption('--db <pattern>', 'the SQLite file of each question, with {db_id}, e.g. "spider/database/{db_id}/{db_id}.sqlite"')
    .requiredOption('--out <file>', 'where to write the predictions ({"id","pred_sql"} per line, in input order)')
    .option('--details <file>', 'also write per question: route, status, SQL, confidence, error code, time, and the outcome against the gold')
    .option('--concurrency <n>', `questions run at a time (default ${DEFAULT_CONCURRENCY})`)
    .option('--limit <n>', 'only the first n questions')
    .option('--split <name>', 'only the questions whose "split" is this (e.g. dev or test)')
    .option('--provider <name>', 'LLM provider for every agent (default local: the embedded analyst)')
    .option('--model <id>', "the provider's model id")
    .option('--base-url <url>', "the provider's API base URL")
    .action(async (questionsFile: string, options: EvalOptions) => setExitCode(await runEvalCommand(io, questionsFile, options)));
}
