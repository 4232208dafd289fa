import type { FrameContext } from './frame-context.js';
import { defaultMeasure } from './frame-measures.js';
import type { ColumnRef, FilterSpec } from './intent-frame.js';
import { ROW_WORDS, STOPWORDS } from './lexicon.js';
import type { Mention } from './link-tokens.js';
import type { ColumnEntry } from './schema-index.js';
import { COMPARE_WORDS, findComparisons, type Comparator } from './question-cues.js';
import { splitIdentifier, stem } from './tokenize.js';

/** Numeric comparisons: filters on the nearest numeric column, or HAVING on a count ("more than 2 pets"). */
export function applyComparisons(ctx: FrameContext): void {
  let previousCue: { end: number } | undefined;
  for (const cue of findComparisons(ctx.tokens)) {
    if (ctx.isUsed(cue.start, cue.end)) continue;
    const [lo, hi] = cue.values;
    if (cue.against) {
      const numericColumn = (m: Mention) => m.kind === 'column' && ctx.columnOf(m)?.numeric === true;
      const near = ctx.mentions.find((m) => m.start === cue.start && numericColumn(m)) ?? ctx.mentionAt(cue.end, cue.end + 1, numericColumn) ?? ctx.nearestBefore(cue.start, 4, numericColumn);
      const column = near ? ctx.ref(near) : cue.wordStem ? columnBySynonym(ctx, cue.wordStem) : null;
      if (!column) continue;
      const phrase = `${column.column} ${cue.op} its average`;
      ctx.frame.filters.push({ column, op: cue.op as FilterSpec['op'], values: [], against: 'avg', words: phrase, segment: phrase });
      ctx.mark(cue.start, cue.end);
      if (near) ctx.consume(near);
      continue;
    }
    // "more than 2 languages": the number counts rows of a table, not a column's value.
    const counted = ctx.mentionAt(cue.end, cue.end + 1, (m) => m.kind === 'table' || (m.kind === 'column' && ctx.columnOf(m)?.kind !== 'number'));
    // A row word is a noun ("3 orders"), not a verb of the same stem ("60, ordered by age").
    const rowWord = ROW_WORDS.has(ctx.tokens[cue.end]?.stem ?? '') && !/(ed|ing)$/.test(ctx.tokens[cue.end]?.norm ?? '');
    // A text column of another table counts that table's rows too ("at least 3 languages").
    const countedColumn = counted?.kind === 'column' && counted.table !== ctx.table.name && ctx.columnOf(counted)?.kind === 'text' && counted.match !== 'partial' ? counted : undefined;
    if ((counted?.kind === 'table' || rowWord || countedColumn) && cue.op !== 'between' && Number.isInteger(lo)) {
      const column = countedColumn ? ctx.ref(countedColumn) : ctx.countedKey(counted);
      ctx.frame.having.push({ measure: { aggregate: 'count', column, label: 'count', words: 'count', hidden: true }, op: cue.op, value: lo });
      ctx.mark(cue.start, cue.end);
      if (counted) ctx.consume(counted);
      continue;
    }
    const numeric = (m: Mention) => m.kind === 'column' && (ctx.columnOf(m)?.numeric === true || ctx.columnOf(m)?.kind === 'time') && !ctx.columnOf(m)?.isKey;
    const own = ctx.mentions.find((m) => (m.start === cue.start || (cue.gap && m.start >= cue.gap[0] && m.start < cue.gap[1])) && numeric(m));
    const near = own ?? ctx.nearestBefore(cue.start, 4, numeric) ?? ctx.mentionAt(cue.end, cue.end + 2, numeric);
    let column: ColumnRef | null = near ? ctx.ref(near) : null;
    // "each continent whose average life expectancy is below 72": a condition on the group (HAVING).
    const aggregate = near ? ctx.aggregates.find((a) => a.end <= near.start && near.start - a.end <= 1 && !ctx.isUsed(a.start, a.end) && a.aggregate !== 'count' && a.aggregate !== 'count_distinct') : undefined;
    if (near && aggregate && column && cue.op !== 'between' && ctx.tokens.some((t) => ['each', 'per', 'every'].includes(t.norm))) {
      ctx.frame.having.push({ measure: { aggregate: aggregate.aggregate, column, label: `${aggregate.aggregate}_${column.column}`.toLowerCase(), words: `${aggregate.aggregate} ${column.column}`, hidden: true }, op: cue.op as Comparator, value: lo });
      ctx.mark(aggregate.start, aggregate.end);
      ctx.mark(cue.start, cue.end);
      ctx.consume(near);
      continue;
    }
    if (!column && cue.wordStem) column = columnBySynonym(ctx, cue.wordStem);
    // "after 1950": a year compares with a year-like or time column.
    if (!column && Number.isInteger(lo) && lo >= 1800 && lo <= 2100) {
      const year = ctx.table.columns.find((c) => c.stems.includes('year') && c.numeric) ?? ctx.table.columns.find((c) => c.kind === 'time');
      if (year) column = { table: ctx.table.name, column: year.name };
    }
    if (!column) column = defaultMeasure(ctx.table);
    if (!column) continue;
    const phrase = cue.op === 'between' ? `${column.column} between ${Math.min(lo, hi)} and ${Math.max(lo, hi)}` : `${column.column} ${cue.op} ${lo}`;
    ctx.frame.filters.push(cue.op === 'between'
      ? { column, op: 'between', values: [Math.min(lo, hi), Math.max(lo, hi)], words: phrase, segment: phrase }
      : { column, op: cue.op, values: [lo], words: phrase, segment: phrase });
    ctx.mark(cue.start, cue.end);
    if (near) ctx.consume(near);
    // "after 2013 or before 2008": two ranges of one column joined by "or" are alternatives.
    const [previous, added] = ctx.frame.filters.slice(-2);
    if (previous && added && previousCue && ctx.tokens.slice(previousCue.end, cue.start).some((t) => t.norm === 'or') && previous.column.column === added.column.column && previous.column.table === added.column.table) {
      ctx.frame.filters.pop();
      previous.or = [...(previous.or ?? []), added];
    }
    previousCue = cue;
  }
}

function columnBySynonym(ctx: FrameContext, wordStem: string): ColumnRef | null {
  const column = ctx.table.columns.find((c) => c.kind === 'number' && c.synonymStems.some((s) => s.includes(wordStem)));
  return column ? { table: ctx.table.name, column: column.name } : null;
}

/**
 * Values become filters. Several values of one column are IN; "A vs B" compares segments;
 * a negated value of another table excludes rows by NOT IN; "both A and B" needs each.
 */
export function applyValues(ctx: FrameContext): void {
  const compare = ctx.tokens.some((t) => COMPARE_WORDS.has(t.norm));
  const both = ctx.tokens.some((t) => t.norm === 'both');
  const byColumn = new Map<string, { mentions: Mention[]; negated: boolean }>();
  for (const original of ctx.mentions) {
    if (ctx.consumed.has(original) || original.kind !== 'value' || ctx.isUsed(original.start, original.end)) continue;
    const m = pickReading(ctx, original, byColumn);
    const negated = ctx.isNegated(m.start);
    const key = `${m.table}.${m.column}.${negated}`;
    const entry = byColumn.get(key) ?? { mentions: [], negated };
    entry.mentions.push(m);
    byColumn.set(key, entry);
    ctx.consume(original);
    // A column named right before its value ("series name Sky Radio") is the filter's, not a projection.
    const named = ctx.nearestBefore(m.start, 3, (c) => c.kind === 'column' && c.column === m.column && c.table === m.table)
      ?? ctx.mentions.find((c) => c.start === m.end && c.kind === 'column' && c.column === m.column && c.table === m.table && !ctx.consumed.has(c));
    if (named) ctx.consume(named);
  }
  for (const { mentions: values, negated } of byColumn.values()) {
    const column = ctx.ref(values[0]);
    const list = [...new Set(values.map((v) => v.value as string | number | boolean))];
    if (values.some((v) => v.match === 'fuzzy')) ctx.confidence -= 0.1;
    const filter = filterFor(column, list, negated);
    if (negated && column.table !== ctx.table.name) {
      addMembership(ctx, 'not in', { ...filter, op: list.length > 1 ? 'in' : '=' });
      continue;
    }
    if (both && list.length > 1) {
      for (const value of list) addMembership(ctx, 'in', filterFor(column, [value], false));
      ctx.frame.distinct = true;
      continue;
    }
    if (list.length > 1 && compare && ctx.frame.groupBy.length === 0) {
      ctx.frame.groupBy.push({ column });
      ctx.frame.shape = 'compare';
    }
    ctx.frame.filters.push(filter);
  }
}

/** Keep (or drop) base rows that reach rows matching `filter` through the join path. */
function addMembership(ctx: FrameContext, kind: 'in' | 'not in', filter: FilterSpec): void {
  const key = ctx.table.key ?? ctx.table.label ?? ctx.table.columns[0];
  ctx.frame.setConditions.push({
    kind,
    column: { table: ctx.table.name, column: key.name },
    words: `${kind === 'not in' ? 'not ' : ''}${filter.words}`,
    subquery: { table: ctx.table.name, column: key.name, joins: [], filters: [filter] },
    keyFromProjection: kind === 'in',
  });
}

/** "dogs that have not received any treatment": a negated table means no matching rows there. */
export function applyNegatedTables(ctx: FrameContext): void {
  for (const n of ctx.negations) {
    const target = ctx.mentionAt(n + 1, n + 5, (m) => m.kind === 'table' && m.table !== ctx.table.name);
    if (!target) continue;
    ctx.consume(target);
    ctx.used.add(n);
    const key = ctx.table.key ?? ctx.table.columns[0];
    // Values after the negated table qualify it ("no cartoon directed by Ben Jones"), and so do
    // the table's own values between the negation and it ("no cancelled appointments").
    const filters: FilterSpec[] = [];
    for (const m of ctx.mentions) {
      const qualifies = m.start > target.start || (m.start > n && m.table === target.table);
      if (!qualifies || ctx.consumed.has(m) || m.kind !== 'value' || m.table === ctx.table.name) continue;
      filters.push(filterFor(ctx.ref(m), [m.value as string | number | boolean], false));
      ctx.consume(m);
    }
    ctx.frame.setConditions.push({
      kind: 'not in',
      column: { table: ctx.table.name, column: key.name },
      words: `no ${target.table}`,
      subquery: { table: ctx.table.name, column: key.name, joins: [], filters, reach: [target.table] },
    });
  }
}

/**
 * "dogs who have gone through any treatments": a relative clause naming another table keeps the
 * rows that have a match there (IN), without joining rows in (no duplicates).
 */
export function applyRelatedTables(ctx: FrameContext): void {
  for (const m of ctx.mentions) {
    if (m.kind !== 'table' || ctx.consumed.has(m) || m.match === 'partial' || m.table === ctx.table.name) continue;
    const before = ctx.tokens.slice(Math.max(0, m.start - 5), m.start).map((t) => t.norm);
    const relative = before.some((w) => ['who', 'that', 'which', 'whose'].includes(w));
    const quantified = before.some((w) => ['any', 'some', 'a', 'an'].includes(w));
    if (!relative || !quantified || ctx.negations.some((n) => n < m.start && m.start - n <= 5)) continue;
    const key = ctx.table.key ?? ctx.table.columns[0];
    ctx.consume(m);
    ctx.frame.setConditions.push({
      kind: 'in',
      column: { table: ctx.table.name, column: key.name },
      words: `has ${m.table}`,
      subquery: { table: ctx.table.name, column: key.name, joins: [], filters: [], reach: [m.table] },
    });
  }
}

/** Flags named on their own ("cancelled flights", "not flagged") filter on the flag. */
export function applyFlags(ctx: FrameContext): void {
  for (const m of ctx.mentions) {
    if (ctx.consumed.has(m) || m.kind !== 'column' || ctx.columnOf(m)?.kind !== 'bool') continue;
    const negated = ctx.isNegated(m.start, 3);
    ctx.frame.filters.push({ column: ctx.ref(m), op: '=', values: [!negated], words: `${m.column} is ${!negated}`, segment: `${negated ? 'not ' : ''}${ctx.words(m.start, m.end)}` });
    ctx.consume(m);
  }
}

/**
 * Values the DNA's top values do not list: a quoted phrase, or capitalised words, after a text
 * column ("episode 'A Love of a Lifetime'") or naming a row of a table whose value list is
 * incomplete. Words such as "containing" make it a LIKE.
 */
export function applyLiteralValues(ctx: FrameContext): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    if (ctx.used.has(i) || ctx.mentions.some((m) => m.start <= i && m.end > i && ctx.consumed.has(m))) continue;
    const afterSubstring = ['substring', 'word', 'containing', 'contains', 'contain', 'includes'].includes(tokens[i - 1]?.norm ?? '') || (tokens[i - 1]?.norm === 'the' && ['substring', 'word'].includes(tokens[i - 2]?.norm ?? ''));
    if (afterSubstring && tokens[i].norm === 'the' && tokens[i + 1]?.kind === 'word') continue;
    const quoted = tokens[i].kind === 'quoted' || (afterSubstring && tokens[i].kind === 'word' && !STOPWORDS.has(tokens[i].norm));
    const capital = tokens[i].kind === 'word' && i > 0 && /^[A-Z]/.test(tokens[i].raw) && !STOPWORDS.has(tokens[i].norm) && !ctx.mentions.some((m) => m.start <= i && m.end > i);
    // "the state with capital albany": an unknown word right after a text column names its value.
    const afterColumn = !quoted && !capital && tokens[i].kind === 'word' && !STOPWORDS.has(tokens[i].norm) && !ctx.mentions.some((m) => m.start <= i && m.end > i)
      && !/(ed|ing)$/.test(tokens[i].norm)
      && ctx.mentions.some((m) => m.end === i && m.kind === 'column' && ctx.columnOf(m)?.kind === 'text' && (ctx.columnOf(m)?.profile.distinctCount ?? 0) > (ctx.columnOf(m)?.profile.topValues.length ?? 0)
        && tokens.slice(Math.max(0, m.start - 2), m.start).some((t) => ['with', 'whose', 'where', 'named', 'called'].includes(t.norm)));
    if (!quoted && !capital && !afterColumn) continue;
    let end = i + 1;
    if (capital) while (end < tokens.length && tokens[end].kind === 'word' && /^[A-Z]/.test(tokens[end].raw) && !ctx.mentions.some((m) => m.start <= end && m.end > end)) end++;
    if (afterColumn) while (end < tokens.length && tokens[end].kind === 'word' && !STOPWORDS.has(tokens[end].norm) && !ctx.mentions.some((m) => m.start <= end && m.end > end)) end++;
    const text = quoted ? tokens[i].raw : tokens.slice(i, end).map((t) => t.raw).join(' ');
    const like = afterSubstring || (['contain', 'containing', 'contains', 'substring', 'including', 'includes', 'like', 'with'].includes(tokens[i - 1]?.norm ?? '') && quoted);
    // A column whose every value the DNA lists cannot hold a value it does not list.
    const openList = (m: Mention) => { const c = ctx.columnOf(m); return !c || c.profile.topValues.length === 0 || c.profile.distinctCount > c.profile.topValues.length; };
    const textColumn = (m: Mention) => m.kind === 'column' && ctx.columnOf(m)?.kind === 'text' && openList(m);
    const named = (afterColumn ? ctx.mentions.find((m) => m.end === i && textColumn(m)) : undefined) ?? ctx.nearestBefore(i, 4, textColumn) ?? ctx.mentions.find((m) => m.start >= end && m.start <= end + 2 && textColumn(m) && !ctx.consumed.has(m));
    let column: ColumnRef | null = named ? ctx.ref(named) : null;
    if (!column) {
      const label = ctx.table.label;
      if (!label || label.profile.distinctCount <= label.profile.topValues.length) continue;
      column = { table: ctx.table.name, column: label.name };
    }
    if (named) ctx.consume(named);
    ctx.mark(i, end);
    const negated = ctx.isNegated(i);
    ctx.frame.filters.push(like
      ? { column, op: 'like', values: [text], words: `${column.column} contains ${text}`, segment: text }
      : { column, op: negated ? '!=' : '=', values: [text], words: `${column.column} is ${negated ? 'not ' : ''}${text}`, segment: text });
    ctx.confidence -= 0.05;
    i = end - 1;
  }
}

const FROM_STEMS = new Set(['origin', 'from', 'source', 'depart', 'start', 'sender', 'home', 'src']);
const TO_STEMS = new Set(['dest', 'destination', 'to', 'arriv', 'target', 'end', 'receiver', 'away', 'dst']);

/**
 * A value found in several columns: "from X" prefers an origin-like column, "to X" a
 * destination-like one; "A and B", "A or B" keep B in A's column; otherwise a column not
 * already filtered by an earlier value.
 */
function pickReading(ctx: FrameContext, mention: Mention, taken: Map<string, { mentions: Mention[] }>): Mention {
  const readings = [mention, ...(mention.alternatives ?? [])];
  const before = ctx.tokens[mention.start - 1]?.norm;
  const previous = [...taken.values()].flatMap((e) => e.mentions).filter((m) => m.end <= mention.start).sort((a, b) => b.end - a.end)[0];
  const between = previous ? ctx.tokens.slice(previous.end, mention.start).map((t) => t.norm) : [];
  if (previous && between.length <= 2 && between.every((w) => ['and', 'or', 'nor', 'both', 'either', 'than', 'vs', 'versus'].includes(w))) {
    const same = readings.find((m) => m.table === previous.table && m.column === previous.column);
    if (same) return same;
    // The DNA lists only the top values: a coordinated value may be a rarer one of the same column.
    const column = ctx.columnOf(previous);
    if (column && column.profile.distinctCount > column.profile.topValues.length) return { ...mention, table: previous.table, column: previous.column, alternatives: [] };
  }
  if (readings.length === 1) return mention;
  // "the smallest city in washington": a place after "in" is not the name of the rows asked for.
  if (before === 'in' && mention.table === ctx.table.name && mention.column === ctx.table.label?.name) {
    const other = readings.find((m) => m.table === ctx.table.name && m.column !== mention.column);
    if (other) return other;
  }
  const wanted = before === 'from' ? FROM_STEMS : before === 'to' || before === 'into' ? TO_STEMS : null;
  if (wanted) {
    const hit = readings.find((m) => splitIdentifier(m.column ?? '').map(stem).some((s) => wanted.has(s)));
    if (hit) return hit;
  }
  return readings.find((m) => m.table === mention.table && ![true, false].some((n) => taken.has(`${m.table}.${m.column}.${n}`))) ?? mention;
}

export function filterFor(column: ColumnRef, values: (string | number | boolean)[], negated: boolean): FilterSpec {
  const shown = values.map(String).join(', ');
  const segment = `${negated ? 'other than ' : ''}${values.map(String).join(' and ')}`;
  if (values.length === 1) return { column, op: negated ? '!=' : '=', values, segment, words: `${column.column} is ${negated ? 'not ' : ''}${shown}` };
  return { column, op: negated ? 'not in' : 'in', values, segment, words: `${column.column} is ${negated ? 'not ' : ''}one of ${shown}` };
}

/** Words that ask for what holds now: "current employees", "still open", "active subscriptions". */
const CURRENT_WORDS = new Set(['current', 'currently', 'still', 'now', 'active', 'ongoing', 'open', 'live']);
/** Stems of a column name that mark when something ended (an empty one means it has not). */
const END_PREFIXES = ['end', 'left', 'leav', 'termin', 'cancel', 'clos', 'expir', 'churn', 'resolv', 'finish', 'stop', 'return', 'complet', 'exit'];

/**
 * "current / active / still": rows that have not ended. A status value already filtered
 * ("currently active") explains the word; otherwise the base table's nullable end date
 * (end_date, cancelled_at, left_on) must be empty. With neither, the word stays unexplained and
 * the question is asked about rather than answered for all rows.
 */
export function applyCurrent(ctx: FrameContext): void {
  ctx.tokens.forEach((token, i) => {
    if (!CURRENT_WORDS.has(token.norm) || ctx.used.has(i) || ctx.mentions.some((m) => ctx.consumed.has(m) && m.start <= i && m.end > i)) return;
    if (ctx.frame.filters.some((f) => f.column.table === ctx.table.name && !f.halfOpen && typeof f.values[0] === 'string')) {
      ctx.used.add(i);
      return;
    }
    const dateLike = (c: ColumnEntry) => c.kind === 'time' || /date|time|_at$|At$|_on$/.test(c.name);
    const end = ctx.table.columns.find((c) => dateLike(c) && c.stems.some((s) => END_PREFIXES.some((p) => s.startsWith(p))) && (c.profile.nullShare ?? 0) > 0);
    if (!end) return;
    const column = { table: ctx.table.name, column: end.name, at: i };
    ctx.frame.filters.push({ column, op: 'is null', values: [], words: `${end.name} is empty`, segment: token.norm });
    ctx.used.add(i);
  });
}
