// Regenerates the analyst accuracy report from the dev sets in ../shared/eval: runs the engine,
// scores with the official score.py, and writes markdown (by database, by question shape,
// confidence calibration, the most common failure causes). Usage:
//   npx tsx bench/analyst-report.ts [out.md] [--real-dna]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateQuestions, type EvalDetail } from './analyst-eval-core.js';

const EVAL = resolve(process.env.INSIGHTX_EVAL_DIR ?? '../shared/eval');
const SETS = [
  { name: 'spider-open', questions: join(EVAL, 'spider-open/questions.jsonl'), pattern: join(EVAL, 'spider-open/database/{db_id}/{db_id}.sqlite') },
  { name: 'geoquery-train', questions: join(EVAL, 'geoquery-train/questions.jsonl'), pattern: join(EVAL, 'geoquery-train/geography.sqlite') },
  // Held out: questions and databases written in this project, never used to tune the engine.
  ...(existsSync('test/heldout/questions.jsonl') ? [{ name: 'heldout', questions: resolve('test/heldout/questions.jsonl'), pattern: resolve('test/heldout/db/{db_id}.sqlite') }] : []),
];
const args = process.argv.slice(2);
const realDna = args.includes('--real-dna');
const outPath = args.find((a) => !a.startsWith('--')) ?? 'bench/analyst-accuracy.md';
const work = mkdtempSync(join(tmpdir(), 'analyst-report-'));

type Verdict = EvalDetail & { ok: boolean; error: string | null };

const FIXES: Record<string, string> = {
  'set operation (INTERSECT / EXCEPT / UNION) not produced': 'read "both … and …", "but not", "or" between clauses as set operations over two sub-frames',
  'comparison with a subquery not produced': 'compare with aggregates of other rows ("larger than any country in Asia", "than the average of …") as scalar subqueries',
  'join missing': 'link verbs and relation words ("enrolled", "owned by") to bridge tables so the join path covers them',
  'extra join': 'resolve ambiguous words (name, id) to the base table before reaching for another table',
  'GROUP BY missing': 'treat "each", "per", "for every" after a count or a superlative over another table as grouping',
  'GROUP BY not asked for': 'only group when a measure is asked per entity; list questions should not aggregate',
  'ORDER BY / LIMIT missing': 'more superlative words and ordinal phrases ("the first", "most recently") mapped to order columns',
  'ORDER BY / LIMIT not asked for': 'do not read "most"/"top" inside names or values as rankings',
  'different columns selected': 'projection: map bare "name"/"id" to the right table, drop columns used only in filters',
  'no SQL (clarified or refused)': 'better tie-breaking between tables that share column names (table words, subject position)',
  'SQL rejected by the engine': 'validate the frame (aggregates with non-grouped columns) before writing SQL',
  'filter or value differs': 'value linking beyond the DNA top values (fuzzy matching against the column, units, case)',
};

function cause(v: Verdict): string {
  const gold = v.gold.toUpperCase();
  const pred = v.pred.toUpperCase();
  if (!v.pred) return 'no SQL (clarified or refused)';
  if (v.error) return 'SQL rejected by the engine';
  if (/\b(INTERSECT|EXCEPT|UNION)\b/.test(gold) && !/\b(INTERSECT|EXCEPT|UNION)\b| IN \(SELECT/.test(pred)) return 'set operation (INTERSECT / EXCEPT / UNION) not produced';
  if (/[<>=]\s*\(\s*SELECT/.test(gold) && !/[<>=]\s*\(\s*SELECT/.test(pred)) return 'comparison with a subquery not produced';
  const joins = (sql: string) => (sql.match(/\bJOIN\b/g) ?? []).length + (/\bFROM\s+\w+\s*(AS\s+\w+\s*)?,/.test(sql) ? 1 : 0);
  if (joins(gold) > joins(pred)) return 'join missing';
  if (joins(pred) > joins(gold)) return 'extra join';
  if (/GROUP BY/.test(gold) && !/GROUP BY/.test(pred)) return 'GROUP BY missing';
  if (!/GROUP BY/.test(gold) && /GROUP BY/.test(pred)) return 'GROUP BY not asked for';
  if (/ORDER BY|LIMIT/.test(gold) && !/ORDER BY|LIMIT|= \(SELECT (MAX|MIN)/.test(pred)) return 'ORDER BY / LIMIT missing';
  if (!/ORDER BY|LIMIT|MAX\(|MIN\(/.test(gold) && /LIMIT/.test(pred)) return 'ORDER BY / LIMIT not asked for';
  const columns = (sql: string) => sql.replace(/\(.*?\)/g, '').split(/\bFROM\b/)[0].split(',').length;
  if (columns(gold) !== columns(pred)) return 'different columns selected';
  return 'filter or value differs';
}

function shape(gold: string): string {
  const sql = gold.toUpperCase();
  if (/\(\s*SELECT|\b(INTERSECT|EXCEPT|UNION)\b/.test(sql)) return 'nested / set';
  if (/GROUP BY/.test(sql)) return /\bJOIN\b|FROM\s+\w+\s*(AS\s+\w+\s*)?,/.test(sql) ? 'grouping + join' : 'grouping';
  if (/\bJOIN\b|FROM\s+\w+\s*(AS\s+\w+\s*)?,/.test(sql)) return 'join';
  return 'single table';
}

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`;
}

const lines: string[] = [];
lines.push('# Analyst accuracy', '');
lines.push(`Generated by \`npx tsx bench/analyst-report.ts${realDna ? ' --real-dna' : ''}\`; do not edit by hand. Execution accuracy (EX) is the official \`score.py\` of ../shared/eval.`);
lines.push(`DNA: ${realDna ? 'the data layer\'s profiler (src/data/dna)' : 'the dev profile of bench/analyst-dna-from-sqlite.ts (top 50 values per text column)'}.`, '');
const all: Verdict[] = [];
const summary: string[] = ['| set | questions | answered | clarified | refused | EX | ms / question |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
const byDb: string[] = ['| set | database | correct | questions | EX |', '| --- | --- | ---: | ---: | ---: |'];
for (const set of SETS) {
  const run = await evaluateQuestions(set.questions, set.pattern, { realDna });
  const predictions = join(work, `${set.name}.jsonl`);
  const details = join(work, `${set.name}.details.jsonl`);
  writeFileSync(predictions, run.details.map((d) => JSON.stringify({ id: d.id, pred_sql: d.pred })).join('\n') + '\n');
  writeFileSync(details, run.details.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const score = execFileSync('python3', [join(EVAL, 'score.py'), set.questions, predictions, set.pattern], { encoding: 'utf8' });
  const verdicts = execFileSync('python3', ['bench/analyst-diagnose.py', details, set.pattern], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 })
    .split('\n').filter(Boolean).map((line) => JSON.parse(line) as Verdict);
  all.push(...verdicts.map((v) => ({ ...v, db: `${set.name}/${v.db}` })));
  const ex = /EX = (\d+) \/ (\d+)/.exec(score);
  summary.push(`| ${set.name} | ${run.details.length} | ${run.counts.sql} | ${run.counts.clarify} | ${run.counts.refuse} | ${ex ? `${ex[1]} / ${ex[2]} = ${pct(Number(ex[1]), Number(ex[2]))}` : '?'} | ${run.msPerQuestion.toFixed(2)} |`);
  for (const match of score.matchAll(/^\s+(\S+)\s+(\d+) \/\s+(\d+)$/gm)) byDb.push(`| ${set.name} | ${match[1]} | ${match[2]} | ${match[3]} | ${pct(Number(match[2]), Number(match[3]))} |`);
}
lines.push('## Execution accuracy', '', ...summary, '', '## By database', '', ...byDb, '');

const shapes = new Map<string, [number, number]>();
for (const v of all) {
  const key = `${v.db.split('/')[0]} · ${shape(v.gold)}`;
  const entry = shapes.get(key) ?? [0, 0];
  entry[0] += v.ok ? 1 : 0;
  entry[1] += 1;
  shapes.set(key, entry);
}
lines.push('## By question shape (from the gold SQL)', '', '| set · shape | correct | questions | EX |', '| --- | ---: | ---: | ---: |');
for (const [key, [c, t]] of [...shapes.entries()].sort()) lines.push(`| ${key} | ${c} | ${t} | ${pct(c, t)} |`);
lines.push('');

lines.push('## Confidence calibration', '', 'Share of correct answers among SQL parses in each confidence band (all sets). A calibrated engine has each band\'s share close to its confidence.', '', '| confidence | parses | correct | share correct |', '| --- | ---: | ---: | ---: |');
for (let band = 0; band < 10; band++) {
  const inBand = all.filter((v) => v.kind === 'sql' && Math.min(9, Math.floor(v.confidence * 10)) === band);
  if (inBand.length === 0) continue;
  const correct = inBand.filter((v) => v.ok).length;
  lines.push(`| ${(band / 10).toFixed(1)}–${((band + 1) / 10).toFixed(1)} | ${inBand.length} | ${correct} | ${pct(correct, inBand.length)} |`);
}
lines.push('');

const causes = new Map<string, Verdict[]>();
for (const v of all.filter((x) => !x.ok)) causes.set(cause(v), [...(causes.get(cause(v)) ?? []), v]);
lines.push('## Most common failure causes', '', 'Classified from the gold and predicted SQL of each wrong answer.', '', '| # | cause | questions | example | what would fix it |', '| ---: | --- | ---: | --- | --- |');
[...causes.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 10).forEach(([name, items], i) => {
  lines.push(`| ${i + 1} | ${name} | ${items.length} | ${items[0].question.replace(/\|/g, '/')} | ${FIXES[name] ?? ''} |`);
});
lines.push('');
writeFileSync(outPath, lines.join('\n'));
console.log(`wrote ${outPath}`);
