/**
 * Times the Data DNA profiler on a large MySQL/MariaDB table (no assertions; timings live here).
 * Seeds a fresh, randomly named database on the test server (MariaDB's SEQUENCE engine, or a
 * recursive CTE elsewhere), profiles it with progress lines, and prints the profile's time as a
 * ratio to one full `count(*)` of the same table measured in the same run. The database is dropped.
 *
 *   node bin/run-ts.js bench/mysql-dna.ts [rows=5000000] [server URL]
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { openMysqlConnector } from '../src/data/mysql/mysql-connector.js';
import { profileDatasource } from '../src/data/dna/index.js';

const rows = Number(process.argv[2] ?? 5_000_000);
const serverUrl = process.argv[3] ?? process.env.TEST_MYSQL_URL ?? 'mysql://insightx:insightx@127.0.0.1:3306/test';
const name = `insightx_bench_${randomBytes(4).toString('hex')}`;
const seconds = (start: number) => (performance.now() - start) / 1000;

const admin = await mysql.createConnection({ uri: serverUrl });
try {
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.query(`USE \`${name}\``);
  await admin.query(`CREATE TABLE transfers (id INT PRIMARY KEY, account_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL COMMENT 'Amount in euros',
    channel VARCHAR(10) NOT NULL, status VARCHAR(10) NOT NULL, booked_at DATETIME NOT NULL) COMMENT 'Money transfers'`);
  let start = performance.now();
  for (let from = 1; from <= rows; from += 1_000_000) {
    const to = Math.min(rows, from + 999_999);
    await admin.query(`INSERT INTO transfers SELECT seq, seq % 50000, (seq * 7919 % 100000) / 100, ELT(seq % 3 + 1, 'web', 'app', 'branch'),
      ELT(seq % 20 + 1, 'failed', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
      '2023-01-01' + INTERVAL (seq % 730) DAY + INTERVAL (seq % 86400) SECOND FROM seq_${from}_to_${to}`);
  }
  console.log(`seeded ${rows} rows in ${seconds(start).toFixed(1)} s`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connector = await openMysqlConnector({ name, url: url.toString(), statementTimeoutMs: 120_000 });
  try {
    start = performance.now();
    await connector.query('SELECT count(*) FROM transfers');
    const baseline = seconds(start);
    start = performance.now();
    const dna = await profileDatasource(connector, { onProgress: (message) => console.log(`  ${message}`) });
    const profile = seconds(start);
    const table = dna.tables[0];
    console.log(`profile: ${profile.toFixed(1)} s = ${(profile / baseline).toFixed(1)} × one count(*) (${baseline.toFixed(2)} s); rows ${table.rowCount}, sampled ${JSON.stringify(table.sampled)}`);
  } finally {
    await connector.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
  await admin.end();
}
