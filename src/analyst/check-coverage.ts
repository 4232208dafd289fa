import { columnWords, rowsNoun } from './explain-frame.js';
import { referencedColumns } from './fit-frame-scope.js';
import type { IntentFrame } from './intent-frame.js';
import type { Reading } from './interpret-frame.js';
import { CONNECTING_WORDS, RELATION_VERBS, STATISTICS_WORDS } from './lexicon.js';
import { findAggregates, NEGATION_WORDS } from './question-cues.js';
import type { Mention } from './link-tokens.js';
import type { Parse, SqlParse } from './parse-types.js';
import type { SchemaIndex } from './schema-index.js';
import { stem, tokenize } from './tokenize.js';

/** How many choices a clarifying question offers at most. */
const MAX_OPTIONS = 3;

interface Candidate {
  /** What replaces the unknown word in the question. */
  replacement: string;
  /** Where the data has it, for the clarifying question ("orders.status has 'refunded'"). */
  evidence: string;
}

/**
 * Full coverage, or no number: a reading that leaves content words of the question unexplained
 * does not answer. It asks instead, with options drawn from the data (a column, value or table
 * spelt like the unknown word, or the question without it), each a full question that the
 * analyst reads with every word accounted for. With no such option it refuses, naming the words
 * the data lacks.
 *
 * `readClean` reads an option question without this check and returns its SQL reading when the
 * reading covers every word.
 */
export function checkCoverage(question: string, parse: SqlParse, index: SchemaIndex, readClean: (question: string) => SqlParse | null): Parse {
  const unknown = parse.interpretation.unaccounted;
  if (unknown.length === 0) return parse;
  const candidates = unknown.flatMap((word) => findCandidates(word, index).map((candidate) => ({ word, candidate })));
  const options: string[] = [];
  const seen = new Set<string>();
  const offer = (text: string) => {
    if (options.length >= MAX_OPTIONS || text.trim().length === 0) return;
    const reading = readClean(text);
    if (!reading || seen.has(reading.sql)) return;
    seen.add(reading.sql);
    options.push(text);
  };
  for (const { word, candidate } of candidates) offer(replaceWord(question, word, candidate.replacement));
  // The question without the unknown word, unless it qualifies what is measured ("refund rate"):
  // a rate or total of something else would be another metric under the same name.
  // With several unknown words, what is left is too far from what was asked to offer.
  if (unknown.length === 1 && !unknown.some((word) => qualifiesMeasure(question, word))) {
    offer(unknown.reduce((text, word) => dropWord(text, word), question).replace(/\s+/g, ' ').replace(/\s+([?.!,])/g, '$1').trim());
  }
  const quoted = unknown.map((word) => `"${word}"`).join(', ');
  if (options.length === 0) {
    const table = index.tableByName.get(parse.frame.table.toLowerCase());
    const columns = table ? table.columns.slice(0, 10).map((c) => c.name).join(', ') : '';
    if (candidates.length > 0) {
      return { kind: 'refuse', reason: `I could not fit ${quoted} into one query (${candidates[0].candidate.evidence}), so I will not guess a number. Try asking for it more directly.`, confidence: 0.6, interpretation: parse.interpretation };
    }
    // "average" in "average tickets per customer": an operation the reading cannot apply, not a missing concept.
    if (unknown.every((word) => findAggregates(tokenize(word)).length > 0)) {
      return { kind: 'refuse', reason: `I could not apply ${quoted} to what the question names in one query, so I will not guess a number. Try asking for it in steps (for example the count per group first).`, confidence: 0.6, interpretation: parse.interpretation };
    }
    return { kind: 'refuse', reason: `The data has nothing for ${quoted}, so I cannot answer without guessing. ${parse.frame.table} has ${columns}.`, confidence: 0.7, interpretation: parse.interpretation };
  }
  const evidence = candidates[0] ? ` ${candidates[0].candidate.evidence}.` : '';
  return { kind: 'clarify', question: `I could not account for ${quoted} in one reading of the question.${evidence} Which of these did you mean?`, options, confidence: 0.6, interpretation: parse.interpretation };
}

/**
 * The content words a frame leaves unexplained: of the words no step used, those that name
 * nothing the frame computes with. A word linked to a column or table the frame uses is
 * explained ("home" of home_phone); a relation verb or connecting word with no link of its own
 * ("live", "through") is explained by the join or filter it connects.
 */
export function unaccountedWords(frame: IntentFrame, reading: Reading): string[] {
  const tables = new Set([frame.table, ...frame.joins.map((j) => j.toTable), ...frame.setConditions.flatMap((c) => [c.subquery.table, ...c.subquery.joins.map((j) => j.toTable)])]);
  const columns = new Set(referencedColumns(frame).map((c) => `${c.table}.${c.column}`.toLowerCase()));
  const negative = hasNegativeCondition(frame);
  // A metric or rate names its columns inside its SQL expression ("sum(amount)").
  const expressions = [...frame.measures, ...frame.having.map((h) => h.measure)].filter((m) => m.expression).map((m) => ({ table: m.table ?? frame.table, text: m.expression as string }));
  const inExpression = (m: Mention) => m.column !== undefined && expressions.some((e) => e.table === m.table && new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(m.column as string)}([^A-Za-z0-9_]|$)`).test(e.text));
  const usedByFrame = (m: Mention) => (m.kind === 'table' ? tables.has(m.table) : m.column !== undefined && (columns.has(`${m.table}.${m.column}`.toLowerCase()) || inExpression(m)));
  return reading.unaccountedAt
    .filter((at) => {
      const covering = reading.mentions.filter((m) => m.start <= at && m.end > at);
      if (covering.some(usedByFrame)) return false;
      const token = reading.tokens[at];
      // "than" arrives here only as the negation of "other than".
      if (NEGATION_WORDS.has(token.norm) || token.norm === 'than') return !negative;
      // Statistics words ("outliers", "correlated") are the python step's, run on this reading's rows.
      if (STATISTICS_WORDS.test(token.norm)) return false;
      return !(covering.length === 0 && (RELATION_VERBS.has(token.stem) || RELATION_VERBS.has(token.norm) || CONNECTING_WORDS.has(token.stem)));
    })
    .map((at) => reading.tokens[at].raw);
}

/** The frame removes rows by a condition: a negated value, an empty column, or a NOT IN set. */
function hasNegativeCondition(frame: IntentFrame): boolean {
  const negativeOps = new Set(['!=', 'not in', 'is null']);
  const negativeFilter = (f: IntentFrame['filters'][number]): boolean => negativeOps.has(f.op) || (f.values.length === 1 && f.values[0] === false) || (f.or ?? []).some(negativeFilter);
  return frame.filters.some(negativeFilter) || frame.setConditions.some((c) => c.kind === 'not in');
}

/** Columns, values and tables whose words start like the unknown word ("refund" → 'refunded'). */
function findCandidates(word: string, index: SchemaIndex): Candidate[] {
  const wanted = stem(word.toLowerCase());
  if (wanted.length < 4) return [];
  const near = (stems: string[]) => stems.some((s) => s.length >= 4 && (s.startsWith(wanted) || wanted.startsWith(s)));
  const found: Candidate[] = [];
  for (const table of index.tables) {
    for (const column of table.columns) {
      if (near(column.stems)) found.push({ replacement: columnWords(column.name), evidence: `${table.name} has a column ${column.name}` });
      for (const top of column.profile.topValues ?? []) {
        const value = String(top.value);
        // Long texts and numbered names ("Customer 9") are rows, not what a word means.
        if (value.length > 40 || /\d/.test(value)) continue;
        if (near(value.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem))) found.push({ replacement: value, evidence: `${table.name}.${column.name} has '${value}'` });
      }
    }
    if (near(table.stems)) found.push({ replacement: rowsNoun(table.name), evidence: `there is a table ${table.name}` });
  }
  return found.slice(0, 6);
}

/** The word stands right before or after a measure word ("refund rate", "rate of refunds", "average delay"). */
function qualifiesMeasure(question: string, word: string): boolean {
  const words = question.toLowerCase().split(/[^a-z0-9%]+/).filter(Boolean);
  const at = words.indexOf(word.toLowerCase());
  if (at < 0) return false;
  const near = [words[at - 1], words[at + 1], words[at - 2]].filter((w): w is string => Boolean(w));
  return near.some((w) => MEASURE_WORDS.has(w));
}

const MEASURE_WORDS = new Set(['rate', 'rates', 'share', 'percent', 'percentage', 'proportion', 'ratio', 'average', 'avg', 'mean', 'median', 'total', 'sum', 'number', 'count', '%']);

/** The question without the word and the little words that led to it ("through the portal"). */
function dropWord(question: string, word: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const dropped = question.replace(new RegExp(`\\b(?:(?:the|a|an|through|via|in|on|at|from|for|with|of|by|to|were|was|are|is|been|be|got|get)\\s+)*${escaped}\\b`, 'i'), '');
  // Nor a dangling word at the end ("How many invoices were?").
  return dropped.replace(/(?:\s+(?:were|was|is|are|be|been|the|a|an|of|by|with|for|to|in|on|at|from|and|or|most|least|many|much|top|per|each|has|have|had|did|do|does))+\s*([?.!]?)\s*$/i, '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceWord(question: string, word: string, replacement: string): string {
  const escaped = escapeRegExp(word);
  return question.replace(new RegExp(`\\b${escaped}\\b`, 'i'), replacement);
}
