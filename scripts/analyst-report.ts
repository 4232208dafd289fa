// Regenerates docs/analyst-accuracy.md: runs `insightx eval` (the user's pipeline, embedded
// analyst) on ../shared/eval/spider-open, ../shared/eval/geoquery-train and the held-out
// databases of test/heldout, scores each with ../shared/eval/score.py, re-executes every
// question to classify the failures, and writes the report. Takes a few minutes; prints progress.
//   node bin/run-ts.js scripts/analyst-report.ts [--reuse] [--only spider-open,held-out]
// --reuse skips the eval runs and reads the predictions of the last run (.insightx/eval/).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHeldoutDatabases, HELDOUT_DB_DIR } from '../test/heldout/build.js';
import type { Detail, FailureCause } from './analyst-report/classify-failure.js';
import { renderReport, type SetResult } from './analyst-report/render-report.js';
import { computeVerdicts, runScorer } from './analyst-report/verdicts.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVAL = path.resolve(REPO, '../shared/eval');
const SCORE = path.join(EVAL, 'score.py');
const WORK = path.join(REPO, '.insightx', 'eval');
const REPORT = path.join(REPO, 'docs', 'analyst-accuracy.md');

interface EvalSet {
  name: string;
  kind: 'dev' | 'held-out';
  source: string;
  questions: string;
  pattern: string;
}

const SETS: EvalSet[] = [
  { name: 'spider-open', kind: 'dev', source: 'Spider 1.0 dev, 10 databases (../shared/eval/spider-open)', questions: path.join(EVAL, 'spider-open/questions.jsonl'), pattern: path.join(EVAL, 'spider-open/database/{db_id}/{db_id}.sqlite') },
  { name: 'geoquery-train', kind: 'dev', source: 'GeoQuery train + dev (../shared/eval/geoquery-train)', questions: path.join(EVAL, 'geoquery-train/questions.jsonl'), pattern: path.join(EVAL, 'geoquery-train/{db_id}.sqlite') },
  { name: 'held-out', kind: 'held-out', source: 'three databases of our own (test/heldout)', questions: path.join(REPO, 'test/heldout/questions.jsonl'), pattern: path.join(HELDOUT_DB_DIR, '{db_id}.sqlite') },
];

/** Written after reading the examples of each cause in the dev sets (see the report's examples). */
const FIXES: Record<FailureCause, string> = {
  'refused or asked to clarify': 'TODO',
  'engine error (no query ran)': 'TODO',
  'wrong table': 'TODO',
  'missing join': 'TODO',
  'missing subquery / set operation (negation, "both", comparison with an aggregate)': 'TODO',
  'wrong projection (column count)': 'TODO',
  'column order': 'TODO',
  'wrong aggregate': 'TODO',
  'grouping (GROUP BY / HAVING)': 'TODO',
  'wrong or missing filter value': 'TODO',
  'ordering / limit': 'TODO',
  'duplicates (DISTINCT)': 'TODO',
  'extra join': 'TODO',
  'other (same shape, different rows)': 'TODO',
};

function runEvalCommand(set: EvalSet, predictions: string, details: string): void {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/insightx.js'), 'eval', set.questions, '--db', set.pattern, '--out', predictions, '--details', details, '--concurrency', '2'], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`insightx eval failed on ${set.name} (exit ${result.status})`);
}

function readDetails(file: string): Detail[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Detail);
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const args = process.argv.slice(2);
const reuse = args.includes('--reuse');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : null;

buildHeldoutDatabases();
mkdirSync(WORK, { recursive: true });
const results: SetResult[] = [];
for (const set of SETS.filter((candidate) => !only || only.has(candidate.name))) {
  const predictions = path.join(WORK, `${set.name}.predictions.jsonl`);
  const details = path.join(WORK, `${set.name}.details.jsonl`);
  const timing = path.join(WORK, `${set.name}.wall-ms`);
  const started = performance.now();
  if (!reuse || !existsSync(predictions)) {
    console.error(`\n== ${set.name}: insightx eval ==`);
    runEvalCommand(set, predictions, details);
    writeFileSync(timing, String(Math.round(performance.now() - started)));
  }
  console.error(`== ${set.name}: score.py ==`);
  const score = runScorer(SCORE, set.questions, predictions, set.pattern);
  console.error(score.raw.trim());
  console.error(`== ${set.name}: re-executing every question for the failure analysis ==`);
  const verdicts = computeVerdicts(SCORE, set.questions, predictions, set.pattern);
  results.push({ name: set.name, kind: set.kind, source: set.source, score, details: readDetails(details), verdicts, wallMs: Number(readFileSync(timing, 'utf8')) });
}

const report = renderReport(results, {
  generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
  dirty: git(['status', '--porcelain', '--', 'src'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3)),
  command: 'node bin/run-ts.js scripts/analyst-report.ts',
  fixes: FIXES,
});
if (!only) {
  writeFileSync(REPORT, report);
  console.error(`\nwrote ${path.relative(process.cwd(), REPORT)}`);
} else {
  // A partial run must not replace the full report.
  const partial = path.join(WORK, 'analyst-accuracy.partial.md');
  writeFileSync(partial, report);
  console.error(`\nwrote ${path.relative(process.cwd(), partial)} (partial: --only)`);
}
for (const result of results) console.log(`${result.name}: EX = ${result.score.correct} / ${result.score.total} = ${result.score.percent.toFixed(2)}%`);
