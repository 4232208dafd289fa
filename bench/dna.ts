/**
 * Times the Data DNA profiler on the 1M-row sample (no assertions; timings live here, not in
 * tests). Prints seconds for a cold profile, a cached read, and the raw row-count query as the
 * baseline measured in the same run.
 *
 *   node bin/run-ts.js bench/dna.ts [dataDir]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDbConnector } from '../src/data/duckdb/duckdb-connector.js';
import { profileDatasource } from '../src/data/dna/index.js';
import { ensureSampleDatabase } from '../src/data/samples/generate-sample-database.js';
import { sharedSampleDataDir } from '../src/data/samples/sample-data-dir.js';

const seconds = (start: number) => (performance.now() - start) / 1000;

const dataDir = process.argv[2] ?? sharedSampleDataDir();
let start = performance.now();
const path = await ensureSampleDatabase(dataDir, { onProgress: (message) => console.log(message) });
const generation = seconds(start);
const connector = await openDuckDbConnector({ name: 'sample', path, readOnly: true });
const cacheDir = mkdtempSync(join(tmpdir(), 'insightx-bench-dna-'));
try {
  start = performance.now();
  await connector.query('SELECT count(*), avg(amount) FROM payments');
  const baseline = seconds(start);
  start = performance.now();
  const dna = await profileDatasource(connector, { cache: { dir: cacheDir } });
  const cold = seconds(start);
  start = performance.now();
  await profileDatasource(connector, { cache: { dir: cacheDir } });
  const cached = seconds(start);
  const rows = dna.tables.map((table) => `${table.name}=${table.rowCount}`).join(', ');
  console.log(`tables: ${rows}`);
  console.table([
    { step: 'sample generation (0 when it already existed)', seconds: generation.toFixed(2) },
    { step: 'raw query: count + avg over payments (baseline)', seconds: baseline.toFixed(3) },
    { step: 'DNA profile, cold', seconds: cold.toFixed(2), ratio: (cold / baseline).toFixed(0) },
    { step: 'DNA profile, cached', seconds: cached.toFixed(3), ratio: (cached / baseline).toFixed(1) },
  ]);
} finally {
  await connector.close();
  rmSync(cacheDir, { recursive: true, force: true });
}
