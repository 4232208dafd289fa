import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbConnector } from '../data/duckdb/duckdb-connector.js';
import { ensureSharedSample, sampleDataDir } from '../../test/business/sample-data-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/insightx.js');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `insightx` binary as a user would, on the shared sample data dir. */
function insightx(...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, INSIGHTX_DATA_DIR: sampleDataDir(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('insightx ask (the command line)', () => {
  beforeAll(async () => {
    await ensureSharedSample();
  });

  it('--json prints exactly one JSON object whose number is the engine\'s sum(amount)', async () => {
    const ran = await insightx('ask', 'What is the total payment amount?', '--json');
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]);
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['route', 'sql', 'columns', 'rows', 'rowCount', 'answer', 'chart', 'events', 'usage']));
    expect(answer.route).toBe('SQL_ONLY');
    expect(answer.datasource).toBe('sample');
    // How the question was read: what was computed, tied to the question's words.
    expect(answer.interpretation).toMatchObject({ restatement: 'Total amount', entity: 'payments', unaccounted: [] });
    expect(answer.interpretation.parts).toContainEqual({ role: 'measure', text: 'total amount', words: expect.arrayContaining(['amount']) });
    expect(answer.events.some((event: { type: string }) => event.type === 'interpretation')).toBe(true);
    expect(answer.chart).toMatchObject({ type: expect.any(String), code: expect.stringContaining('export default function Viz') });
    expect(answer.events[0].type).toBe('run-start');
    expect(answer.events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });

    const connector = await openDuckDbConnector({ name: 'check', path: path.join(sampleDataDir(), 'sample.duckdb'), readOnly: true });
    try {
      const [[expected]] = (await connector.query('SELECT sum(amount) FROM payments')).rows as number[][];
      expect(answer.rows[0][0]).toBeCloseTo(expected, 6);
      expect(answer.answer).toContain(expected.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    } finally {
      await connector.close();
    }
  });

  it('prints the SQL, a table and the answer for people, with progress on stderr', async () => {
    const ran = await insightx('ask', 'Failure rate by device type');
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/SELECT/);
    expect(ran.stdout).toMatch(/Android/);
    expect(ran.stdout).toMatch(/Answer/);
    expect(ran.stdout).toMatch(/^Datasource: sample$/m);
    expect(ran.stderr).toMatch(/route SQL_ONLY on sample/);
    expect(ran.stderr).toMatch(/Using SQL agent/);
    expect(ran.stderr).toMatch(/called run_sql/);
  });

  it('prints how it read the question above the SQL', async () => {
    const ran = await insightx('ask', 'How many failed payments on Android?');
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/Reading {2}Count of payments where status is 'failed' and device_type is 'Android'/);
    expect(ran.stdout).toMatch(/filter +device_type is 'Android' +← "Android"/);
    expect(ran.stdout.indexOf('Reading')).toBeLessThan(ran.stdout.indexOf('SELECT'));
  });

  it('gives no number for a word the data does not explain: numbered options, also in --json', async () => {
    const ran = await insightx('ask', 'How many payments came through the kiosk?', '--json');
    expect(ran.code, ran.stderr).toBe(0);
    const answer = JSON.parse(ran.stdout.trim());
    expect(answer.sql).toBeNull();
    expect(answer.rows).toEqual([]);
    expect(answer.route).toBe('CLARIFY');
    expect(answer.answer).toContain('"kiosk"');
    expect(answer.options.length).toBeGreaterThan(0);
    answer.options.forEach((option: string, index: number) => expect(answer.answer).toContain(`${index + 1}. ${option}`));
  });

  it('an empty question exits 2 with one line saying what to do', async () => {
    const ran = await insightx('ask', '   ');
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toMatch(/INPUT_EMPTY_QUESTION/);
  });

  it('an unknown datasource exits 2 with one line', async () => {
    const ran = await insightx('ask', 'How many rows?', '--datasource', 'no-such-source');
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toMatch(/DATASOURCE_NOT_FOUND|DATASOURCE_UNREADABLE/);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreadable file exits 2 with one line', async () => {
    const ran = await insightx('ask', 'How many rows?', '--datasource', '/nonexistent/data.csv');
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toMatch(/DATASOURCE_/);
  });

  it('insightx dna payments prints the profile of the table', async () => {
    const ran = await insightx('dna', 'payments');
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/payments/);
    expect(ran.stdout).toMatch(/device_type/);
  });

  it('insightx dna with an unknown table exits 2 naming the tables there are', async () => {
    const ran = await insightx('dna', 'nope');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/payments/);
  });
});
