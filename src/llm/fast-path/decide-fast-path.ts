import { parseQuestion } from '../../analyst/index.js';
import type { DataDna } from '../../core/dna.js';

export interface FastPathInput {
  question: string;
  dna: DataDna;
  history?: ReadonlyArray<{ question: string; sql: string | null }>;
  /** Confidence from which the embedded analyst answers alone (`fastPathConfidence`). */
  threshold: number;
}

export interface FastPathDecision {
  take: boolean;
  /** The analyst's confidence in its best reading of the question (0..1). */
  confidence: number;
  /** One sentence for the run's events: why the remote model is or is not called. */
  reason: string;
}

/**
 * Whether the embedded analyst can answer this question alone: its best reading is a SQL
 * query whose calibrated confidence reaches the threshold. Clarifications and refusals always
 * go to the configured model, which may read the question better.
 */
export function decideFastPath(input: FastPathInput): FastPathDecision {
  const best = parseQuestion(input.question, { dna: input.dna, history: input.history?.map((turn) => ({ question: turn.question, sql: turn.sql })) })[0];
  const confidence = best?.confidence ?? 0;
  const percent = (value: number): string => value.toFixed(2);
  if (best?.kind === 'sql' && confidence >= input.threshold) {
    return {
      take: true,
      confidence,
      reason: `Fast path: the embedded analyst reads this question with confidence ${percent(confidence)} (threshold ${percent(input.threshold)}), so it answers without calling the remote model.`,
    };
  }
  return {
    take: false,
    confidence,
    reason:
      best?.kind === 'sql'
        ? `The embedded analyst's confidence ${percent(confidence)} is below ${percent(input.threshold)}; the configured model answers.`
        : 'The embedded analyst has no confident SQL reading; the configured model answers.',
  };
}
