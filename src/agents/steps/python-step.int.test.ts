import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDataDir } from '../../../test/business/sample-data-dir.js';
import { createCliRuntime, type CliRuntime } from '../../cli/create-runtime.js';
import type { RunEventPayload } from '../../core/events.js';
import { loadConfig } from '../../core/load-config.js';
import type { Connector } from '../../data/connector.js';
import { detectPython } from '../../sandbox/detect-python.js';
import type { PythonRunner } from '../../sandbox/python-runner.js';
import { createUnavailablePythonRunner } from '../../sandbox/unavailable-python-runner.js';
import type { RunOutcome } from '../orchestrator.js';
import { requireService } from '../../../test/support/services.js';

const availability = await detectPython();
const available = requireService('python', availability.available ? null : availability.message, 'The SQL_THEN_PY tests');

const QUESTION = 'Which states are outliers in failure rate?';

/** The reference, written independently of the analyst: per-state failure share, z over states. */
const REFERENCE_SQL = `
  WITH per_state AS (
    SELECT state, SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) AS rate
    FROM payments GROUP BY state
  )
  SELECT state, (rate - AVG(rate) OVER ()) / STDDEV_SAMP(rate) OVER () AS z FROM per_state`;

interface Outlier {
  label: string;
  z_score: number;
}

async function referenceOutliers(connector: Connector): Promise<Map<string, number>> {
  const { rows } = await connector.query(REFERENCE_SQL, { limit: 1_000 });
  return new Map(rows.filter((row) => Math.abs(row[1] as number) > 2).map((row) => [row[0] as string, row[1] as number]));
}

async function openRuntime(pythonRunner?: PythonRunner): Promise<{ runtime: CliRuntime; connector: Connector }> {
  const config = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: sampleDataDir() } });
  const runtime = createCliRuntime(config, pythonRunner ? { pythonRunner } : {});
  const { connector } = await runtime.prepare('sample');
  return { runtime, connector };
}

async function ask(runtime: CliRuntime, question: string): Promise<RunOutcome & { events: RunEventPayload[] }> {
  const events: RunEventPayload[] = [];
  const outcome = await runtime.orchestrator.run({ runId: 'run_1', threadId: null, question, datasource: 'sample', emit: (event) => void events.push(event) });
  return { ...outcome, events };
}

function outliersOf(outcome: RunOutcome): Outlier[] {
  return ((outcome.python?.result as { outliers?: Outlier[] } | undefined)?.outliers ?? []) as Outlier[];
}

function expectSameOutliers(found: Outlier[], reference: Map<string, number>): void {
  expect(reference.size).toBeGreaterThan(0);
  expect(found.map((outlier) => outlier.label).sort()).toEqual([...reference.keys()].sort());
  for (const outlier of found) expect(outlier.z_score).toBeCloseTo(reference.get(outlier.label)!, 6);
}

describe.skipIf(!available)('SQL_THEN_PY with sandboxed Python (sample payments, embedded model)', () => {
  let runtime: CliRuntime;
  let connector: Connector;
  let reference: Map<string, number>;
  beforeAll(async () => {
    const opened = await openRuntime();
    runtime = opened.runtime;
    connector = opened.connector;
    reference = await referenceOutliers(connector);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('finds the outlier states by z-score, matching a reference computed in SQL, and names the method', async () => {
    const outcome = await ask(runtime, QUESTION);
    expect(outcome.status).toBe('completed');
    expect(outcome.route).toBe('SQL_THEN_PY');
    expect(outcome.python).toMatchObject({ language: 'python', method: 'z-score' });
    expect(outcome.python?.code).toContain('z_score');
    expectSameOutliers(outliersOf(outcome), reference);
    for (const state of reference.keys()) expect(outcome.answer).toContain(state);
    expect(outcome.answer).toMatch(/Method: z-score/);
    const types = outcome.events.map((event) => event.type);
    expect(types).toContain('code-end');
    expect(outcome.events.find((event) => event.type === 'tool-call' && event.toolName === 'run_python')).toBeDefined();
  });

  it('correlates failure rate with amount over days, matching the engine\'s corr()', async () => {
    const outcome = await ask(runtime, 'Is failure rate correlated with amount?');
    expect(outcome.python).toMatchObject({ language: 'python', method: 'Pearson and Spearman correlation' });
    const result = outcome.python?.result as { pearson_r: number; n: number; spearman_p: number };
    const { rows } = await connector.query(
      `SELECT corr(rate, amount), count(*) FROM (
         SELECT CAST(created_at AS DATE) AS day, AVG(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS rate, AVG(amount) AS amount
         FROM payments GROUP BY 1)`,
      { limit: 1 },
    );
    expect(result.pearson_r).toBeCloseTo(rows[0]![0] as number, 6);
    expect(result.n).toBe(rows[0]![1]);
    expect(outcome.answer).toMatch(/Pearson r = -?\d\.\d\d \(p [=<] [\d.]+\), Spearman rho/);
  });

  it('forecasts next month with a named method', async () => {
    const outcome = await ask(runtime, "Forecast next month's payment volume");
    expect(outcome.python?.method).toMatch(/^(seasonal naive|simple exponential smoothing)$/);
    const forecast = (outcome.python?.result as { forecast: { period: string; value: number }[] }).forecast;
    expect(forecast).toHaveLength(1);
    expect(forecast[0]!.period).toBe('2025-01'); // the sample data covers 2024, by month
    expect(outcome.answer).toContain(`Method: ${outcome.python?.method}`);
  });
});

describe('SQL_THEN_PY without Python (sample payments, embedded model)', () => {
  let runtime: CliRuntime;
  let reference: Map<string, number>;
  const message = 'Python analysis is off: bwrap not found (test).';
  beforeAll(async () => {
    const opened = await openRuntime(createUnavailablePythonRunner({ missing: ['bwrap'], message }));
    runtime = opened.runtime;
    reference = await referenceOutliers(opened.connector);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('computes the outliers by z-score in SQL instead, and says Python was unavailable', async () => {
    const outcome = await ask(runtime, QUESTION);
    expect(outcome.status).toBe('completed');
    expect(outcome.route).toBe('SQL_THEN_PY');
    expect(outcome.python).toMatchObject({ language: 'sql', method: 'z-score' });
    expect(outcome.python?.code).toMatch(/STDDEV_SAMP/);
    expectSameOutliers(outliersOf(outcome), reference);
    expect(outcome.answer).toContain(message);
    expect(outcome.answer).toMatch(/computed in SQL instead, by z-score/);
    expect(outcome.events.some((event) => event.type === 'tool-call' && event.toolName === 'run_python')).toBe(false);
  });
});
