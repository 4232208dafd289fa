import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../../../test/support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../../../test/support/services.js';
import { DataDna } from '../../core/dna.js';
import { openMysqlConnector, type MysqlConnector } from '../mysql/mysql-connector.js';
import { compactDna } from './compact-dna.js';
import { profileDatasource, type DnaProgress } from './profile-datasource.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL Data DNA tests');
const ROWS = 3000;

describe.skipIf(!available)('Data DNA of a MySQL/MariaDB database', () => {
  let database: MysqlTestDatabase;
  let connector: MysqlConnector;
  const cacheDir = mkdtempSync(join(tmpdir(), 'insightx-mysql-dna-'));

  beforeAll(async () => {
    database = await createMysqlTestDatabase('dna', [
      "CREATE TABLE regions (id INT PRIMARY KEY, name VARCHAR(20) COMMENT 'Sales region') COMMENT 'Where customers live'",
      "INSERT INTO regions VALUES (1, 'north'), (2, 'south')",
      "CREATE TABLE visits (id INT PRIMARY KEY, region_id INT, minutes DECIMAL(8,2) COMMENT 'Length of the visit', channel VARCHAR(10), seen_at DATETIME, FOREIGN KEY (region_id) REFERENCES regions(id)) COMMENT 'Website visits'",
    ]);
    const rows = Array.from({ length: ROWS }, (_, index) => `(${index + 1}, ${(index % 2) + 1}, ${((index * 37) % 600) / 4}, '${['web', 'app', 'mail'][index % 3]}', '2024-01-01 00:00:00' + INTERVAL ${index} HOUR)`);
    await database.run([`INSERT INTO visits VALUES ${rows.join(', ')}`]);
    connector = await openMysqlConnector({ name: `dna_${database.name}`, url: database.url });
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('profiles a large table from a bounded sample, says so, keeps the exact row count and reports progress', async () => {
    const progress: DnaProgress[] = [];
    const dna = await profileDatasource(connector, { sampleRows: 1000, onProgress: (_, step) => progress.push(step) });
    expect(DataDna.parse(dna)).toEqual(dna);
    const visits = dna.tables.find((table) => table.name === 'visits')!;
    expect(visits.rowCount).toBe(ROWS);
    expect(visits.sampled).toEqual({ rows: 1000, method: expect.stringMatching(/bounded scan/), figures: expect.arrayContaining(['topValues', 'timeRange']) });
    // Counts from the sample are brought to the table's size: a third of the rows read, times three.
    const [[firstThousandWeb]] = (await connector.query("SELECT count(*) FROM (SELECT channel FROM visits ORDER BY id LIMIT 1000) AS s WHERE channel = 'web'")).rows;
    expect(visits.columns.find((column) => column.name === 'channel')?.topValues).toContainEqual({ value: 'web', count: Number(firstThousandWeb) * 3 });
    // The sample is the first 1000 rows by primary key: its time range ends with row 1000's hour.
    expect(visits.columns.find((column) => column.name === 'seen_at')?.timeRange).toMatchObject({ min: '2024-01-01T00:00:00', max: expect.stringMatching(/^2024-02-11T15:00:00/) });
    expect(visits.columns.find((column) => column.name === 'id')?.distinctCount).toBe(ROWS);
    expect(dna.tables.find((table) => table.name === 'regions')?.sampled).toBeUndefined();
    expect(progress.map((step) => step.table)).toEqual(['regions', 'visits', '']);
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(compactDna(dna)).toMatch(/table visits rows=3000 sampled=1000 .*about="Website visits"/);
  });

  it('turns comments into descriptions and keeps declared foreign keys', async () => {
    const dna = await profileDatasource(connector);
    const visits = dna.tables.find((table) => table.name === 'visits')!;
    expect(visits.sampled).toBeUndefined();
    expect(visits.description).toBe('Website visits');
    expect(visits.columns.find((column) => column.name === 'minutes')?.description).toBe('Length of the visit');
    expect(visits.foreignKeys).toContainEqual({ column: 'region_id', refTable: 'regions', refColumn: 'id', inferred: false });
    expect(visits.columns.find((column) => column.name === 'seen_at')?.timeRange).toMatchObject({ min: '2024-01-01T00:00:00', grain: 'hour' });
  });

  it('reuses the cached DNA until the schema changes', async () => {
    const first = await profileDatasource(connector, { cache: { dir: cacheDir }, now: () => new Date('2024-01-01T00:00:00Z') });
    const again = await profileDatasource(connector, { cache: { dir: cacheDir }, now: () => new Date('2025-01-01T00:00:00Z') });
    expect(again.generatedAt).toBe(first.generatedAt);
    await database.run(['ALTER TABLE regions ADD COLUMN manager VARCHAR(40)']);
    const changed = await profileDatasource(connector, { cache: { dir: cacheDir }, now: () => new Date('2025-01-01T00:00:00Z') });
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(changed.tables.find((table) => table.name === 'regions')?.columns.map((column) => column.name)).toContain('manager');
  });
});
