import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paymentsSql } from '../../src/data/samples/payments-sql.js';
import { salesSql } from '../../src/data/samples/sales-sql.js';

/**
 * A data dir shared by the test files that need the sample database, so the 1M-row tables
 * are generated once per machine rather than once per file. The folder name carries a hash
 * of the generator's SQL: a changed generator gets a fresh database.
 */
export function sampleDataDir(): string {
  const version = createHash('sha1').update(paymentsSql()).update(salesSql()).digest('hex').slice(0, 10);
  return path.join(tmpdir(), `insightx-sample-${version}`);
}
