import type { Command } from 'commander';
import { AppError } from '../../core/app-error.js';
import { ERROR_CODES, type ErrorCode } from '../../core/error-codes.js';
import type { RunEventPayload } from '../../core/events.js';
import { randomIds } from '../../core/ids.js';
import { loadConfig } from '../../core/load-config.js';
import { applyModelOverrides } from '../../llm/apply-model-overrides.js';
import { pythonStartupNotice } from '../../sandbox/python-startup-notice.js';
import type { CliIo } from '../cli-io.js';
import { createCliRuntime } from '../create-runtime.js';
import { createCliSynonymSource } from './synonym-command.js';
import { printAnswer } from '../output/print-answer.js';
import { createProgressPrinter } from '../output/progress-printer.js';
import { Spinner } from '../output/spinner.js';
import { chooseDatasource } from './choose-datasource.js';

export interface AskOptions {
  datasource?: string;
  json?: boolean;
  /** `--provider`, `--model`, `--base-url`: run every agent on this model (src/llm/apply-model-overrides.ts). */
  provider?: string;
  model?: string;
  baseUrl?: string;
  /** False with `--no-fast-path`: always call the configured model. */
  fastPath?: boolean;
}

/** Exit codes: 0 answered, 1 InsightX failed, 2 bad input (fix the command), 130 interrupted. */
function exitCodeFor(code: string | undefined): number {
  if (!code) return 0;
  if (code === 'RUN_CANCELLED') return 130;
  return ERROR_CODES[code as ErrorCode]?.category === 'user' ? 2 : 1;
}

/**
 * `insightx ask "<question>"`: runs the pipeline once. Progress goes to stderr; stdout gets
 * the SQL, the rows and the answer, or with `--json` exactly one JSON object.
 */
export async function runAsk(io: CliIo, question: string, options: AskOptions): Promise<number> {
  if (question.trim() === '') {
    throw new AppError('INPUT_EMPTY_QUESTION', 'The question is empty: ask it in words, e.g. insightx ask "How many payments failed?"');
  }
  const config = applyModelOverrides(loadConfig({ cwd: io.cwd, env: io.env }), { provider: options.provider, model: options.model, baseURL: options.baseUrl });
  // Synonyms saved with `insightx synonym add` (or in the local server) are read as the DNA's.
  const synonyms = createCliSynonymSource(config, (line) => io.stderr.write(`note: ${line}\n`));
  const runtime = createCliRuntime(config, { env: io.env, synonyms });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    // Checked while the datasource opens; said once, before the run, only when Python is off.
    const pythonNotice = pythonStartupNotice(runtime.pythonRunner);
    const spinner = new Spinner(io.stderr);
    spinner.start(`Opening ${options.datasource ?? 'the datasources'}…`, { quietWhenPiped: true });
    let prepared;
    let choice;
    try {
      choice = await chooseDatasource(config, question, options.datasource, (name) => runtime.prepare(name, (message) => spinner.update(message)));
      if (choice.kind === 'split') {
        spinner.stop();
        const parts = choice.route.parts.map((part) => ({ datasource: part.datasource, words: part.words }));
        if (options.json) io.stdout.write(`${JSON.stringify({ route: 'SPLIT', datasources: parts, answer: choice.answer, scores: choice.route.scores, sql: null, rows: [] })}\n`);
        else io.stdout.write(`${choice.answer}\n`);
        return 0;
      }
      prepared = await runtime.prepare(choice.datasource, (message) => spinner.update(message));
    } finally {
      spinner.stop();
    }
    const datasource = choice.datasource;
    if (choice.kind === 'routed' && !options.json) io.stdout.write(`Datasource: ${datasource} (${choice.reason})\n`);
    const notice = await pythonNotice;
    if (notice) io.stderr.write(`insightx: ${notice}\n`);
    const events: RunEventPayload[] = [];
    const print = createProgressPrinter(io.stderr);
    const outcome = await runtime.orchestrator.run({
      runId: randomIds('run'),
      threadId: null,
      question,
      datasource,
      ...(choice.kind === 'routed' ? { datasourceChoice: { reason: choice.reason, scores: choice.scores } } : {}),
      signal: controller.signal,
      ...(options.fastPath === false ? { fastPath: false } : {}),
      emit: (event) => {
        events.push(event);
        print(event);
      },
    });
    if (options.json) {
      const { route, sql, columns, rows, rowCount, answer, chart, python, usage } = outcome;
      const interpretation = outcome.interpretation ?? null;
      const options = outcome.options ?? [];
      io.stdout.write(`${JSON.stringify({ route, datasource, datasourceReason: choice.kind === 'routed' ? choice.reason : undefined, interpretation, options, sql, columns, rows, rowCount, answer, chart, python, events, usage, status: outcome.status, error: outcome.error })}\n`);
    } else {
      // A routed question named its datasource (and why) before the run; otherwise the answer names it.
      printAnswer(outcome, prepared.connector.dialect, (text) => io.stdout.write(text), io.stdout.isTTY === true, choice.kind === 'routed' ? null : datasource);
      if (outcome.error) io.stderr.write(`insightx: ${outcome.error.message} (${outcome.error.code})\n`);
    }
    return exitCodeFor(outcome.error?.code);
  } finally {
    process.off('SIGINT', interrupt);
    await runtime.close();
  }
}

export function registerAskCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('ask')
    .description('Ask a question about your data and get the SQL, the rows and an answer')
    .argument('<question>', 'the question, in plain words (quote it)')
    .option('-d, --datasource <name|path>', 'a configured datasource name, or a .duckdb/.sqlite/.csv/.parquet/.json file')
    .option('--json', 'print one JSON object with the route, SQL, rows, answer, chart, events and usage')
    .option('--provider <name>', 'LLM provider for every agent: openai, anthropic, bytez, ollama, vllm, openrouter, groq, lmstudio, local')
    .option('--model <id>', "the provider's model id, e.g. gpt-4.1-mini or Qwen/Qwen3-4B")
    .option('--base-url <url>', "the provider's API base URL, e.g. http://127.0.0.1:11434/v1")
    .option('--no-fast-path', 'always call the configured model, even when the embedded analyst is confident')
    .action(async (question: string, options: AskOptions) => setExitCode(await runAsk(io, question, options)));
}
