/**
 * # Sample database
 *
 * `ensureSampleDatabase(dataDir)` makes `<dataDir>/sample.duckdb` the first time it is
 * needed, entirely in DuckDB SQL (`range()` + `INSERT … SELECT`), in a few seconds. The data is
 * deterministic: every random draw is `hash(row, salt)`, so two generations are identical.
 *
 * ## `payments` — ≈ 1.1 million digital payments in India, 2024-01-01 … 2024-12-31
 * | column | type | notes |
 * | --- | --- | --- |
 * | `id` | BIGINT | 1…n in time order |
 * | `created_at` | TIMESTAMP | seasonal (Oct–Dec festive peak), busier Saturdays, quiet nights |
 * | `amount` | DECIMAL(12,2) | rupees, lognormal per merchant category (heavy tail) |
 * | `status` | VARCHAR | `success`, `failed`, `pending` |
 * | `failure_reason` | VARCHAR | null unless failed: `bank_timeout`, `network_error`, `insufficient_funds`, `invalid_pin`, `limit_exceeded`, `fraud_suspected` |
 * | `device_type` | VARCHAR | `Android`, `iOS`, `Web` — Android fails notably more often |
 * | `app_version` | VARCHAR | per device; older versions fail more |
 * | `state` | VARCHAR | 22 Indian states; Bihar, Assam and Jharkhand are genuine failure-rate outliers |
 * | `city_tier` | VARCHAR | `Tier 1`, `Tier 2`, `Tier 3` |
 * | `merchant_category` | VARCHAR | Groceries, Food & Dining, Electronics, Travel, … |
 * | `payment_method` | VARCHAR | `UPI`, `card`, `wallet`, `netbanking` |
 * | `bank` | VARCHAR | 10 Indian banks; Yes Bank and Punjab National Bank fail more |
 * | `customer_age_group` | VARCHAR | `18-24`, `25-34`, `35-44`, `45-54`, `55+` |
 * | `network_type` | VARCHAR | `4G`, `5G`, `WiFi`, `3G` — 3G is worst |
 * | `is_fraud_flagged` | BOOLEAN | rare; likelier for large amounts |
 *
 * ## `sales` — ≈ 50,000 orders, 2023-01-01 … 2024-12-31
 * `order_id` INTEGER, `order_date` DATE, `region`, `country`, `product`, `category`,
 * `customer_segment` (VARCHAR), `quantity` INTEGER, `unit_price` DECIMAL(10,2),
 * `amount` DECIMAL(12,2) = quantity × unit_price. Growth from 2023 to 2024 and a strong Q4.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../core/app-error.js';
import { paymentsSql } from './payments-sql.js';
import { salesSql } from './sales-sql.js';

export const SAMPLE_DATABASE_FILE = 'sample.duckdb';

export interface EnsureSampleDatabaseOptions {
  onProgress?: (message: string) => void;
}

/** Generations in flight per path, so two callers in one process never both write it. */
const inFlight = new Map<string, Promise<string>>();

/**
 * Returns the path of `<dataDir>/sample.duckdb`, generating it first when it is missing.
 * Written to a temporary file and renamed, so an interrupted run never leaves half a database.
 */
export function ensureSampleDatabase(dataDir: string, options: EnsureSampleDatabaseOptions = {}): Promise<string> {
  const target = join(dataDir, SAMPLE_DATABASE_FILE);
  if (existsSync(target)) return Promise.resolve(target);
  const running = inFlight.get(target);
  if (running) return running;
  const generation = generate(dataDir, target, options).finally(() => inFlight.delete(target));
  inFlight.set(target, generation);
  return generation;
}

async function generate(dataDir: string, target: string, options: EnsureSampleDatabaseOptions): Promise<string> {
  const progress = options.onProgress ?? (() => {});
  const temporary = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    await mkdir(dataDir, { recursive: true });
    const instance = await DuckDBInstance.create(temporary);
    const connection = await instance.connect();
    try {
      progress('Generating the sample payments table (about 1.1 million rows)…');
      await connection.run(paymentsSql());
      progress('Generating the sample sales table…');
      await connection.run(salesSql());
      // Everything into the main file: no WAL may be left beside it after the rename.
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    await rename(temporary, target);
    progress(`Sample database ready at ${target}.`);
    return target;
  } catch (error) {
    throw new AppError('DATASOURCE_UNREADABLE', `Could not generate the sample database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}. Check that the folder is writable and has a few hundred MB free.`, {
      details: { dataDir },
      cause: error,
    });
  } finally {
    // Never let cleanup hide the real error (e.g. ENOTDIR when dataDir is a file).
    await rm(temporary, { force: true }).catch(() => undefined);
    await rm(`${temporary}.wal`, { force: true }).catch(() => undefined);
  }
}
