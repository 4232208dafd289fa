import type { Cell } from '../../core/query-result.js';
import { goldIsOrdered, resultsMatch } from './compare-results.js';
import type { EvalExpect, EvalQuestion } from './eval-question.js';
import type { EvalRecord } from './run-eval.js';

/**
 * How a question scores against its gold: `correct` (answered and matching, or asked/refused
 * where that is expected), `wrong` (answered but not matching, or answered where it should have
 * asked or refused), `abstained` (asked, refused, declined or failed: no number was given).
 */
export type EvalOutcome = 'correct' | 'wrong' | 'abstained';

export interface ScoredRecord {
  outcome: EvalOutcome | null;
  /** Why, in a few words: "rows differ", "predicted SQL failed: …", "gold SQL failed: …". */
  reason: string | null;
}

/** Runs one SELECT on a question's database and returns its rows (normalised cells). */
export type RunRows = (dbId: string, sql: string) => Promise<Cell[][]>;

/** The question's expectation: stated, or an answer when only gold SQL is given; null: not scored. */
export function expectationOf(question: EvalQuestion): EvalExpect | null {
  return question.expect ?? (question.goldSql ? 'answer' : null);
}

/**
 * Scores one run against its question's gold. The gold and the predicted SQL both run again on
 * the same database (as score.py does), so a row cap in the run cannot change the verdict.
 * A gold query that fails leaves the question unscored (outcome null) with the reason: the
 * questions file is at fault, not the answer.
 */
export async function scoreRecord(record: EvalRecord, question: EvalQuestion, runRows: RunRows): Promise<ScoredRecord> {
  const expect = expectationOf(question);
  if (expect === null) return { outcome: null, reason: null };
  const answered = record.verdict === 'answered' && record.sql !== null;
  if (expect !== 'answer') {
    if (answered) return { outcome: 'wrong', reason: `answered where it should ${expect === 'clarify' ? 'ask' : 'refuse'}` };
    return record.verdict === 'failed' ? { outcome: 'abstained', reason: 'the run failed' } : { outcome: 'correct', reason: null };
  }
  if (!answered) return { outcome: 'abstained', reason: record.verdict };
  let gold: Cell[][];
  try {
    gold = await runRows(question.dbId, question.goldSql ?? '');
  } catch (error) {
    return { outcome: null, reason: `gold SQL failed: ${(error as Error).message}` };
  }
  let predicted: Cell[][];
  try {
    predicted = await runRows(question.dbId, record.sql ?? '');
  } catch (error) {
    return { outcome: 'wrong', reason: `predicted SQL failed: ${(error as Error).message}` };
  }
  const ordered = goldIsOrdered(question.goldSql ?? '');
  return resultsMatch(gold, predicted, ordered) ? { outcome: 'correct', reason: null } : { outcome: 'wrong', reason: ordered && resultsMatch(gold, predicted, false) ? 'rows in another order' : 'rows differ' };
}

/** Correct / wrong / abstained counts and the precision of answered questions. */
export interface OutcomeSummary {
  scored: number;
  correct: number;
  wrong: number;
  abstained: number;
  /** Answered questions (a number was given), and those of them that were correct. */
  answered: number;
  answeredCorrect: number;
  /** answeredCorrect / answered; null when nothing was answered. */
  precision: number | null;
  /** Questions whose gold SQL failed (not counted above). */
  goldErrors: number;
}

export function summarizeOutcomes(items: { record: EvalRecord; scored: ScoredRecord }[]): OutcomeSummary {
  const scored = items.filter((item) => item.scored.outcome !== null);
  const count = (outcome: EvalOutcome) => scored.filter((item) => item.scored.outcome === outcome).length;
  const answered = scored.filter((item) => item.record.verdict === 'answered');
  const answeredCorrect = answered.filter((item) => item.scored.outcome === 'correct').length;
  return {
    scored: scored.length,
    correct: count('correct'),
    wrong: count('wrong'),
    abstained: count('abstained'),
    answered: answered.length,
    answeredCorrect,
    precision: answered.length === 0 ? null : answeredCorrect / answered.length,
    goldErrors: items.filter((item) => item.scored.outcome === null && item.scored.reason !== null).length,
  };
}

/** One line: "612 scored: 300 correct, 40 wrong, 272 abstained; precision of answered 300/340 = 88.2%". */
export function formatOutcomeSummary(summary: OutcomeSummary): string {
  const precision = summary.precision === null ? 'nothing answered' : `precision of answered ${summary.answeredCorrect}/${summary.answered} = ${(100 * summary.precision).toFixed(1)}%`;
  const goldErrors = summary.goldErrors > 0 ? `; ${summary.goldErrors} gold queries failed (not scored, see --details)` : '';
  return `${summary.scored} scored: ${summary.correct} correct, ${summary.wrong} wrong, ${summary.abstained} abstained; ${precision}${goldErrors}`;
}
