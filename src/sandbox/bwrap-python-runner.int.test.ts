import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../core/query-result.js';
import { createBwrapPythonRunner } from './bwrap/bwrap-python-runner.js';
import { listSandboxProcesses } from './bwrap/sandbox-processes.js';
import { detectPython } from './detect-python.js';
import { requireService } from '../../test/support/services.js';

const availability = await detectPython();
const available = requireService('python', availability.available ? null : availability.message, 'The Python runner tests');

const failureRates: QueryResult = {
  columns: [
    { name: 'state', type: 'VARCHAR' },
    { name: 'failure_rate', type: 'DOUBLE' },
    { name: 'payments', type: 'BIGINT' },
  ],
  rows: [
    ['CA', 0.1, 120],
    ['NY', 0.12, 90],
    ['TX', 0.11, 80],
    ['WA', 0.35, 40],
    ['São Paulo', 0.09, 10],
  ],
  rowCount: 5,
  truncated: false,
  elapsedMs: 1,
};

function zScores(values: number[]): number[] {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return values.map((value) => (value - mean) / Math.sqrt(variance));
}

describe.skipIf(!available)('bubblewrap Python runner', () => {
  const runner = createBwrapPythonRunner();

  it('computes z-scores on the input frame that match a reference computed in TypeScript', async () => {
    const run = await runner.run({
      code: [
        "df['z'] = (df.failure_rate - df.failure_rate.mean()) / df.failure_rate.std()",
        "result = df[['state', 'z']]",
        "print('rows', len(df))",
      ].join('\n'),
      inputs: [{ name: 'rates', result: failureRates }],
    });
    const expected = zScores(failureRates.rows.map((row) => row[1] as number));
    const records = run.result as { state: string; z: number }[];
    expect(records.map((record) => record.state)).toEqual(['CA', 'NY', 'TX', 'WA', 'São Paulo']);
    records.forEach((record, index) => expect(record.z).toBeCloseTo(expected[index]!, 10));
    expect(run.stdout).toBe('rows 5\n');
    expect(run.timings?.startMs).toBeGreaterThan(0);
  });

  it('keeps column types: integers, nulls as NaN/None, dates as datetimes, inputs by name', async () => {
    const events: QueryResult = {
      columns: [
        { name: 'day', type: 'DATE' },
        { name: 'amount', type: 'BIGINT' },
        { name: 'ok', type: 'BOOLEAN' },
        { name: 'note', type: 'VARCHAR' },
      ],
      rows: [
        ['2024-01-01', 5, true, 'a'],
        ['2024-01-03', null, false, null],
      ],
      rowCount: 2,
      truncated: false,
      elapsedMs: 1,
    };
    const run = await runner.run({
      code: [
        "e = dfs['events']",
        'result = {',
        "  'dtypes': {name: str(dtype) for name, dtype in e.dtypes.items()},",
        "  'days_apart': int((e.day.max() - e.day.min()).days),",
        "  'amount_sum': e.amount.sum(),",
        "  'missing_note': bool(e.note.isna().iloc[1]),",
        "  'first_is_rates': df is dfs['rates'],",
        "  'nan': float('nan'),",
        '}',
      ].join('\n'),
      inputs: [
        { name: 'rates', result: failureRates },
        { name: 'events', result: events },
      ],
    });
    expect(run.result).toEqual({
      dtypes: { day: 'datetime64[ns]', amount: 'float64', ok: 'bool', note: 'object' },
      days_apart: 2,
      amount_sum: 5,
      missing_note: true,
      first_is_rates: true,
      nan: null,
    });
  });

  it('returns matplotlib figures as PNG', async () => {
    const run = await runner.run({ code: "plt.bar(df.state, df.failure_rate)\nresult = 'drawn'", inputs: [{ name: 'rates', result: failureRates }] });
    expect(run.result).toBe('drawn');
    expect(run.figures).toHaveLength(1);
    expect(Buffer.from(run.figures[0]!.pngBase64, 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('reports an exception in the code as SANDBOX_CODE_ERROR with its line', async () => {
    await expect(runner.run({ code: "x = 1\ny = df['no_such_column']", inputs: [{ name: 'rates', result: failureRates }] })).rejects.toMatchObject({
      code: 'SANDBOX_CODE_ERROR',
      message: expect.stringContaining('line 2'),
    });
  });

  it('rejects a result that is not JSON-serialisable', async () => {
    await expect(runner.run({ code: 'result = object()', inputs: [] })).rejects.toMatchObject({ code: 'SANDBOX_CODE_ERROR', message: expect.stringContaining('JSON-serialisable') });
  });

  it('runs in a sandbox started ahead of time, and stops an unused one on close', async () => {
    const uids = { first: 62_100, count: 10 };
    const warmRunner = createBwrapPythonRunner({ uidRange: uids });
    await warmRunner.warm!();
    const run = await warmRunner.run({ code: 'result = float(df.failure_rate.max())', inputs: [{ name: 'rates', result: failureRates }] });
    expect(run.result).toBe(0.35);
    expect(run.timings?.startMs).toBe(0); // pandas was loaded before the run was handed over
    await warmRunner.warm!();
    await warmRunner.close!();
    expect(await listSandboxProcesses(uids)).toEqual([]);
  });

  it('stops the run when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(runner.run({ code: 'import time\ntime.sleep(60)', inputs: [], signal: controller.signal })).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
  });
});
