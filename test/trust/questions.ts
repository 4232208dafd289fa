// The trust suite's questions are written per schema in test/trust/questions/<db_id>.txt, one a
// line: `a | question | gold SQL | note` (expect an answer), `c | question | - | note` (expect a
// clarifying question: the note names both readings) or `r | question | - | note` (expect a
// refusal: the note names what the data lacks). `#` starts a comment line. Assembling them gives
// questions.jsonl, the file `insightx eval` reads:
//   node bin/run-ts.js test/trust/questions.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPLITS } from './build.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const QUESTIONS_DIR = path.join(HERE, 'questions');
export const QUESTIONS_FILE = path.join(HERE, 'questions.jsonl');

export type Expect = 'answer' | 'clarify' | 'refuse';

/** One line of questions.jsonl. */
export interface TrustQuestion {
  id: string;
  db_id: string;
  split: 'dev' | 'test';
  question: string;
  expect: Expect;
  gold_sql: string | null;
  note: string;
}

const EXPECTS: Record<string, Expect> = { a: 'answer', c: 'clarify', r: 'refuse' };

/** Parses one schema's source file. @throws Error naming the file and line of a malformed line. */
export function parseQuestionSource(dbId: string, text: string): TrustQuestion[] {
  const split = SPLITS[dbId];
  if (!split) throw new Error(`questions/${dbId}.txt: "${dbId}" is not a schema of build.ts (SPLITS).`);
  const questions: TrustQuestion[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(' | ');
    const where = `questions/${dbId}.txt:${index + 1}`;
    const expect = EXPECTS[parts[0]];
    if (!expect || parts.length < 3 || parts.length > 4) throw new Error(`${where}: expected "a|c|r | question | SQL or - | note", got "${line}".`);
    const sql = parts[2].trim();
    const note = (parts[3] ?? '').trim();
    if (expect === 'answer' && sql === '-') throw new Error(`${where}: an answer question needs its gold SQL.`);
    if (expect !== 'answer' && (sql !== '-' || note === '')) throw new Error(`${where}: a clarify/refuse question has "-" for SQL and a note saying why.`);
    questions.push({ id: `${dbId}-${String(questions.length + 1).padStart(3, '0')}`, db_id: dbId, split, question: parts[1].trim(), expect, gold_sql: expect === 'answer' ? sql : null, note });
  });
  return questions;
}

/** Every schema's questions, schemas in file-name order. */
export function readQuestionSources(): TrustQuestion[] {
  return readdirSync(QUESTIONS_DIR)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .flatMap((file) => parseQuestionSource(file.replace(/\.txt$/, ''), readFileSync(path.join(QUESTIONS_DIR, file), 'utf8')));
}

/** The text of questions.jsonl for the given questions. */
export function questionsJsonl(questions: TrustQuestion[]): string {
  return questions.map((question) => JSON.stringify(question)).join('\n') + '\n';
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const questions = readQuestionSources();
  writeFileSync(QUESTIONS_FILE, questionsJsonl(questions));
  console.log(`wrote ${path.relative(process.cwd(), QUESTIONS_FILE)} (${questions.length} questions)`);
}
