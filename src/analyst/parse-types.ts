import type { DataDna } from '../core/dna.js';
import type { Interpretation } from '../core/interpretation.js';
import type { IntentFrame } from './intent-frame.js';

/** What the analyst knows besides the question. */
export interface AnalystContext {
  /** The datasource's profile; its `dialect` is the SQL dialect to write. */
  dna: DataDna;
  /** Earlier turns of the thread, oldest first, for follow-ups ("and for iOS?"). */
  history?: { question: string; sql: string | null }[];
}

/** A question read as one SELECT/WITH statement. */
export interface SqlParse {
  kind: 'sql';
  /** One SELECT/WITH statement in `dna.dialect`. */
  sql: string;
  /** 0..1: how likely this reading is right. */
  confidence: number;
  tables: string[];
  /** One plain sentence: what the query computes. */
  explanation: string;
  frame: IntentFrame;
  /** The reading shown to the user: parts tied to the question's words, and a restatement. */
  interpretation: Interpretation;
}

export interface ClarifyParse {
  kind: 'clarify';
  question: string;
  options: string[];
  confidence: number;
  /** The partial reading that could not be completed, with the words it left unaccounted. */
  interpretation?: Interpretation;
}

export interface RefuseParse {
  kind: 'refuse';
  reason: string;
  confidence: number;
  /** The partial reading, when the refusal is about words no part of the data accounts for. */
  interpretation?: Interpretation;
}

export type Parse = SqlParse | ClarifyParse | RefuseParse;
