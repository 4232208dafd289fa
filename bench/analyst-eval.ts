// Dev evaluation of the analyst on text-to-SQL sets (../shared/eval): parse every question with
// a DNA built from its SQLite file, write {"id","pred_sql"} lines for score.py, and a details
// file for failure analysis. Usage:
//   npx tsx bench/analyst-eval.ts <questions.jsonl> "<db path with {db_id}>" <predictions.jsonl> [--real-dna]
// --real-dna profiles each database with the data layer's profiler (src/data/dna) instead of the
// simple dev profile, to measure the engine on the DNA users get.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseQuestion } from '../src/analyst/index.js';
import type { DataDna } from '../src/core/dna.js';
import { dnaFromSqlite } from './analyst-dna-from-sqlite.js';

async function profileWithDataLayer(path: string, name: string): Promise<DataDna> {
  const { openSqliteConnector } = await import('../src/data/sqlite/sqlite-connector.js');
  const { profileDatasource } = await import('../src/data/dna/index.js');
  const connector = await openSqliteConnector({ name, path });
  try {
    return await profileDatasource(connector);
  } finally {
    await connector.close();
  }
}

const realDna = process.argv.includes('--real-dna');
const [questionsPath, dbPattern, outPath] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!questionsPath || !dbPattern || !outPath) {
  console.error('usage: analyst-eval.ts <questions.jsonl> "<db path with {db_id}>" <predictions.jsonl>');
  process.exit(2);
}
const questions = readFileSync(questionsPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; question: string; db_id: string; gold_sql: string });
const dnas = new Map<string, DataDna>();
const predictions: string[] = [];
const details: string[] = [];
const counts = { sql: 0, clarify: 0, refuse: 0, failed: 0 };
const started = performance.now();
for (const q of questions) {
  let dna = dnas.get(q.db_id);
  if (!dna) {
    const path = dbPattern.replaceAll('{db_id}', q.db_id);
    dna = realDna ? await profileWithDataLayer(path, q.db_id) : dnaFromSqlite(path, q.db_id);
    dnas.set(q.db_id, dna);
  }
  let sql = '';
  let kind = 'failed';
  let confidence = 0;
  let features: Record<string, unknown> = {};
  try {
    const parse = parseQuestion(q.question, { dna })[0];
    kind = parse.kind;
    confidence = parse.confidence;
    if (parse.kind === 'sql') {
      sql = parse.sql.replace(/\s*\n\s*/g, ' ');
      const f = parse.frame;
      features = { shape: f.shape, joins: f.joins.length, sets: f.setConditions.length, argmax: Boolean(f.argmax), having: f.having.length, groups: f.groupBy.length, filters: f.filters.length, projection: f.projection.length, measures: f.measures.length };
    }
  } catch (error) {
    details.push(JSON.stringify({ id: q.id, error: String(error) }));
  }
  counts[kind as keyof typeof counts]++;
  predictions.push(JSON.stringify({ id: q.id, pred_sql: sql }));
  details.push(JSON.stringify({ id: q.id, db: q.db_id, question: q.question, gold: q.gold_sql, pred: sql, kind, confidence, features }));
}
writeFileSync(outPath, predictions.join('\n') + '\n');
writeFileSync(outPath.replace(/\.jsonl$/, '') + '.details.jsonl', details.join('\n') + '\n');
const ms = performance.now() - started;
console.log(`${questions.length} questions: ${counts.sql} answered, ${counts.clarify} clarified, ${counts.refuse} refused, ${counts.failed} failed; ${(ms / questions.length).toFixed(2)} ms/question`);
