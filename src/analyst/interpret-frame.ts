import type { Interpretation, InterpretationPart } from '../core/interpretation.js';
import { columnWords } from './explain-frame.js';
import { formatCell } from './format-number.js';
import type { ColumnRef, FilterSpec, HavingSpec, IntentFrame, MeasureSpec } from './intent-frame.js';
import type { Mention } from './link-tokens.js';
import type { Token } from './tokenize.js';

/** The question as the stages saw it: its tokens, their links, and where the content words are that no step explained. */
export interface Reading {
  tokens: Token[];
  mentions: Mention[];
  unaccountedAt: number[];
}

/**
 * The interpretation of a frame, as the user sees it: each part in schema terms (what the SQL
 * computes, never the question's words) with the words of the question it came from, the words
 * left unaccounted, and a one-line restatement.
 */
export function interpretFrame(frame: IntentFrame, reading: Reading, unaccounted: string[], confidence: number): Interpretation {
  const wordsAt = (at: number | undefined): string[] => {
    if (at === undefined || at < 0 || at >= reading.tokens.length) return [];
    const mention = reading.mentions.filter((m) => m.start === at).sort((a, b) => b.end - a.end)[0];
    let end = mention ? mention.end : at + 1;
    // An aggregate phrase is read whole: "how many", "number of", "total".
    while (!mention && end < reading.tokens.length && end - at < 3 && AGGREGATE_TAIL.has(reading.tokens[end].norm)) end++;
    return [reading.tokens.slice(at, end).map((t) => t.raw).join(' ')];
  };
  const unique = (words: string[]) => [...new Set(words.filter(Boolean))];
  const parts: InterpretationPart[] = [];
  const tableWords = reading.mentions.filter((m) => m.kind === 'table' && m.table === frame.table).map((m) => reading.tokens.slice(m.start, m.end).map((t) => t.raw).join(' '));
  parts.push({ role: 'entity', text: frame.table, words: unique(tableWords) });
  for (const measure of frame.measures.filter((m) => !m.hidden)) {
    parts.push({ role: 'measure', text: measureText(measure, frame.table), words: unique([...wordsAt(measure.at), ...wordsAt(measure.column?.at)]) });
  }
  if (frame.shape === 'list' || frame.measures.length === 0) {
    for (const column of frame.projection) parts.push({ role: 'measure', text: `${qualified(column, frame.table)}`, words: wordsAt(column.at) });
  }
  for (const filter of frame.filters) {
    const time = filter.halfOpen === true;
    parts.push({ role: time ? 'time' : 'filter', text: filterText(filter, frame.table), words: time && filter.segment ? [filter.segment] : wordsAt(filter.column.at) });
  }
  for (const condition of frame.setConditions) {
    const text = `${condition.kind === 'not in' ? 'not in' : 'in'} ${condition.subquery.table}${condition.subquery.filters.length > 0 ? ` where ${condition.subquery.filters.map((f) => filterText(f, condition.subquery.table)).join(' and ')}` : ''}`;
    parts.push({ role: 'filter', text, words: condition.words ? [condition.words] : [] });
  }
  for (const group of frame.groupBy.filter((g) => !g.hidden)) {
    const grouping = group.grain ? `${group.grain} of ${qualified(group.column, frame.table)}` : `${qualified(group.column, frame.table)}${group.foldCase ? ' (case folded)' : ''}`;
    parts.push({ role: 'grouping', text: grouping, words: wordsAt(group.at ?? group.column.at) });
  }
  for (const having of frame.having) parts.push({ role: 'filter', text: havingText(having, frame.table), words: wordsAt(having.measure.at ?? having.measure.column?.at) });
  if (frame.argmax) parts.push({ role: 'order', text: `rows with the ${frame.argmax.direction === 'desc' ? 'highest' : 'lowest'} ${qualified(frame.argmax.column, frame.table)}`, words: wordsAt(frame.argmax.column.at) });
  for (const order of frame.orderBy) {
    const by = order.measureIndex !== undefined ? measureText(frame.measures[order.measureIndex], frame.table) : order.column ? qualified(order.column, frame.table) : '';
    if (by) parts.push({ role: 'order', text: `${by} ${order.direction === 'desc' ? 'descending' : 'ascending'}`, words: wordsAt(order.column?.at) });
  }
  if (frame.limit !== null) parts.push({ role: 'limit', text: String(frame.limit), words: [] });
  return { restatement: restate(frame), entity: frame.table, parts, unaccounted, confidence };
}

const AGGREGATE_TAIL = new Set(['many', 'much', 'of']);

/** "Count of billing_invoices where channel is portal, by store". */
export function restate(frame: IntentFrame): string {
  let what: string;
  const visible = frame.measures.filter((m) => !m.hidden);
  if (frame.histogram) what = `Distribution of ${qualified(frame.histogram.column, frame.table)} in buckets of ${frame.histogram.width}`;
  else if (visible.length === 0) {
    const listed = [...frame.groupBy.filter((g) => !g.hidden && !g.grain).map((g) => g.column), ...frame.projection];
    what = `${frame.distinct ? 'Distinct ' : ''}${listed.map((c) => qualified(c, frame.table)).join(', ') || 'rows'} of ${frame.table}`;
  }
  else what = visible.map((m) => measureText(m, frame.table)).join(' and ');
  const parts = [capitalise(what)];
  const joined = frame.joins.map((j) => j.toTable);
  if (joined.length > 0) parts.push(`(joined with ${joined.join(', ')})`);
  const conditions = [...frame.filters.map((f) => filterText(f, frame.table)), ...frame.setConditions.map((c) => `${c.kind === 'not in' ? 'not in' : 'in'} ${c.subquery.table}`)];
  if (conditions.length > 0) parts.push(`where ${conditions.join(' and ')}`);
  const groups = frame.groupBy.filter((g) => !g.hidden);
  let sentence = parts.join(' ');
  if (groups.length > 0 && visible.length > 0) sentence += `, by ${groups.map((g) => (g.grain ? `${g.grain} of ${qualified(g.column, frame.table)}` : qualified(g.column, frame.table))).join(' and ')}`;
  if (frame.having.length > 0) sentence += `, keeping ${groups.length > 0 ? 'groups' : `each ${frame.table}`} where ${frame.having.map((h) => havingText(h, frame.table)).join(' and ')}`;
  if (frame.argmax) sentence += `, only the rows with the ${frame.argmax.direction === 'desc' ? 'highest' : 'lowest'} ${qualified(frame.argmax.column, frame.table)}`;
  if (frame.limit !== null && frame.orderBy.length > 0) sentence += `, ${frame.orderBy[0].direction === 'desc' ? 'top' : 'bottom'} ${frame.limit}`;
  return sentence;
}

function havingText(having: HavingSpec, table: string): string {
  const measure = having.measure.aggregate === 'count' ? `count of ${having.measure.column?.table ?? table}` : measureText(having.measure, table);
  return `${measure} ${having.op} ${formatCell(having.value)}`;
}

function measureText(measure: MeasureSpec, table: string): string {
  const column = measure.column ? qualified(measure.column, table) : null;
  switch (measure.aggregate) {
    case 'count':
      return column ? `count of ${measure.column?.table ?? table}` : `count of ${table}`;
    case 'count_distinct':
      return `number of distinct ${column}`;
    case 'sum':
      return column ? `total ${column}` : measure.words;
    case 'avg':
      return column ? `average ${column}` : measure.words;
    case 'median':
      return column ? `median ${column}` : measure.words;
    case 'min':
      return column ? `lowest ${column}` : measure.words;
    case 'max':
      return column ? `highest ${column}` : measure.words;
    default:
      return measure.metricName ? columnWords(measure.metricName) : measure.words;
  }
}

function filterText(filter: FilterSpec, table: string): string {
  const column = qualified(filter.column, table);
  const one = (f: FilterSpec): string => {
    const values = f.values.map((v) => (typeof v === 'string' ? `'${v}'${f.foldCase ? ' (any case)' : ''}` : formatCell(v)));
    switch (f.op) {
      case 'is null':
        return `${qualified(f.column, table)} is empty`;
      case 'is not null':
        return `${qualified(f.column, table)} is set`;
      case 'between':
        return f.halfOpen ? `${qualified(f.column, table)} from ${f.values[0]} to before ${f.values[1]}` : `${qualified(f.column, table)} between ${values[0]} and ${values[1]}`;
      case 'in':
        return `${qualified(f.column, table)} is one of ${values.join(', ')}`;
      case 'not in':
        return `${qualified(f.column, table)} is none of ${values.join(', ')}`;
      case '=':
        return f.against ? `${qualified(f.column, table)} equals its average` : `${qualified(f.column, table)} is ${values[0]}`;
      case '!=':
        return `${qualified(f.column, table)} is not ${values[0]}`;
      default:
        return `${qualified(f.column, table)} ${f.op} ${f.against ? 'its average' : values[0]}`;
    }
  };
  if (filter.or && filter.or.length > 0) return `(${[filter, ...filter.or].map(one).join(' or ')})`;
  return column ? one(filter) : filter.words;
}

function qualified(column: ColumnRef, table: string): string {
  return column.table === table ? column.column : `${column.table}.${column.column}`;
}

function capitalise(text: string): string {
  return text.length > 0 ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}
