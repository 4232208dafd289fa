// Builds the trust-suite databases (test/trust/db/<db_id>.sqlite): twelve business schemas
// designed for measuring whether the analyst answers right, asks or refuses (questions.jsonl).
// Seven are dev schemas, five are test schemas (SPLITS); a schema's questions are all in its split.
// Deterministic: the same script always writes the same rows. Usage:
//   node bin/run-ts.js test/trust/build.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClinic, buildRealty, buildRegistrar } from './schemas/clinic-school-realty.js';
import { buildLedger, buildMarketing } from './schemas/ledger-marketing.js';
import { buildHr, buildRetail, buildSaas } from './schemas/retail-saas-hr.js';
import { buildHelpdesk, buildLogistics } from './schemas/support-logistics.js';
import { buildPlant, buildTravel } from './schemas/travel-plant.js';

import { TRUST_DB_DIR } from './generate.js';

export { TRUST_DB_DIR };

/** Which split each schema's questions are in. The data of every schema ends 2024-12-31. */
export const SPLITS: Record<string, 'dev' | 'test'> = {
  retail_shop: 'dev',
  saas_billing: 'dev',
  hr_core: 'dev',
  helpdesk: 'dev',
  freight_ops: 'dev',
  gl_ledger: 'dev',
  mkt_campaigns: 'dev',
  clinic_emr: 'test',
  uni_registrar: 'test',
  realty: 'test',
  travel_bookings: 'test',
  plant_inventory: 'test',
};

/** Builds the twelve databases into `dir` (test/trust/db by default); returns their paths. */
export function buildTrustDatabases(dir: string = TRUST_DB_DIR): string[] {
  const builders = [buildRetail, buildSaas, buildHr, buildHelpdesk, buildLogistics, buildLedger, buildMarketing, buildClinic, buildRegistrar, buildRealty, buildTravel, buildPlant];
  return builders.map((build) => build(dir));
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  for (const file of buildTrustDatabases()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
