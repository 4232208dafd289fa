/**
 * Times the Data DNA profiler on a PostgreSQL table of 5 million rows (no assertions; timings
 * live here, not in tests). Creates a scratch database on TEST_DATABASE_URL's server, prints
 * the progress lines as they come, then seconds for a full `count(*)` (the baseline measured in
 * the same run), the sampled cold profile and the cached read, and drops the database.
 *
 *   node bin/run-ts.js bench/dna-postgres.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDatasource } from '../src/data/dna/index.js';
import { openPostgresConnector } from '../src/data/postgres/postgres-connector.js';
import { createScratchPostgresDatabase } from '../test/support/postgres-database.js';

const seconds = (start: number) => (performance.now() - start) / 1000;
const rows = Number(process.argv[2] ?? 5_000_000);

const database = await createScratchPostgresDatabase('bench_dna');
const cacheDir = mkdtempSync(join(tmpdir(), 'insightx-bench-pg-dna-'));
try {
  let start = performance.now();
  await database.run([
    'CREATE TABLE customers (id integer PRIMARY KEY, city text NOT NULL, segment text NOT NULL)',
    `INSERT INTO customers SELECT n, (ARRAY['Leeds', 'York', 'Bath', 'Hull', 'Derby'])[1 + n % 5], CASE WHEN n % 7 = 0 THEN 'business' ELSE 'retail' END
       FROM generate_series(1, 100000) AS n`,
    `CREATE TABLE transactions (id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), amount numeric(12,2) NOT NULL,
       status text NOT NULL, channel text NOT NULL, booked_at timestamptz NOT NULL, note text)`,
    "COMMENT ON TABLE transactions IS 'Card and transfer transactions'",
    `INSERT INTO transactions SELECT n, 1 + n % 100000, ((n::bigint * 7919) % 100000) / 100.0,
       CASE WHEN n % 23 = 0 THEN 'failed' ELSE 'success' END, (ARRAY['card', 'transfer', 'cash'])[1 + n % 3],
       TIMESTAMPTZ '2022-01-01 00:00:00+00' + (n % 1000000) * INTERVAL '1 minute', CASE WHEN n % 9 = 0 THEN NULL ELSE 'n' || (n % 5000) END
       FROM generate_series(1, ${rows}) AS n`,
    'ANALYZE',
  ]);
  const load = seconds(start);
  const connector = await openPostgresConnector({ name: 'bench', url: database.url, statementTimeoutMs: 120_000 });
  try {
    start = performance.now();
    await connector.query('SELECT count(*), avg(amount) FROM transactions');
    const baseline = seconds(start);
    start = performance.now();
    const dna = await profileDatasource(connector, {
      cache: { dir: cacheDir },
      timeBudgetMs: 60_000,
      onProgress: (message) => console.log(`${((performance.now() - start) / 1000).toFixed(1)} s  ${message}`),
    });
    const cold = seconds(start);
    start = performance.now();
    await profileDatasource(connector, { cache: { dir: cacheDir } });
    const cached = seconds(start);
    for (const table of dna.tables) console.log(`${table.name}: rows=${table.rowCount} sampled=${table.sampled ? `${table.sampled.rows} (${table.sampled.method})` : 'no'}`);
    console.table([
      { step: `load ${rows} rows (setup)`, seconds: load.toFixed(1) },
      { step: 'raw query: count + avg over transactions (baseline)', seconds: baseline.toFixed(3) },
      { step: 'DNA profile, cold (sampled)', seconds: cold.toFixed(2), ratio: (cold / baseline).toFixed(1) },
      { step: 'DNA profile, cached', seconds: cached.toFixed(3), ratio: (cached / baseline).toFixed(2) },
    ]);
  } finally {
    await connector.close();
  }
} finally {
  await database.drop();
  rmSync(cacheDir, { recursive: true, force: true });
}
