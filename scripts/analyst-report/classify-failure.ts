import { sqlFeatures } from './sql-features.js';
import type { Verdict } from './verdicts.js';

/** The eval command's `--details` line (src/agents/eval/run-eval.ts `detailsLine`). */
export interface Detail {
  id: string;
  db_id: string;
  question: string;
  route: string | null;
  status: string;
  verdict: 'answered' | 'clarified' | 'refused' | 'failed';
  sql: string | null;
  confidence: number | null;
  reading_index: number | null;
  confidence_source: 'read-data-dna' | 'router-dna' | 'full-dna' | null;
  sql_attempts: number;
  error_code: string | null;
  error_message: string | null;
  elapsed_ms: number;
  /** Present when the questions file has gold_sql / expect (src/agents/eval/score-eval.ts). */
  expect?: 'answer' | 'clarify' | 'refuse' | null;
  split?: string | null;
  outcome?: 'correct' | 'wrong' | 'abstained' | null;
  outcome_reason?: string | null;
}

export const FAILURE_CAUSES = [
  'refused or asked to clarify',
  'engine error (no query ran)',
  'wrong table',
  'missing join',
  'unasked-for subquery or superlative',
  'missing subquery / set operation (negation, "both", comparison with an aggregate)',
  'wrong projection (column count)',
  'column order',
  'wrong aggregate',
  'grouping (GROUP BY / HAVING)',
  'wrong or missing filter value',
  'ordering / limit',
  'duplicates (DISTINCT)',
  'extra join',
  'other (same shape, different rows)',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const subset = (a: Set<string>, b: Set<string>) => [...a].every((item) => b.has(item));

/**
 * Why a question was answered wrongly (or not at all), the first cause that applies, from the
 * run's details, the scorer's re-execution and a comparison of the gold and predicted SQL.
 */
export function classifyFailure(detail: Detail, verdict: Verdict): FailureCause {
  if (detail.verdict === 'refused' || detail.verdict === 'clarified') return 'refused or asked to clarify';
  if (detail.verdict === 'failed' || !detail.sql || verdict.pred_error) return 'engine error (no query ran)';
  const identifiers = new Set(verdict.identifiers);
  const gold = sqlFeatures(verdict.gold_sql, identifiers);
  const pred = sqlFeatures(detail.sql, identifiers);
  // Before the tables: a subquery's tables (NOT IN (SELECT … FROM loan)) are missing because the subquery is.
  if (gold.nested && !pred.nested) return 'missing subquery / set operation (negation, "both", comparison with an aggregate)';
  if (pred.nested && !gold.nested) return 'unasked-for subquery or superlative';
  if (!subset(gold.tables, pred.tables)) return gold.tables.size > pred.tables.size && gold.joined && !pred.joined ? 'missing join' : 'wrong table';
  if (verdict.pred_columns !== verdict.gold_columns) return 'wrong projection (column count)';
  if (verdict.permuted_columns) return 'column order';
  if (!sameList(gold.aggregates, pred.aggregates)) return 'wrong aggregate';
  if (gold.grouped !== pred.grouped || gold.having !== pred.having) return 'grouping (GROUP BY / HAVING)';
  if (!subset(gold.values, pred.values) || !subset(pred.values, gold.values)) return 'wrong or missing filter value';
  if (verdict.same_multiset || gold.ordered !== pred.ordered || gold.limited !== pred.limited) return 'ordering / limit';
  if (verdict.same_set) return 'duplicates (DISTINCT)';
  if (pred.tables.size > gold.tables.size) return 'extra join';
  return 'other (same shape, different rows)';
}
