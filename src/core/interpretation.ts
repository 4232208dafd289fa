import { z } from 'zod';

/**
 * The analyst's reading of a question, shown to the user (ARCHITECTURE §3 "Interpretation"):
 * what is computed, over which rows, broken down how, each part tied to the question's words,
 * the words it could not account for, and a one-line restatement in plain words.
 */
export const InterpretationRole = z.enum(['measure', 'entity', 'filter', 'time', 'grouping', 'order', 'limit']);
export type InterpretationRole = z.infer<typeof InterpretationRole>;

export const InterpretationPart = z.object({
  role: InterpretationRole,
  /** What was computed or applied, in schema terms ("count of billing_invoices", "channel is portal"). */
  text: z.string(),
  /** The words of the question this part came from (empty when it was a default, e.g. count of rows). */
  words: z.array(z.string()),
});
export type InterpretationPart = z.infer<typeof InterpretationPart>;

export const Interpretation = z.object({
  /** One plain line: "Count of billing_invoices where channel is portal". */
  restatement: z.string(),
  /** The table whose rows are counted, listed or aggregated. */
  entity: z.string(),
  parts: z.array(InterpretationPart),
  /** Content words of the question that no part accounts for (empty when the reading covers it all). */
  unaccounted: z.array(z.string()),
  /** 0..1, the calibrated confidence of the reading. */
  confidence: z.number(),
});
export type Interpretation = z.infer<typeof Interpretation>;
