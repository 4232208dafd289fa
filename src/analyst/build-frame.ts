import { chooseTables } from './choose-table.js';
import { FrameContext } from './frame-context.js';
import { applyLiteralValues, applyComparisons, applyCurrent, applyFlags, applyNegatedTables, applyRelatedTables, applyValues } from './frame-filters.js';
import { applyGroupWords, applyMostCommon, applyOrderPhrases, applyRankedDimension } from './frame-grouping.js';
import { applyListAndArgmax } from './frame-list.js';
import { applyAggregates, applyBusinessMeasures, applyMetrics, applyRates, defaultMeasure } from './frame-measures.js';
import { applyTime } from './frame-time.js';
import { finalizeFrame } from './finalize-frame.js';
import { histogramFor } from './histogram.js';
import type { IntentFrame } from './intent-frame.js';
import type { Reading } from './interpret-frame.js';
import { PERSON_WORDS, ROW_WORDS, STATISTICS_WORDS, STOPWORDS } from './lexicon.js';
import { findComparisons, LIST_WORDS } from './question-cues.js';
import { linkTokens, type Mention } from './link-tokens.js';
import type { SchemaIndex, TableEntry } from './schema-index.js';
import { tokenize, type Token } from './tokenize.js';

export type FrameOutcome =
  | { kind: 'frame'; frame: IntentFrame; confidence: number; unlinked: string[]; reading: Reading }
  | { kind: 'clarify'; question: string; options: string[]; confidence: number }
  | { kind: 'refuse'; reason: string; confidence: number };

/** Read a question as an intent frame over the indexed schema. */
export function buildFrame(question: string, index: SchemaIndex, preferredTable?: string): FrameOutcome {
  const tokens = tokenize(question);
  const groups = linkTokens(tokens, index);
  const choice = chooseTables(groups, index, preferredTable, tokens);
  if (!choice) {
    const words = contentWords(tokens, new Set(), []);
    return { kind: 'refuse', reason: `The data has nothing about ${words.length ? words.map((w) => `"${w}"`).join(', ') : 'this question'}: no table, column or value matches.`, confidence: 0.9 };
  }
  // Two tables fit equally and no table is named: ask which.
  if (choice.tie && !groups.some((g) => g.mentions.some((m) => m.kind === 'table' && m.match !== 'partial'))) {
    return { kind: 'clarify', question: `Which table do you mean: ${choice.base} or ${choice.tie}?`, options: [choice.base, choice.tie], confidence: 0.5 };
  }
  const table = index.tableByName.get(choice.base.toLowerCase()) as TableEntry;
  const ctx = new FrameContext(question, tokens, index, table, choice.resolved);
  applyTime(ctx);
  applyMetrics(ctx);
  applyRates(ctx);
  applyComparisons(ctx);
  applyMostCommon(ctx);
  applyOrderPhrases(ctx);
  const orderMeasure = applyGroupWords(ctx);
  applyRankedDimension(ctx);
  applyAggregates(ctx);
  applyBusinessMeasures(ctx, orderMeasure);
  applyNegatedTables(ctx);
  applyValues(ctx);
  applyFlags(ctx);
  applyCurrent(ctx);
  applyDistribution(ctx);
  applyLiteralValues(ctx);
  applyRelatedTables(ctx);
  const clarify = rankingWithoutMeasure(ctx);
  if (clarify) return clarify;
  applyListAndArgmax(ctx);
  if (ctx.frame.measures.length === 0 && ctx.frame.projection.length === 0 && !ctx.frame.histogram) {
    const statistics = STATISTICS_WORDS.test(question) ? ctx.mentions.filter((m) => m.kind === 'column' && !ctx.consumed.has(m)) : [];
    if (statistics.length > 0) statistics.forEach((m) => { ctx.frame.projection.push(ctx.ref(m)); ctx.consume(m); });
    else ctx.frame.measures.push({ aggregate: 'count', column: null, label: 'count', words: `number of ${table.name}` });
    if (statistics.length > 0) ctx.frame.shape = 'list';
  }
  finalizeFrame(ctx);

  // What is left unexplained lowers confidence; a question with nothing taken from its words is refused.
  const unlinked = contentWords(tokens, ctx.used, ctx.mentions.filter((m) => ctx.consumed.has(m) || m.kind === 'table'));
  // Words no table, column, value or cue explains (see check-coverage.ts); words linked only to a table the reading leaves out are not among them.
  const unknown = contentPositions(tokens, ctx.used, ctx.mentions.filter((m) => ctx.consumed.has(m) || m.kind === 'table'));
  // Negations, comparisons, superlatives and numbers are function words or literals, yet dropping
  // one answers another question: each must be explained too.
  const inConsumed = (i: number) => [...ctx.consumed].some((m) => m.start <= i && m.end > i);
  const unexplained = (i: number) => !ctx.used.has(i) && !inConsumed(i) && !unknown.includes(i);
  for (const at of [...ctx.negations, ...ctx.unbuilt]) if (unexplained(at)) unknown.push(at);
  for (const cue of findComparisons(tokens)) if (!ctx.isUsed(cue.start, cue.end) && unexplained(cue.start)) unknown.push(cue.start);
  for (const cue of ctx.activeSuperlatives()) if (unexplained(cue.start) && !frameRanks(ctx.frame)) unknown.push(cue.start);
  tokens.forEach((t, i) => { if ((t.kind === 'number' || t.kind === 'date') && unexplained(i)) unknown.push(i); });
  // A table named outright must be part of the reading (check-coverage keeps it only when the final frame leaves it out).
  // "average amount per customer" with no breakdown in the reading: the "per" was not applied.
  ctx.tokens.forEach((t, i) => {
    if (t.norm !== 'per' || ctx.frame.groupBy.some((g) => !g.hidden)) return;
    const named = ctx.mentions.find((m) => m.start === i + 1 && (m.kind === 'column' || m.kind === 'table'));
    if (named && !unknown.includes(named.start)) unknown.push(named.start);
  });
  // A word naming part of a table ("invoices" of billing_invoices) counts when that table is its only reading.
  const soleReading = (m: Mention) => !ctx.mentions.some((other) => other !== m && other.kind !== 'table' && other.start <= m.start && other.end > m.start);
  for (const m of ctx.mentions) if (m.kind === 'table' && (m.match !== 'partial' || soleReading(m)) && unexplained(m.start)) unknown.push(m.start);
  unknown.sort((a, b) => a - b);
  for (const group of choice.stranded) unlinked.push(tokens.slice(group.start, group.end).map((t) => t.raw).join(' '));
  const strong = ctx.mentions.some((m) => ctx.consumed.has(m) && m.match !== 'partial') || ctx.asksAggregate() || ctx.frame.filters.length > 0;
  if (!strong && unlinked.length > 0 && !ctx.mentions.some((m) => m.kind === 'table' && m.match !== 'partial')) {
    return { kind: 'refuse', reason: `The data has no ${unlinked.map((w) => `"${w}"`).join(', ')}: ${table.name} has ${describeColumns(table)}.`, confidence: 0.8 };
  }
  const capitalised = unlinkedCapitalised(tokens, ctx.used, ctx.mentions);
  if (capitalised.length > 0 && ctx.frame.filters.length === 0 && ctx.frame.projection.length === 0 && ctx.frame.setConditions.length === 0) {
    return { kind: 'refuse', reason: `No value ${capitalised.map((w) => `"${w}"`).join(', ')} appears in ${table.name}; it has ${describeColumns(table)}.`, confidence: 0.8 };
  }
  // Raw score: penalties for what the reading had to guess, measured against the dev sets (see calibrate-confidence.ts).
  const frame = ctx.frame;
  const raw = ctx.confidence
    - 0.12 * unlinked.length
    - 0.08 * frame.joins.length
    - (choice.tie ? 0.15 : 0)
    - (frame.groupBy.filter((g) => !g.hidden).length > 1 ? 0.15 : 0)
    - (frame.filters.length > 1 ? 0.05 : 0)
    - (frame.projection.length > 3 ? 0.1 : 0);
  return { kind: 'frame', frame, confidence: Math.max(0.05, Math.min(0.97, raw)), unlinked, reading: { tokens, mentions: ctx.mentions, unaccountedAt: unknown } };
}

/** The frame orders or picks extremes, so a superlative has been applied somewhere. */
function frameRanks(frame: IntentFrame): boolean {
  return frame.orderBy.length > 0 || frame.argmax !== undefined || frame.measures.some((m) => m.aggregate === 'min' || m.aggregate === 'max');
}

/** Distributions: a histogram for numbers, counts with shares for categories. */
function applyDistribution(ctx: FrameContext): void {
  const at = ctx.tokens.findIndex((t) => ['distribution', 'histogram', 'spread'].includes(t.norm));
  if (at < 0 || ctx.frame.measures.length > 0) return;
  const column = (m: Mention) => m.kind === 'column';
  const target = ctx.mentionAt(at + 1, at + 4, column) ?? ctx.nearestBefore(at, 3, column);
  const entry = target ? ctx.columnOf(target) : undefined;
  ctx.used.add(at);
  if (!target || !entry) return;
  ctx.consume(target);
  if (entry.kind === 'number') {
    ctx.frame.histogram = histogramFor(ctx.ref(target), entry.profile);
    ctx.frame.shape = 'distribution';
    return;
  }
  if (!ctx.frame.groupBy.some((g) => g.column.column === entry.name)) ctx.frame.groupBy.push({ column: ctx.ref(target) });
  ctx.frame.withShare = true;
}

/** "top 5 states" names no measure while the table has one: ask rather than guess. */
function rankingWithoutMeasure(ctx: FrameContext): FrameOutcome | null {
  const superlative = ctx.activeSuperlatives()[0];
  const frame = ctx.frame;
  if (!superlative || superlative.counting || frame.measures.length > 0 || frame.groupBy.length === 0) return null;
  if (ctx.mentions.some((m) => m.kind === 'column' && !ctx.consumed.has(m))) return null;
  const measure = defaultMeasure(ctx.table);
  if (!measure) return null;
  return {
    kind: 'clarify',
    question: `Rank ${frame.groupBy[0].column.column} by what?`,
    options: [`by number of ${ctx.table.name}`, `by total ${measure.column}`, `by average ${measure.column}`],
    confidence: 0.5,
  };
}

function contentWords(tokens: Token[], used: Set<number>, linked: Mention[]): string[] {
  return contentPositions(tokens, used, linked).map((i) => tokens[i].raw);
}

/** Positions of the words no step used and no kept link covers, leaving out function words. */
function contentPositions(tokens: Token[], used: Set<number>, linked: Mention[]): number[] {
  const positions: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' || used.has(i) || linked.some((m) => m.start <= i && m.end > i)) return;
    if (STOPWORDS.has(t.norm) || STOPWORDS.has(t.stem) || ROW_WORDS.has(t.stem) || PERSON_WORDS.has(t.stem) || LIST_WORDS.has(t.norm) || t.norm.length <= 2) return;
    positions.push(i);
  });
  return positions;
}

function unlinkedCapitalised(tokens: Token[], used: Set<number>, mentions: Mention[]): string[] {
  return tokens
    .filter((t, i) => i > 0 && t.kind === 'word' && /^[A-Z][a-z]/.test(t.raw) && !used.has(i) && !mentions.some((m) => m.start <= i && m.end > i) && !STOPWORDS.has(t.norm))
    .map((t) => t.raw);
}

function describeColumns(table: TableEntry): string {
  return table.columns.slice(0, 12).map((c) => c.name).join(', ');
}
