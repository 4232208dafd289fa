import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paymentsSql } from './payments-sql.js';
import { salesSql } from './sales-sql.js';

/**
 * For tests and benchmarks: a data dir shared by every test file that needs the 1M-row sample,
 * so it is generated once per machine. The name carries a hash of the generator's SQL, so a
 * changed generator gets a fresh database (the same scheme as test/business/sample-data-dir.ts).
 */
export function sharedSampleDataDir(): string {
  const version = createHash('sha1').update(paymentsSql()).update(salesSql()).digest('hex').slice(0, 10);
  return join(tmpdir(), `insightx-sample-${version}`);
}
