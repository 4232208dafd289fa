import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriorTurn, RunOutcome } from '../../src/agents/orchestrator.js';
import { formatPercent } from '../../src/analyst/format-number.js';
import { createCliRuntime, type CliRuntime } from '../../src/cli/create-runtime.js';
import type { RunEventPayload } from '../../src/core/events.js';
import { loadConfig } from '../../src/core/load-config.js';
import type { Cell } from '../../src/core/query-result.js';
import { detectPython } from '../../src/sandbox/detect-python.js';
import { requireService } from '../support/services.js';
import { ensureSharedSample } from './sample-data-dir.js';

const python = await detectPython();
requireService('python', python.available ? null : python.message, 'The follow-up tests ("Which of these are outliers?")');

type Answer = RunOutcome & { events: RunEventPayload[] };

/** One thread on the sample data, through the whole pipeline as `insightx ask` runs it, with the turns so far as history. */
function useThread() {
  let runtime: CliRuntime;
  let history: PriorTurn[] = [];
  let runs = 0;
  beforeAll(async () => {
    const config = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: await ensureSharedSample() } });
    runtime = createCliRuntime(config);
    await runtime.prepare('sample');
  });
  afterAll(async () => {
    await runtime?.close();
  });
  return {
    reset: () => void (history = []),
    async ask(question: string): Promise<Answer> {
      const events: RunEventPayload[] = [];
      const outcome = await runtime.orchestrator.run({ runId: `run_${++runs}`, threadId: 'thread_1', question, datasource: 'sample', history: [...history], emit: (event) => void events.push(event) });
      history.push({ question, route: outcome.route, sql: outcome.sql, answer: outcome.answer, resultId: outcome.resultId });
      return { ...outcome, events };
    },
    async query(sql: string): Promise<Cell[][]> {
      const { connector } = await runtime.prepare('sample');
      return (await connector.query(sql, { limit: 10_000 })).rows;
    },
  };
}

const FAILED = "avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END)";

describe('"Why is that?" after an answer about a segment', () => {
  const thread = useThread();

  async function expectDriverAnalysis(answer: Answer) {
    expect(answer.status).toBe('completed');
    expect(answer.route).toBe('SQL_ONLY');
    // Shown like any query: the SQL ran through run_sql (the read-only guard) and its result is a table.
    expect(answer.events.some((event) => event.type === 'tool-call' && event.toolName === 'run_sql')).toBe(true);
    expect(answer.events.find((event) => event.type === 'sql-attempt')).toMatchObject({ status: 'ok', sql: answer.sql });
    expect(answer.events.some((event) => event.type === 'data-ready')).toBe(true);
    // Android against the rest, by hand.
    const [[android, rest]] = (await thread.query(
      `SELECT ${FAILED.replace('avg(', 'avg(CASE WHEN device_type = \'Android\' THEN ').replace('ELSE 0 END)', 'ELSE 0 END END)')}, ${FAILED.replace('avg(', 'avg(CASE WHEN device_type <> \'Android\' THEN ').replace('ELSE 0 END)', 'ELSE 0 END END)')} FROM payments`,
    )) as number[][];
    expect(answer.answer).toContain(`device_type = Android has failure rate ${formatPercent(android)}`);
    expect(answer.answer).toContain(`against ${formatPercent(rest)} for the rest`);
    // The largest contributor the answer names, checked against a query written by hand.
    const named = /other dimensions: (\w+) = ([^(]+?) \(([\d.]+)% of the segment\): ([\d.]+)% in the segment vs ([\d.]+)% in the rest/.exec(answer.answer);
    expect(named, answer.answer).not.toBeNull();
    const [, column, value, share, inSegment, inRest] = named!;
    const [[segmentShare, segmentRate, restRate]] = (await thread.query(`
      SELECT avg(CASE WHEN device_type = 'Android' THEN CASE WHEN CAST(${column} AS VARCHAR) = '${value}' THEN 1.0 ELSE 0 END END),
             avg(CASE WHEN device_type = 'Android' AND CAST(${column} AS VARCHAR) = '${value}' THEN CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END END),
             avg(CASE WHEN device_type <> 'Android' AND CAST(${column} AS VARCHAR) = '${value}' THEN CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END END)
      FROM payments`)) as number[][];
    expect(`${share}%`).toBe(formatPercent(segmentShare));
    expect(`${inSegment}%`).toBe(formatPercent(segmentRate));
    expect(`${inRest}%`).toBe(formatPercent(restRate));
    expect(answer.answer).toMatch(/\(association\), not what causes/);
    // Every row of the result is a dimension of the table other than the segment's, and never the metric's own column.
    const dimensions = new Set(answer.rows.map((row) => row[0]));
    expect(dimensions.has('device_type')).toBe(false);
    expect(dimensions.has('status')).toBe(false);
  }

  it('after "failure rate by device type": Android (the highest) against the rest', async () => {
    thread.reset();
    const first = await thread.ask('What is the failure rate by device type?');
    const device = first.columns.findIndex((column) => column.name === 'device_type');
    expect(first.rows[0][device]).toBe('Android');
    await expectDriverAnalysis(await thread.ask('Why is that?'));
  });

  it('after "failure rate for Android": the filtered segment against the rest', async () => {
    thread.reset();
    await thread.ask('What is the failure rate for Android?');
    await expectDriverAnalysis(await thread.ask('Why is that?'));
  });
});

describe('"Which of these are outliers?" after a grouped result', () => {
  const thread = useThread();

  it('analyses the previous result in Python, with no new query, matching z-scores computed by hand', async () => {
    const previous = await thread.ask('Failure rate by state');
    expect(previous.columns.map((column) => column.name)).toContain('state');
    const answer = await thread.ask('Which of these are outliers?');
    expect(answer.status).toBe('completed');
    expect(answer.route).toBe('PYTHON_ONLY');
    expect(answer.events.some((event) => event.type === 'sql-attempt')).toBe(false);
    expect(answer.python).toMatchObject({ language: 'python', method: 'z-score' });
    expect(answer.resultId).toBe(previous.resultId);
    const reference = await thread.query(`
      WITH per_state AS (SELECT state, ${FAILED} AS rate FROM payments GROUP BY state)
      SELECT state, (rate - avg(rate) OVER ()) / stddev_samp(rate) OVER () AS z FROM per_state`);
    const expected = reference.filter((row) => Math.abs(row[1] as number) > 2).map((row) => row[0]).sort();
    expect(expected.length).toBeGreaterThan(0);
    const found = ((answer.python!.result as { outliers: { label: string; z_score: number }[] }).outliers);
    expect(found.map((outlier) => outlier.label).sort()).toEqual(expected);
    for (const outlier of found) expect(outlier.z_score).toBeCloseTo(reference.find((row) => row[0] === outlier.label)![1] as number, 6);
  });
});

describe('carry-over: metric, filters and grouping of the previous turn', () => {
  const thread = useThread();
  const rate = (where: string) => thread.query(`SELECT ${FAILED} FROM payments WHERE ${where}`).then((rows) => rows[0][0] as number);

  it('"and for iOS?" keeps the failure rate and changes the segment', async () => {
    thread.reset();
    await thread.ask('What is the failure rate for Android?');
    const answer = await thread.ask('and for iOS?');
    expect(answer.rows).toHaveLength(1);
    expect(answer.rows[0][0]).toBeCloseTo(await rate("device_type = 'iOS'"), 12);
  });

  it('"and for Web?" after a breakdown by device type is the Web group alone', async () => {
    thread.reset();
    await thread.ask('Failure rate by device type');
    const answer = await thread.ask('and for Web?');
    expect(answer.rows).toHaveLength(1);
    expect(answer.rows[0][0]).toBeCloseTo(await rate("device_type = 'Web'"), 12);
  });

  it('"break it down by month" keeps the rate and the filter', async () => {
    thread.reset();
    await thread.ask('What is the failure rate for Android?');
    const answer = await thread.ask('break it down by month');
    const expected = await thread.query(`SELECT date_trunc('month', created_at) AS m, ${FAILED} FROM payments WHERE device_type = 'Android' GROUP BY m ORDER BY m`);
    expect(answer.rows.length).toBe(expected.length);
    const byMonth = new Map(answer.rows.map((row) => [String(row.find((cell) => typeof cell === 'string')).slice(0, 7), row.find((cell) => typeof cell === 'number') as number]));
    for (const [month, value] of expected) expect(byMonth.get(String(month).slice(0, 7))).toBeCloseTo(value as number, 12);
  });

  it('"top 3 instead" keeps the measure and the grouping, with three rows', async () => {
    thread.reset();
    await thread.ask('Total amount by state');
    const answer = await thread.ask('top 3 instead');
    const expected = await thread.query('SELECT state, sum(amount) AS total FROM payments GROUP BY state ORDER BY total DESC LIMIT 3');
    expect(answer.rows.map((row) => row[0])).toEqual(expected.map((row) => row[0]));
    expect(answer.rows.map((row) => row[1])).toEqual(expected.map((row) => row[1]));
  });

  it('"no, I meant by bank" keeps the measure and replaces the grouping', async () => {
    thread.reset();
    await thread.ask('Total amount by state');
    const answer = await thread.ask('no, I meant by bank');
    const expected = await thread.query('SELECT bank, sum(amount) AS total FROM payments GROUP BY bank ORDER BY total DESC');
    expect(answer.columns.map((column) => column.name)).toContain('bank');
    expect(new Map(answer.rows.map((row) => [row[0], row[1]]))).toEqual(new Map(expected.map((row) => [row[0], row[1]])));
  });

  // (The sample covers 2024 only, so "only 2024" is the whole table: a month is a real filter.)
  it('"only March 2024" keeps the breakdown and adds the period', async () => {
    thread.reset();
    await thread.ask('Number of payments by city tier');
    const answer = await thread.ask('only March 2024');
    const expected = await thread.query("SELECT city_tier, count(*) FROM payments WHERE created_at >= '2024-03-01' AND created_at < '2024-04-01' GROUP BY city_tier");
    expect(new Map(answer.rows.map((row) => [row[0], Number(row[1])]))).toEqual(new Map(expected.map((row) => [row[0], Number(row[1])])));
  });
});
