import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

let dir: string;

function createShopDatabase(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE customer (customer_id INTEGER PRIMARY KEY, name TEXT, city TEXT, age INTEGER);
    CREATE TABLE purchase (purchase_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(customer_id), amount REAL, product TEXT);
  `);
  const customers = [
    [1, 'Ana', 'Lisbon', 34],
    [2, 'Ben', 'Leeds', 41],
    [3, 'Chloé', 'Lyon', 29],
    [4, 'Dev', 'Leeds', 52],
  ];
  for (const row of customers) db.prepare('INSERT INTO customer VALUES (?, ?, ?, ?)').run(...row);
  const purchases = [
    [1, 1, 12.5, 'tea'],
    [2, 1, 30, 'coffee'],
    [3, 2, 7.25, 'tea'],
    [4, 4, 99, 'grinder'],
  ];
  for (const row of purchases) db.prepare('INSERT INTO purchase VALUES (?, ?, ?, ?)').run(...row);
  db.close();
}

function capture() {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      cwd: dir,
      env: {},
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

const readJsonLines = (file: string) =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'insightx-eval-'));
  mkdirSync(path.join(dir, 'db', 'shop'), { recursive: true });
  createShopDatabase(path.join(dir, 'db', 'shop', 'shop.sqlite'));
  const questions = [
    { id: 'q1', question: 'How many customers are there?', db_id: 'shop' },
    { id: 'q2', question: 'What will the weather be tomorrow?', db_id: 'shop' },
    { id: 'q3', question: 'What is the name of the oldest customer?', db_id: 'shop' },
  ];
  writeFileSync(path.join(dir, 'questions.jsonl'), questions.map((question) => JSON.stringify(question)).join('\n') + '\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('insightx eval', () => {
  it('writes one prediction per question in input order, the SQL that ran for answered ones, and prints the counts', async () => {
    const run = capture();
    const code = await runCli(['eval', 'questions.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/predictions.jsonl', '--details', 'out/details.jsonl'], run.io);
    expect(code).toBe(0);
    const predictions = readJsonLines('out/predictions.jsonl');
    expect(predictions.map((line) => line.id)).toEqual(['q1', 'q2', 'q3']);
    expect(predictions.every((line) => typeof line.pred_sql === 'string')).toBe(true);

    // The count question is answered, and its SQL returns what a person would count.
    const db = new Database(path.join(dir, 'db', 'shop', 'shop.sqlite'), { readonly: true });
    expect(db.prepare(predictions[0].pred_sql as string).raw().all()).toEqual([[4]]);
    db.close();

    const details = readJsonLines('out/details.jsonl');
    expect(details[0]).toMatchObject({ id: 'q1', db_id: 'shop', status: 'completed', verdict: 'answered' });
    expect(typeof details[0].confidence).toBe('number');
    expect(details[0].sql).toBe(predictions[0].pred_sql);
    expect(run.stdout()).toMatch(/3 questions in .*: \d+ answered, \d+ clarified, \d+ refused, \d+ failed/);
    expect(run.stderr()).toContain('3/3');
  });

  it('gives a question it does not answer an empty prediction, never a guess', async () => {
    const run = capture();
    await runCli(['eval', 'questions.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/refusal.jsonl', '--details', 'out/refusal-details.jsonl'], run.io);
    const predictions = readJsonLines('out/refusal.jsonl');
    const details = readJsonLines('out/refusal-details.jsonl');
    // Nothing in the data is about the weather: the engine declines, and the prediction stays empty.
    expect(details[1].verdict).not.toBe('answered');
    expect(predictions[1]).toEqual({ id: 'q2', pred_sql: '' });
    for (const [index, detail] of details.entries()) {
      if (detail.verdict !== 'answered') expect(predictions[index].pred_sql).toBe('');
    }
  });

  it('runs only the first questions with --limit', async () => {
    const run = capture();
    expect(await runCli(['eval', 'questions.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/limited.jsonl', '--limit', '1', '--concurrency', '1'], run.io)).toBe(0);
    expect(readJsonLines('out/limited.jsonl').map((line) => line.id)).toEqual(['q1']);
  });

  it('scores each run against the gold: correct, wrong and abstained, in the details and per split', async () => {
    const scoredQuestions = [
      { id: 's1', question: 'How many customers are there?', db_id: 'shop', split: 'dev', expect: 'answer', gold_sql: 'SELECT count(*) FROM customer' },
      { id: 's2', question: 'What will the weather be tomorrow?', db_id: 'shop', split: 'dev', expect: 'refuse', gold_sql: null, note: 'no weather data' },
      // The gold here is a different count than the one asked for: the same answer must now score wrong.
      { id: 's3', question: 'How many customers are there?', db_id: 'shop', split: 'test', expect: 'answer', gold_sql: "SELECT count(*) FROM customer WHERE city = 'Leeds'" },
      { id: 's4', question: 'How many customers are there?', db_id: 'shop', split: 'test', expect: 'clarify', gold_sql: null, note: 'pretend it is ambiguous' },
    ];
    writeFileSync(path.join(dir, 'scored.jsonl'), scoredQuestions.map((question) => JSON.stringify(question)).join('\n') + '\n');
    const run = capture();
    expect(await runCli(['eval', 'scored.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/scored.jsonl', '--details', 'out/scored-details.jsonl', '--concurrency', '1'], run.io)).toBe(0);
    const details = readJsonLines('out/scored-details.jsonl');
    expect(details.map((detail) => [detail.id, detail.expect, detail.split])).toEqual([
      ['s1', 'answer', 'dev'],
      ['s2', 'refuse', 'dev'],
      ['s3', 'answer', 'test'],
      ['s4', 'clarify', 'test'],
    ]);
    expect(details[0]).toMatchObject({ verdict: 'answered', outcome: 'correct' });
    expect(details[1].outcome).toBe(details[1].verdict === 'failed' ? 'abstained' : 'correct');
    expect(details[2]).toMatchObject({ verdict: 'answered', outcome: 'wrong', outcome_reason: 'rows differ' });
    expect(details[3]).toMatchObject({ verdict: 'answered', outcome: 'wrong', outcome_reason: 'answered where it should ask' });
    // The predictions file stays what score.py reads.
    expect(readJsonLines('out/scored.jsonl').map((line) => Object.keys(line))).toEqual(Array(4).fill(['id', 'pred_sql']));
    const s2 = details[1].outcome === 'correct' ? 1 : 0;
    expect(run.stdout()).toContain(`Against the gold: 4 scored: ${1 + s2} correct, 2 wrong, ${1 - s2} abstained; precision of answered 1/3 = 33.3%.`);
    expect(run.stdout()).toContain('  test: 2 scored: 0 correct, 2 wrong, 0 abstained; precision of answered 0/2 = 0.0%.');

    const testOnly = capture();
    expect(await runCli(['eval', 'scored.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/scored-test.jsonl', '--split', 'test'], testOnly.io)).toBe(0);
    expect(readJsonLines('out/scored-test.jsonl').map((line) => line.id)).toEqual(['s3', 's4']);
    expect(testOnly.stdout()).toContain('Against the gold: 2 scored: 0 correct, 2 wrong, 0 abstained');

    const unknown = capture();
    expect(await runCli(['eval', 'scored.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'x.jsonl', '--split', 'holdout'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(/No question in "scored.jsonl" has split "holdout": its splits are dev, test/);
  });

  it('prints no gold line for a questions file without gold_sql or expect', async () => {
    const run = capture();
    await runCli(['eval', 'questions.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'out/plain.jsonl', '--limit', '1'], run.io);
    expect(run.stdout()).not.toContain('Against the gold');
  });

  it.each([
    ['an unknown expect', '{"id": "e", "question": "How many customers?", "db_id": "shop", "expect": "maybe"}', /expect "maybe": use "answer", "clarify" or "refuse"/],
    ['an answer without gold SQL', '{"id": "e", "question": "How many customers?", "db_id": "shop", "expect": "answer"}', /expects an answer but has no gold_sql/],
  ])('exits 2 naming the line for %s', async (_name, line, message) => {
    writeFileSync(path.join(dir, 'bad-expect.jsonl'), `${line}\n`);
    const run = capture();
    expect(await runCli(['eval', 'bad-expect.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'x.jsonl'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/bad-expect\.jsonl:1/);
    expect(run.stderr()).toMatch(message);
  });

  it.each([
    ['a missing questions file', ['eval', 'nope.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'x.jsonl'], /no such file/],
    ['a pattern without {db_id}', ['eval', 'questions.jsonl', '--db', 'db/shop/shop.sqlite', '--out', 'x.jsonl'], /must contain \{db_id\}/],
    ['a missing database', ['eval', 'questions.jsonl', '--db', 'elsewhere/{db_id}.sqlite', '--out', 'x.jsonl'], /No database for db_id "shop"/],
    ['a bad --concurrency', ['eval', 'questions.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'x.jsonl', '--concurrency', '0'], /positive whole number/],
  ])('exits 2 with a one-line message for %s', async (_name, argv, message) => {
    const run = capture();
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 and names the line of a questions file that is not JSONL', async () => {
    writeFileSync(path.join(dir, 'broken.jsonl'), '{"id": "a", "question": "How many customers?", "db_id": "shop"}\nnot json\n');
    const run = capture();
    expect(await runCli(['eval', 'broken.jsonl', '--db', 'db/{db_id}/{db_id}.sqlite', '--out', 'x.jsonl'], run.io)).toBe(2);
    expect(run.stderr()).toContain('broken.jsonl:2');
  });
});
