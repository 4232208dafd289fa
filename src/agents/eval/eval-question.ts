import { AppError } from '../../core/app-error.js';

/** What a question expects: an answer (gold SQL gives it), a clarifying question, or a refusal. */
export type EvalExpect = 'answer' | 'clarify' | 'refuse';

const EXPECTS: readonly EvalExpect[] = ['answer', 'clarify', 'refuse'];

/** One benchmark question: a line of `questions.jsonl`. The run reads only id, question and db_id; the scoring reads the rest. */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Names the database; `{db_id}` in the `--db` pattern is replaced by it. */
  dbId: string;
  /** The SQL whose result is the right answer; null or absent when there is none. */
  goldSql?: string | null;
  /** Absent: an answer when there is gold SQL, otherwise the question is not scored. */
  expect?: EvalExpect;
  /** `dev` or `test` in a suite split by schema (`--split`). */
  split?: string;
}

const EXPECTED = 'each line must be a JSON object {"id": "...", "question": "...", "db_id": "..."}';

/**
 * Reads a questions file in score.py's format (one JSON object per line, blank lines skipped).
 * @throws AppError INPUT_INVALID naming the file and line when a line is not a question, or an id repeats.
 */
export function parseEvalQuestions(text: string, source: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AppError('INPUT_INVALID', `${where} is not JSON: ${EXPECTED}.`, { details: { path: source, line: index + 1 } });
    }
    const record = (value ?? {}) as Record<string, unknown>;
    const id = typeof record.id === 'number' ? String(record.id) : record.id;
    if (typeof id !== 'string' || id === '' || typeof record.question !== 'string' || typeof record.db_id !== 'string' || record.db_id === '') {
      throw new AppError('INPUT_INVALID', `${where} lacks id, question or db_id: ${EXPECTED}.`, { details: { path: source, line: index + 1 } });
    }
    if (seen.has(id)) {
      throw new AppError('INPUT_INVALID', `${where} repeats the id "${id}": every question needs its own id (the predictions are matched by it).`, {
        details: { path: source, line: index + 1 },
      });
    }
    seen.add(id);
    const goldSql = typeof record.gold_sql === 'string' && record.gold_sql.trim() !== '' ? record.gold_sql : null;
    if (record.expect !== undefined && !EXPECTS.includes(record.expect as EvalExpect)) {
      throw new AppError('INPUT_INVALID', `${where} has expect ${JSON.stringify(record.expect)}: use "answer", "clarify" or "refuse".`, { details: { path: source, line: index + 1 } });
    }
    const expect = record.expect as EvalExpect | undefined;
    if (expect === 'answer' && goldSql === null) {
      throw new AppError('INPUT_INVALID', `${where} expects an answer but has no gold_sql: add the SQL whose result is the right answer.`, { details: { path: source, line: index + 1 } });
    }
    const split = typeof record.split === 'string' && record.split !== '' ? record.split : undefined;
    questions.push({ id, question: record.question, dbId: record.db_id, goldSql, ...(expect ? { expect } : {}), ...(split ? { split } : {}) });
  }
  return questions;
}
