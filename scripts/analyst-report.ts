// Regenerates docs/analyst-accuracy.md: runs `insightx eval` (the user's pipeline, embedded
// analyst) on ../shared/eval (spider-open, geoquery-train, kaggledbqa-open, bird-open), the
// held-out databases of test/heldout and the trust suite of test/trust (dev and test splits),
// scores each with ../shared/eval/score.py and by correct / wrong / abstained (the eval's own
// scoring), re-executes every answerable question to classify the failures, and writes the
// report. Takes a while (the trust suite alone is over 600 questions); prints progress.
//   node bin/run-ts.js scripts/analyst-report.ts [--reuse] [--only spider-open,trust-dev]
// --reuse skips the eval runs and reads the predictions of the last run (.insightx/eval/).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHeldoutDatabases, HELDOUT_DB_DIR } from '../test/heldout/build.js';
import { buildTrustDatabases, TRUST_DB_DIR } from '../test/trust/build.js';
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
  /** Only this split of the questions file (`insightx eval --split`). */
  split?: string;
  /** The report gives only totals, never the questions (a test split nobody may tune to). */
  hidden?: boolean;
}

const TRUST_QUESTIONS = path.join(REPO, 'test/trust/questions.jsonl');

const SETS: EvalSet[] = [
  { name: 'spider-open', kind: 'dev', source: 'Spider 1.0 dev, 10 databases (../shared/eval/spider-open)', questions: path.join(EVAL, 'spider-open/questions.jsonl'), pattern: path.join(EVAL, 'spider-open/database/{db_id}/{db_id}.sqlite') },
  { name: 'geoquery-train', kind: 'dev', source: 'GeoQuery train + dev (../shared/eval/geoquery-train)', questions: path.join(EVAL, 'geoquery-train/questions.jsonl'), pattern: path.join(EVAL, 'geoquery-train/{db_id}.sqlite') },
  { name: 'kaggledbqa-open', kind: 'dev', source: 'KaggleDBQA, 1 database (../shared/eval/kaggledbqa-open)', questions: path.join(EVAL, 'kaggledbqa-open/questions.jsonl'), pattern: path.join(EVAL, 'kaggledbqa-open/database/{db_id}/{db_id}.sqlite') },
  { name: 'bird-open', kind: 'dev', source: 'BIRD dev, 1 database, no evidence hints (../shared/eval/bird-open)', questions: path.join(EVAL, 'bird-open/questions.jsonl'), pattern: path.join(EVAL, 'bird-open/database/{db_id}/{db_id}.sqlite') },
  { name: 'held-out', kind: 'held-out', source: 'three databases of our own (test/heldout)', questions: path.join(REPO, 'test/heldout/questions.jsonl'), pattern: path.join(HELDOUT_DB_DIR, '{db_id}.sqlite') },
  { name: 'trust-dev', kind: 'dev', source: 'trust suite, 7 dev schemas (test/trust, split dev)', questions: TRUST_QUESTIONS, pattern: path.join(TRUST_DB_DIR, '{db_id}.sqlite'), split: 'dev' },
  { name: 'trust-test', kind: 'held-out', source: 'trust suite, 5 test schemas (test/trust, split test; totals only)', questions: TRUST_QUESTIONS, pattern: path.join(TRUST_DB_DIR, '{db_id}.sqlite'), split: 'test', hidden: true },
];

/** Written after reading the examples of each cause in the dev sets (see the report's examples). */
const FIXES: Record<FailureCause, string> = {
  'refused or asked to clarify':
    'Mostly look-ups of a named place ("population of seattle", "how high is guadalupe peak") whose name is in several columns or not among the DNA top values: match names against every text column and pick the table whose name column holds the value instead of asking.',
  'engine error (no query ran)':
    'The SQL names a column of a table that is not in FROM ("Average" of stadium in a singer query, "quantity" of order_item on product): check every column against the tables of the query before it runs, and let the repair reading drop or re-home the column instead of ending the run.',
  'wrong table':
    'The table is chosen by the subject noun ("states") although the value or relation lives elsewhere ("border", "pittsburgh", "ohio river" are in border_info, city, river): score tables by where the matched values and relation words are, not by the noun alone.',
  'missing join':
    'A fact held by a second table ("singers who performed in a concert in 2014", "capitals of states that border texas") is forced onto one table, its value on a wrong column: when a value or year matches a column of another table, join to it along the key path.',
  'unasked-for subquery or superlative':
    '"Ordered by age from the oldest", "the earliest graduate" become `= (SELECT min(...))` on the first time column: read a superlative only where it picks the answer, and take its column from the words ("graduate" → date_left).',
  'missing subquery / set operation (negation, "both", comparison with an aggregate)':
    '"Both A and B" is read as `A AND B` on one row and "do not speak English" as `!= \'English\'`: compile "both … and" to INTERSECT, "not / never / no" over a related table to NOT IN or EXCEPT, and "the state with the smallest population" inside a larger question to a nested subquery.',
  'wrong projection (column count)':
    'Columns nobody asked for are added (the group key, the filter column, a measure) or asked ones dropped: select exactly the nouns the question asks for ("which year" → Year only), in their order, and keep grouping and ordering columns out of SELECT unless asked.',
  'column order':
    'Measures come before the dimension ("count, country"): keep the order in which the question names things — for "X and the number of Y in each X", X first.',
  'wrong aggregate':
    '"How many people live in …" wants sum(Population), "worked the greatest number of years" wants ORDER BY Year_of_Work: prefer a named numeric column over count(*), and sum it when the question counts people or amounts.',
  'grouping (GROUP BY / HAVING)':
    'Group by the entity whose total is compared ("treatment type whose total cost is the lowest" → GROUP BY type ORDER BY sum(cost) LIMIT 1), and never turn a number in a plain filter ("older than 60") into HAVING count(*).',
  'wrong or missing filter value':
    'Filter words are dropped ("rivers in oregon", "major cities") or put on the wrong column (country_name = \'usa\' for "in the usa"): keep every matched value as a filter on the column that holds it; words that only name the whole dataset ("usa", "all") add no filter.',
  'ordering / limit':
    'Read "in reversed lexicographical order", "from the oldest" as ORDER BY the named column in that direction, and LIMIT only for a singular superlative.',
  'duplicates (DISTINCT)':
    'Use DISTINCT when listing a column whose values repeat across rows of the table (a river\'s length once per state it crosses, a student enrolled twice): the DNA\'s distinct count against the row count says when.',
  'extra join':
    'A path through an unrelated bridge table (concert → singer_in_concert → singer) is taken for a column that a joined table already has (stadium.Name): resolve each column on the nearest table of the path before extending it.',
  'other (same shape, different rows)':
    'Mostly a value on the wrong column ("rivers that run through colorado" → river_name = \'colorado\' instead of traverse) or a near-synonym column (date_of_birth for "arrival date"): prefer the column whose values contain the literal and whose name fits the verb.',
};

/**
 * The questions score.py and the re-execution read: those with gold SQL (score.py cannot read a
 * line without it), of the set's split. The same file as the set's when nothing is left out.
 */
function answerableQuestions(set: EvalSet): string {
  const lines = readFileSync(set.questions, 'utf8').split('\n').filter(Boolean);
  const kept = lines.filter((line) => {
    const question = JSON.parse(line) as { gold_sql?: string | null; split?: string };
    return typeof question.gold_sql === 'string' && (set.split === undefined || question.split === set.split);
  });
  if (kept.length === lines.length) return set.questions;
  const file = path.join(WORK, `${set.name}.answerable.jsonl`);
  writeFileSync(file, `${kept.join('\n')}\n`);
  return file;
}

function runEvalCommand(set: EvalSet, predictions: string, details: string): void {
  const split = set.split ? ['--split', set.split] : [];
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/insightx.js'), 'eval', set.questions, '--db', set.pattern, '--out', predictions, '--details', details, '--concurrency', '2', ...split], {
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

/** Read-only git queries (the commit and the uncommitted files the report names); untrimmed: porcelain lines start with a space. */
function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' });
  } catch {
    return '';
  }
}

const args = process.argv.slice(2);
const reuse = args.includes('--reuse');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : null;

buildHeldoutDatabases();
buildTrustDatabases();
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
  const answerable = answerableQuestions(set);
  console.error(`== ${set.name}: score.py ==`);
  const score = runScorer(SCORE, answerable, predictions, set.pattern);
  console.error(score.raw.trim());
  console.error(`== ${set.name}: re-executing every question for the failure analysis ==`);
  const verdicts = computeVerdicts(SCORE, answerable, predictions, set.pattern);
  results.push({ name: set.name, kind: set.kind, source: set.source, hidden: set.hidden === true, score, details: readDetails(details), verdicts, wallMs: Number(readFileSync(timing, 'utf8')) });
}

const report = renderReport(results, {
  generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: git(['rev-parse', '--short', 'HEAD']).trim() || 'unknown',
  dirty: git(['status', '--porcelain', '--', 'src'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3)),
  command: 'node bin/run-ts.js scripts/analyst-report.ts',
  reused: reuse,
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
for (const result of results) {
  const outcome = (name: string) => result.details.filter((detail) => detail.outcome === name).length;
  console.log(`${result.name}: EX = ${result.score.correct} / ${result.score.total} = ${result.score.percent.toFixed(2)}%; ${outcome('correct')} correct, ${outcome('wrong')} wrong, ${outcome('abstained')} abstained`);
}
