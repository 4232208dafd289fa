import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../../test/support/services.js';
import { openPostgresConnector, type PostgresConnector } from '../postgres/postgres-connector.js';
import { formatDna } from './format-dna.js';
import { profileDatasource } from './profile-datasource.js';
import { SAMPLE_ABOVE_ROWS } from './profile-table.js';

const available = requireService('postgres', await postgresProblem(), 'Profiling PostgreSQL datasources');
const BIG_ROWS = 400_000;

describe.runIf(available)('Data DNA of a PostgreSQL datasource', () => {
  let database: ScratchPostgresDatabase;
  let connector: PostgresConnector;
  const cacheDir = mkdtempSync(join(tmpdir(), 'insightx-pg-dna-'));

  beforeAll(async () => {
    database = await createScratchPostgresDatabase('dna');
    await database.run([
      'CREATE TABLE branches (id integer PRIMARY KEY, city text NOT NULL)',
      "INSERT INTO branches VALUES (1, 'Leeds'), (2, 'York'), (3, 'Bath')",
      `CREATE TABLE transfers (id bigint PRIMARY KEY, branch_id integer REFERENCES branches(id), amount numeric(12,2), status text, made_at timestamptz)`,
      "COMMENT ON TABLE transfers IS 'Money moved between accounts'",
      `INSERT INTO transfers SELECT n, 1 + n % 3, (n % 1000) + 0.5, CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'success' END,
         TIMESTAMPTZ '2024-01-01 00:00:00+00' + (n % 365) * INTERVAL '1 day' FROM generate_series(1, ${BIG_ROWS}) AS n`,
      'ANALYZE transfers',
      'CREATE VIEW failed_transfers AS SELECT * FROM transfers WHERE status = \'failed\'',
    ]);
    connector = await openPostgresConnector({ name: 'payments', url: database.url });
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('samples a large table, keeps its exact row count and says which figures are sampled, with progress', async () => {
    const progress: string[] = [];
    const dna = await profileDatasource(connector, { onProgress: (message) => progress.push(message), timeBudgetMs: 60_000 });
    expect(progress).toEqual([
      'Profiling branches (1/3, 0%)…',
      'Profiling failed_transfers (2/3, 33%)…',
      'Profiling transfers (3/3, 67%)…',
      'Profiled 3 tables (100%).',
    ]);
    const transfers = dna.tables.find((table) => table.name === 'transfers')!;
    expect(BIG_ROWS).toBeGreaterThan(SAMPLE_ABOVE_ROWS);
    expect(transfers.rowCount).toBe(BIG_ROWS);
    expect(transfers.description).toBe('Money moved between accounts');
    expect(transfers.sampled?.method).toMatch(/^TABLESAMPLE SYSTEM \(\d+(\.\d+)?%\)$/);
    expect(transfers.sampled?.rows).toBeGreaterThan(20_000);
    expect(transfers.sampled?.rows).toBeLessThan(BIG_ROWS);
    expect(transfers.sampled?.figures).toContain('topValues');
    const status = transfers.columns.find((column) => column.name === 'status')!;
    expect(status.role).toBe('status');
    expect(status.topValues.map((top) => top.value)).toEqual(['success', 'failed']);
    // A sample's failure share is close to the table's 10%.
    const failure = transfers.derivedMetrics.find((metric) => metric.unit === 'ratio');
    expect(failure?.baseline).toBeGreaterThan(0.08);
    expect(failure?.baseline).toBeLessThan(0.12);
    expect(transfers.columns.find((column) => column.name === 'id')?.distinctCount).toBe(BIG_ROWS);
    expect(transfers.columns.find((column) => column.name === 'made_at')?.timeRange?.grain).toBe('day');
    const text = formatDna(dna, 'transfers');
    expect(text).toContain('transfers — 400,000 rows — Money moved between accounts');
    expect(text).toMatch(/sampled: [\d,]+ rows \(TABLESAMPLE SYSTEM \([\d.]+%\)\); from the sample: nullShare, distinctCount, topValues/);
    const view = dna.tables.find((table) => table.name === 'failed_transfers')!;
    expect(view.rowCount).toBe(BIG_ROWS / 10);
    expect(view.sampled).toBeUndefined();
    expect(dna.tables.find((table) => table.name === 'branches')?.sampled).toBeUndefined();
  });

  it('reuses the cached DNA until the schema changes, then profiles again', async () => {
    const cache = { dir: cacheDir };
    let profiled = 0;
    const onProgress = (message: string) => {
      if (message.startsWith('Profiling')) profiled++;
    };
    const first = await profileDatasource(connector, { cache, onProgress, tables: ['branches'] });
    const again = await profileDatasource(connector, { cache, onProgress, tables: ['branches'] });
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(profiled).toBe(1);
    await database.run(["COMMENT ON COLUMN branches.city IS 'Where the branch is'"]);
    const changed = await profileDatasource(connector, { cache, onProgress, tables: ['branches'] });
    expect(profiled).toBe(2);
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(changed.tables[0].columns.find((column) => column.name === 'city')?.description).toBe('Where the branch is');
    await database.run(['ALTER TABLE branches ADD COLUMN opened_on date']);
    const altered = await profileDatasource(connector, { cache, onProgress, tables: ['branches'] });
    expect(profiled).toBe(3);
    expect(altered.tables[0].columns.map((column) => column.name)).toEqual(['id', 'city', 'opened_on']);
  });

  it('fails clearly when profiling runs past its time budget', async () => {
    await expect(profileDatasource(connector, { timeBudgetMs: 1 })).rejects.toMatchObject({ code: 'CONNECTOR_QUERY_TIMEOUT', message: expect.stringContaining('time budget') });
  });
});
