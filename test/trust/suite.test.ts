import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildTrustDatabases, SPLITS, TRUST_DB_DIR } from './build.js';
import { QUESTIONS_FILE, questionsJsonl, readQuestionSources, type TrustQuestion } from './questions.js';

const questions: TrustQuestion[] = readFileSync(QUESTIONS_FILE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as TrustQuestion);

describe('the trust suite', () => {
  it('is the file the question sources assemble to (run test/trust/questions.ts after editing them)', () => {
    expect(readFileSync(QUESTIONS_FILE, 'utf8')).toBe(questionsJsonl(readQuestionSources()));
  });

  it('has at least 600 questions on at least 12 schemas, 15% or more of them to clarify or refuse', () => {
    const schemas = new Set(questions.map((question) => question.db_id));
    const abstain = questions.filter((question) => question.expect !== 'answer').length;
    expect(questions.length).toBeGreaterThanOrEqual(600);
    expect(schemas.size).toBeGreaterThanOrEqual(12);
    expect(abstain / questions.length).toBeGreaterThanOrEqual(0.15);
    for (const schema of schemas) expect(existsSync(path.join(TRUST_DB_DIR, `${schema}.sqlite`)), schema).toBe(true);
  });

  it('gives every question its own id, a known expectation, and gold SQL exactly when an answer is expected', () => {
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
    for (const question of questions) {
      expect(['answer', 'clarify', 'refuse'], question.id).toContain(question.expect);
      expect(question.question.trim(), question.id).not.toBe('');
      if (question.expect === 'answer') expect(question.gold_sql, question.id).toMatch(/^\s*(SELECT|WITH)\b/i);
      else {
        expect(question.gold_sql, question.id).toBeNull();
        // The note says both readings (clarify) or what the data lacks (refuse).
        expect(question.note.length, question.id).toBeGreaterThan(15);
      }
    }
  });

  it('splits by schema: no schema has questions in both splits, about 7 dev and 5–6 test schemas', () => {
    const splitsOf = new Map<string, Set<string>>();
    for (const question of questions) splitsOf.set(question.db_id, (splitsOf.get(question.db_id) ?? new Set()).add(question.split));
    for (const [schema, splits] of splitsOf) {
      expect([...splits], schema).toEqual([SPLITS[schema]]);
    }
    const schemasIn = (split: string) => [...splitsOf].filter(([, splits]) => splits.has(split)).length;
    expect(schemasIn('dev')).toBeGreaterThanOrEqual(6);
    expect(schemasIn('test')).toBeGreaterThanOrEqual(5);
    for (const split of ['dev', 'test']) {
      const inSplit = questions.filter((question) => question.split === split);
      expect(inSplit.filter((question) => question.expect !== 'answer').length / inSplit.length, split).toBeGreaterThanOrEqual(0.15);
    }
  });

  it('ships the databases build.ts writes, byte for byte (the build is deterministic)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'insightx-trust-'));
    try {
      const files = buildTrustDatabases(dir);
      expect(files).toHaveLength(Object.keys(SPLITS).length);
      for (const file of files) {
        const committed = path.join(TRUST_DB_DIR, path.basename(file));
        expect(readFileSync(file).equals(readFileSync(committed)), `${path.basename(file)} differs: run node bin/run-ts.js test/trust/build.ts`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs every gold query on its database and gets at least one row', () => {
    const connections = new Map<string, Database.Database>();
    const failures: string[] = [];
    try {
      for (const question of questions) {
        if (question.gold_sql === null) continue;
        let db = connections.get(question.db_id);
        if (!db) {
          db = new Database(path.join(TRUST_DB_DIR, `${question.db_id}.sqlite`), { readonly: true, fileMustExist: true });
          connections.set(question.db_id, db);
        }
        try {
          const rows = db.prepare(question.gold_sql).raw().all();
          if (rows.length === 0) failures.push(`${question.id}: no rows`);
        } catch (error) {
          failures.push(`${question.id}: ${(error as Error).message}`);
        }
      }
    } finally {
      for (const db of connections.values()) db.close();
    }
    expect(failures).toEqual([]);
  });
});
