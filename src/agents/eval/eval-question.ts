import { AppError } from '../../core/app-error.js';

/** One benchmark question: a line of `questions.jsonl` (`gold_sql` may be there; the run ignores it). */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Names the database; `{db_id}` in the `--db` pattern is replaced by it. */
  dbId: string;
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
    questions.push({ id, question: record.question, dbId: record.db_id });
  }
  return questions;
}
