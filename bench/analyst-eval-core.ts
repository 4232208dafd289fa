// Shared by bench/analyst-eval.ts and bench/analyst-report.ts: parse every question of a
// text-to-SQL set with the analyst over a DNA of its SQLite database.
import { readFileSync } from 'node:fs';
import { parseQuestion } from '../src/analyst/index.js';
import type { DataDna } from '../src/core/dna.js';
import { dnaFromSqlite } from './analyst-dna-from-sqlite.js';

export interface EvalQuestion {
  id: string;
  question: string;
  db_id: string;
  gold_sql: string;
}

export interface EvalDetail {
  id: string;
  db: string;
  question: string;
  gold: string;
  pred: string;
  kind: 'sql' | 'clarify' | 'refuse' | 'failed';
  confidence: number;
  features: Record<string, unknown>;
  error?: string;
}

export interface EvalRun {
  details: EvalDetail[];
  counts: Record<EvalDetail['kind'], number>;
  msPerQuestion: number;
}

export async function evaluateQuestions(questionsPath: string, dbPattern: string, options: { realDna?: boolean } = {}): Promise<EvalRun> {
  const questions = readFileSync(questionsPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as EvalQuestion);
  const dnas = new Map<string, DataDna>();
  for (const id of new Set(questions.map((q) => q.db_id))) {
    const path = dbPattern.replaceAll('{db_id}', id);
    dnas.set(id, options.realDna ? await profileWithDataLayer(path, id) : dnaFromSqlite(path, id));
  }
  const details: EvalDetail[] = [];
  const counts = { sql: 0, clarify: 0, refuse: 0, failed: 0 };
  const started = performance.now();
  for (const q of questions) {
    const detail: EvalDetail = { id: q.id, db: q.db_id, question: q.question, gold: q.gold_sql, pred: '', kind: 'failed', confidence: 0, features: {} };
    try {
      const parse = parseQuestion(q.question, { dna: dnas.get(q.db_id) as DataDna })[0];
      detail.kind = parse.kind;
      detail.confidence = parse.confidence;
      if (parse.kind === 'sql') {
        // A refused or unclear question gets an empty prediction, never a guess.
        detail.pred = parse.sql.replace(/\s*\n\s*/g, ' ');
        const f = parse.frame;
        detail.features = { shape: f.shape, joins: f.joins.length, sets: f.setConditions.length, argmax: Boolean(f.argmax), having: f.having.length, groups: f.groupBy.length, filters: f.filters.length, projection: f.projection.length, measures: f.measures.length, unaccounted: parse.interpretation.unaccounted };
      }
    } catch (error) {
      detail.error = String(error);
    }
    counts[detail.kind]++;
    details.push(detail);
  }
  return { details, counts, msPerQuestion: (performance.now() - started) / Math.max(1, questions.length) };
}

export async function profileWithDataLayer(path: string, name: string): Promise<DataDna> {
  const { openSqliteConnector } = await import('../src/data/sqlite/sqlite-connector.js');
  const { profileDatasource } = await import('../src/data/dna/index.js');
  const connector = await openSqliteConnector({ name, path });
  try {
    return await profileDatasource(connector);
  } finally {
    await connector.close();
  }
}
