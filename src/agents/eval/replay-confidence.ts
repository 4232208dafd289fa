import { parseQuestion } from '../../analyst/index.js';
import type { Parse } from '../../analyst/index.js';
import { DataDna } from '../../core/dna.js';
import { normalizeSql } from '../../llm/local/find-parse.js';
import { selectDnaForQuestion } from '../../tools/read-data-dna/select-dna-for-question.js';
import { toModelDna } from '../../tools/read-data-dna/model-dna.js';

/** Which Data DNA the matching reading was found on; see `replayConfidence`. */
export type ReplaySource = 'read-data-dna' | 'router-dna' | 'full-dna';

/** The embedded analyst's reading behind a run, found again after the run. */
export interface ReplayedReading {
  /** Confidence of the parse whose SQL is the SQL that ran; of the best parse when no SQL ran. Null: no parse matches. */
  confidence: number | null;
  /** What the best parse was: a query, a clarifying question or a refusal. */
  bestKind: Parse['kind'] | null;
  /** Which reading ran: 0 the best one, 1 the next (after a repair)…; null when none matches. */
  readingIndex: number | null;
  source: ReplaySource | null;
}

/**
 * The DNA as a model reads it (compacted, JSON round-tripped, parsed back). It keeps the full
 * DNA's fingerprint: the analyst keys its schema index cache by the DNA's content, so a pruned
 * DNA gets an index of its own.
 */
function asSeen(dna: DataDna, selection: Parameters<typeof toModelDna>[1]): DataDna {
  return DataDna.parse(JSON.parse(JSON.stringify(toModelDna(dna, selection))));
}

/**
 * Replays the embedded analyst (deterministic) on what the SQL agent's model saw and finds the
 * reading whose SQL ran: first the DNA the `read_data_dna` tool returns (pruned to the question),
 * then the router's DNA (the selected tables, all their columns), then the whole DNA, since the
 * SQL agent's model may have read any of them.
 * This gives the confidence of the parse the run used without widening the run's contracts.
 * A run whose SQL matches no reading (e.g. a remote model wrote it) gets a null confidence.
 */
export function replayConfidence(dna: DataDna, question: string, sql: string | null): ReplayedReading {
  const selection = selectDnaForQuestion(dna, question);
  const candidates: [ReplaySource, () => DataDna][] = [
    ['read-data-dna', () => asSeen(dna, selection)],
    ['router-dna', () => asSeen(dna, selection.tables ? { tables: selection.tables } : {})],
    ['full-dna', () => asSeen(dna, {})],
  ];
  let first: ReplayedReading | null = null;
  for (const [source, seen] of candidates) {
    const parses = parseQuestion(question, { dna: seen() });
    const best = parses[0] ?? null;
    first ??= { confidence: best?.confidence ?? null, bestKind: best?.kind ?? null, readingIndex: null, source: null };
    if (sql === null) return { ...first, source };
    const wanted = normalizeSql(sql);
    const readings = parses.filter((parse) => parse.kind === 'sql');
    const index = readings.findIndex((parse) => normalizeSql(parse.sql) === wanted);
    if (index >= 0) return { confidence: readings[index].confidence, bestKind: best?.kind ?? null, readingIndex: index, source };
  }
  return { ...(first ?? { bestKind: null }), confidence: null, readingIndex: null, source: null };
}
