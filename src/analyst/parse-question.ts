import { buildFrame, type FrameOutcome } from './build-frame.js';
import { buildSql } from './build-sql.js';
import { calibrateConfidence } from './calibrate-confidence.js';
import { checkCoverage, unaccountedWords } from './check-coverage.js';
import { explainFrame } from './explain-frame.js';
import { findWriteRequest } from './find-write-request.js';
import { fitFrameScope } from './fit-frame-scope.js';
import { looksLikeFollowUp, mergeFollowUp } from './follow-up.js';
import { applyTopN, isAboutPreviousAnswer, leansOnPrevious, stripCorrection } from './follow-up-modifiers.js';
import type { IntentFrame } from './intent-frame.js';
import { interpretFrame, type Reading } from './interpret-frame.js';
import type { AnalystContext, Parse, SqlParse } from './parse-types.js';
import { getSchemaIndex, type SchemaIndex } from './schema-index.js';
import { tokenize } from './tokenize.js';

/**
 * Read a question as SQL over the context's datasource. Candidates best-first; the first is
 * the answer, later ones are tried when the engine rejects the SQL. Never empty.
 */
export function parseQuestion(question: string, context: AnalystContext): Parse[] {
  const index = getSchemaIndex(context.dna);
  const parses = readQuestion(question, context, index);
  const first = parses[0];
  if (first.kind !== 'sql' || first.interpretation.unaccounted.length === 0) return parses;
  // Full coverage, or no number: ask (or refuse) rather than answer a question the reading does not cover.
  const readClean = (option: string): SqlParse | null => {
    const reading = readQuestion(option, context, index)[0];
    return reading.kind === 'sql' && reading.interpretation.unaccounted.length === 0 ? reading : null;
  };
  return [checkCoverage(question.trim(), first, index, readClean)];
}

/** The readings of a question before the coverage check. */
function readQuestion(question: string, context: AnalystContext, index: SchemaIndex): Parse[] {
  const trimmed = question.trim();
  if (trimmed.length === 0) return [{ kind: 'clarify', question: 'What would you like to know about the data?', options: suggestions(index), confidence: 1 }];
  // A request to change data is refused before any reading: the nearest SELECT would answer a
  // question nobody asked ("delete every customer from Leeds" → a count of them).
  const writeVerb = findWriteRequest(tokenize(trimmed), index);
  if (writeVerb) return [{ kind: 'refuse', reason: writeRefusal(writeVerb), confidence: 0.95 }];
  const previous = previousFrame(context, index);
  const topN = previous ? applyTopN(trimmed, previous) : null;
  // "top 3 instead": the previous reading with a new limit; its own words are all accounted for.
  if (topN) return toParses({ kind: 'frame', frame: topN, confidence: 0.8, unlinked: [], reading: { tokens: tokenize(trimmed), mentions: [], unaccountedAt: [] } }, context, index);
  const correction = previous ? stripCorrection(trimmed) : { text: trimmed, corrected: false };
  let outcome = buildFrame(correction.text, index, previous?.table);
  if (previous) {
    const own = outcome.kind === 'frame' ? outcome.frame : null;
    if (correction.corrected || leansOnPrevious(trimmed) || looksLikeFollowUp(trimmed, own) || (outcome.kind === 'refuse' && trimmed.split(/\s+/).length <= 5)) {
      const hasOwnMeasure = own !== null && own.measures.some((m) => !(m.aggregate === 'count' && !m.column));
      if (own && outcome.kind === 'frame') {
        outcome = { ...outcome, frame: mergeFollowUp(previous, own, hasOwnMeasure), confidence: Math.max(0.05, outcome.confidence - 0.05), unlinked: [], reading: { ...outcome.reading, unaccountedAt: [] } };
      }
    }
  }
  return toParses(outcome, context, index);
}

function toParses(outcome: FrameOutcome, context: AnalystContext, index: SchemaIndex): Parse[] {
  if (outcome.kind !== 'frame') return [outcome];
  const reading = outcome.reading;
  const readings = [{ frame: outcome.frame, confidence: outcome.confidence }];
  // A simpler reading for repair: without the share column and ordering extras.
  if (outcome.frame.withShare) readings.push({ frame: { ...outcome.frame, withShare: false }, confidence: outcome.confidence * 0.9 });
  // Every column must belong to a table the SQL joins: a reading that cannot be made so is skipped.
  const parses: Parse[] = [];
  for (const candidate of readings) {
    const scoped = fitFrameScope(candidate.frame, index);
    if (scoped) parses.push(toSqlParse(scoped.frame, scoped.repaired ? candidate.confidence * 0.8 : candidate.confidence, context, reading));
  }
  if (parses.length === 0) {
    return [{ kind: 'clarify', question: `Which table should "${outcome.frame.table}" be combined with? The question names columns of tables it has no key path to.`, options: suggestions(index), confidence: 0.4 }];
  }
  return parses;
}

function toSqlParse(frame: IntentFrame, confidence: number, context: AnalystContext, reading: Reading): SqlParse {
  const calibrated = calibrateConfidence(confidence);
  return {
    kind: 'sql',
    sql: buildSql(frame, context.dna.dialect),
    confidence: calibrated,
    interpretation: interpretFrame(frame, reading, unaccountedWords(frame, reading), calibrated),
    tables: [frame.table, ...frame.joins.map((j) => j.toTable)],
    explanation: explainFrame(frame),
    frame,
  };
}

/** The frame of the latest earlier turn that parsed to SQL (follow-ups chain through it). */
function previousFrame(context: AnalystContext, index: SchemaIndex): IntentFrame | null {
  const history = context.history ?? [];
  for (let i = history.length - 1; i >= Math.max(0, history.length - 4); i--) {
    if (isAboutPreviousAnswer(history[i].question)) continue;
    const earlier = parseQuestion(history[i].question, { dna: index.dna, history: history.slice(0, i) })[0];
    if (earlier.kind === 'sql') return earlier.frame;
  }
  return null;
}

function writeRefusal(verb: string): string {
  return `InsightX only reads data; it cannot ${verb} rows, columns or tables. Ask a question about the data instead, for example how many rows match.`;
}

function suggestions(index: SchemaIndex): string[] {
  const table = [...index.tables].sort((a, b) => b.profile.rowCount - a.profile.rowCount)[0];
  if (!table) return [];
  const dimension = table.columns.find((c) => c.kind === 'text' && (c.profile.role === 'dimension' || c.profile.role === 'status'));
  const options = [`How many rows does ${table.name} have?`];
  if (dimension) options.push(`${table.name} by ${dimension.name}`);
  return options;
}
