import { lookup, uniform, weightedPick } from './weighted-pick.js';

/** Candidate rows; the seasonal acceptance keeps about 44% of them (≈ 1.1 million payments). */
const CANDIDATES = 2_500_000;

const STATES: [string, number][] = [
  ['Maharashtra', 14], ['Uttar Pradesh', 12], ['Karnataka', 10], ['Tamil Nadu', 9], ['Delhi', 9], ['Gujarat', 7],
  ['Telangana', 6], ['West Bengal', 6], ['Rajasthan', 5], ['Andhra Pradesh', 4], ['Kerala', 4], ['Madhya Pradesh', 4],
  ['Haryana', 3], ['Punjab', 3], ['Bihar', 3], ['Odisha', 2], ['Assam', 2], ['Jharkhand', 2], ['Chhattisgarh', 2],
  ['Uttarakhand', 1], ['Goa', 1], ['Himachal Pradesh', 1],
];
/** The genuine outliers: failure rates far above every other state (a z-score test flags them). */
const STATE_FAILURE: Record<string, number> = { Bihar: 2.6, Assam: 2.3, Jharkhand: 2.1 };
const DEVICES: [string, number][] = [['Android', 62], ['iOS', 23], ['Web', 15]];
const DEVICE_FAILURE: Record<string, number> = { Android: 1.45, iOS: 0.7, Web: 0.95 };
const NETWORKS: [string, number][] = [['4G', 55], ['WiFi', 22], ['5G', 15], ['3G', 8]];
const NETWORK_FAILURE: Record<string, number> = { '3G': 2.4, '4G': 1.0, '5G': 0.75, WiFi: 0.8 };
const BANKS: [string, number][] = [
  ['SBI', 24], ['HDFC Bank', 18], ['ICICI Bank', 15], ['Axis Bank', 10], ['Kotak Mahindra Bank', 8], ['Punjab National Bank', 7],
  ['Bank of Baroda', 6], ['Canara Bank', 5], ['Yes Bank', 4], ['IndusInd Bank', 3],
];
const BANK_FAILURE: Record<string, number> = { 'Punjab National Bank': 1.35, 'Yes Bank': 1.5, 'Canara Bank': 1.2, 'HDFC Bank': 0.8, 'ICICI Bank': 0.85, 'Kotak Mahindra Bank': 0.85 };
const TIERS: [string, number][] = [['Tier 1', 45], ['Tier 2', 35], ['Tier 3', 20]];
const TIER_FAILURE: Record<string, number> = { 'Tier 1': 0.9, 'Tier 2': 1.0, 'Tier 3': 1.2 };
const METHODS: [string, number][] = [['UPI', 60], ['card', 20], ['wallet', 12], ['netbanking', 8]];
const METHOD_FAILURE: Record<string, number> = { netbanking: 1.3, card: 1.1, wallet: 0.9, UPI: 1.0 };
const AGE_GROUPS: [string, number][] = [['18-24', 22], ['25-34', 35], ['35-44', 22], ['45-54', 13], ['55+', 8]];
/** Category with the log of its typical amount in rupees: amounts are lognormal around it. */
const CATEGORIES: [string, number, number][] = [
  ['Groceries', 22, Math.log(450)], ['Food & Dining', 18, Math.log(350)], ['Utilities', 10, Math.log(1200)], ['Fuel', 9, Math.log(1500)],
  ['Fashion', 9, Math.log(1800)], ['Electronics', 7, Math.log(6000)], ['Travel', 7, Math.log(4500)], ['Entertainment', 8, Math.log(500)],
  ['Healthcare', 6, Math.log(900)], ['Education', 4, Math.log(5000)],
];
const REASONS: [string, number][] = [
  ['bank_timeout', 28], ['network_error', 24], ['insufficient_funds', 22], ['invalid_pin', 12], ['limit_exceeded', 9], ['fraud_suspected', 5],
];
const MONTH_WEIGHT = [0.85, 0.8, 0.9, 0.9, 0.95, 0.9, 0.95, 1.0, 1.0, 1.1, 1.25, 1.3];
const HOUR_WEIGHT = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0, 1.0, 0.9, 0.85, 0.85, 0.85, 0.9, 1.0, 1.0, 0.95, 0.8, 0.55, 0.3];
/** ISO weekday 1 = Monday … 7 = Sunday: Saturdays busiest, Sundays a little quieter. */
const WEEKDAY_WEIGHT = [1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 0.9];

const list = (values: number[]) => `[${values.join(', ')}]`;

/**
 * The SQL that creates `payments` (see generate-sample-database.ts for the columns).
 * `candidates` shrinks the table for tests; the default gives ≈ 1.1 million rows.
 */
export function paymentsSql(candidates = CANDIDATES): string {
  const u = (salt: string) => uniform('i', salt);
  const acceptMax = Math.max(...MONTH_WEIGHT) * Math.max(...HOUR_WEIGHT) * Math.max(...WEEKDAY_WEIGHT);
  const categoryMu = Object.fromEntries(CATEGORIES.map(([name, , mu]) => [name, Number(mu.toFixed(4))]));
  return `
CREATE TABLE payments AS
WITH candidates AS (
  SELECT i, TIMESTAMP '2024-01-01' + to_seconds(CAST(floor(${u('ts')} * 366 * 86400) AS BIGINT)) AS created_at
  FROM range(${candidates}) t(i)
), accepted AS (
  SELECT i, created_at FROM candidates
  WHERE ${u('accept')} < ${list(MONTH_WEIGHT)}[month(created_at)] * ${list(HOUR_WEIGHT)}[hour(created_at) + 1]
        * ${list(WEEKDAY_WEIGHT)}[isodow(created_at)] / ${acceptMax}
), dimensions AS (
  SELECT i, created_at,
    ${weightedPick(u('device'), DEVICES)} AS device_type,
    ${weightedPick(u('state'), STATES)} AS state,
    ${weightedPick(u('tier'), TIERS)} AS city_tier,
    ${weightedPick(u('category'), CATEGORIES.map(([name, weight]) => [name, weight] as const))} AS merchant_category,
    ${weightedPick(u('method'), METHODS)} AS payment_method,
    ${weightedPick(u('bank'), BANKS)} AS bank,
    ${weightedPick(u('age'), AGE_GROUPS)} AS customer_age_group,
    ${weightedPick(u('network'), NETWORKS)} AS network_type,
    ${u('version')} AS version_draw,
    -- Box-Muller: a standard normal from two uniforms, for lognormal (heavy-tailed) amounts.
    sqrt(-2 * ln(greatest(${u('amount1')}, 1e-9))) * cos(2 * pi() * ${u('amount2')}) AS normal_draw
  FROM accepted
), shaped AS (
  SELECT *,
    CASE device_type
      WHEN 'Android' THEN ${weightedPick('version_draw', [['5.2.0', 40], ['5.1.3', 30], ['5.0.1', 18], ['4.9.8', 12]])}
      WHEN 'iOS' THEN ${weightedPick('version_draw', [['5.2.0', 55], ['5.1.2', 35], ['5.0.0', 10]])}
      ELSE ${weightedPick('version_draw', [['web-24.12', 60], ['web-24.06', 40]])} END AS app_version,
    0.032 * ${lookup('device_type', DEVICE_FAILURE)} * ${lookup('network_type', NETWORK_FAILURE)} * ${lookup('bank', BANK_FAILURE)}
      * ${lookup('state', STATE_FAILURE)} * ${lookup('city_tier', TIER_FAILURE)} * ${lookup('payment_method', METHOD_FAILURE)}
      * CASE WHEN hour(created_at) < 5 THEN 1.25 ELSE 1 END AS failure_probability
  FROM dimensions
), with_status AS (
  SELECT *,
    failure_probability * CASE WHEN app_version IN ('4.9.8', '5.0.0') THEN 1.2 ELSE 1 END AS p_fail,
    greatest(1, round(exp(${lookup('merchant_category', categoryMu, 6)} + 0.95 * normal_draw), 2)) AS raw_amount
  FROM shaped
), with_outcome AS (
  SELECT *, CASE WHEN ${u('status')} < p_fail THEN 'failed' WHEN ${u('status')} < p_fail + 0.015 THEN 'pending' ELSE 'success' END AS status
  FROM with_status
)
SELECT
  CAST(row_number() OVER (ORDER BY created_at, i) AS BIGINT) AS id,
  created_at,
  CAST(least(raw_amount, 500000) AS DECIMAL(12, 2)) AS amount,
  status,
  CASE WHEN status = 'failed' THEN
    CASE WHEN network_type = '3G' AND ${u('reason_net')} < 0.35 THEN 'network_error' ELSE ${weightedPick(u('reason'), REASONS)} END
  END AS failure_reason,
  device_type, app_version, state, city_tier, merchant_category, payment_method, bank, customer_age_group, network_type,
  (${u('fraud')} < 0.0015 + CASE WHEN raw_amount > 20000 THEN 0.02 ELSE 0 END) AS is_fraud_flagged
FROM with_outcome
ORDER BY created_at, i`;
}
