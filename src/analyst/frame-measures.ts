import { literal, quoteIdentifier } from './dialect-sql.js';
import type { FrameContext } from './frame-context.js';
import type { Aggregate, ColumnRef, MeasureSpec } from './intent-frame.js';
import { PERSON_WORDS, ROW_WORDS, SUM_STEMS } from './lexicon.js';
import type { Mention } from './link-tokens.js';
import { RATE_WORDS } from './question-cues.js';
import type { ColumnEntry, SchemaIndex, TableEntry } from './schema-index.js';


/** Derived metrics the DNA names ("failure rate"). */
export function applyMetrics(ctx: FrameContext): void {
  for (const m of ctx.mentions) {
    if (m.kind !== 'metric' || !m.metric) continue;
    const words = ctx.words(m.start, m.end);
    if (m.table !== ctx.table.name) {
      // A metric's expression names its own table's columns unqualified: over a joined table it is
      // rewritten as the aggregate of a column (qualified and joined by the SQL builder), or not used.
      const simple = /^(sum|avg|min|max)\("((?:[^"]|"")+)"\)$/i.exec(m.metric.expression.trim());
      const column = simple ? ctx.tableOf(m.table)?.byName.get(simple[2].replace(/""/g, '"').toLowerCase()) : undefined;
      if (!simple || !column) continue;
      ctx.frame.measures.push({ ...aggregateMeasure(simple[1].toLowerCase() as Aggregate, { table: column.table, column: column.name, at: m.start }, column.name), at: m.start });
      ctx.consume(m);
      continue;
    }
    ctx.frame.measures.push({ aggregate: 'metric', column: null, expression: m.metric.expression, table: m.table, label: m.metric.name, words, metricName: m.metric.name, at: m.start });
    ctx.consume(m);
  }
}

/** Rates and shares: "<value> rate", "share of <value>", "percentage of payments that failed". */
export function applyRates(ctx: FrameContext): void {
  const flagOrValue = (m: Mention) => m.kind === 'value' || ctx.columnOf(m)?.kind === 'bool';
  ctx.tokens.forEach((token, i) => {
    if ((!RATE_WORDS.has(token.norm) && token.stem !== 'rate') || ctx.used.has(i)) return;
    const before = ctx.mentions.find((m) => m.end === i && !ctx.consumed.has(m) && flagOrValue(m));
    const target = before ?? ctx.mentionAt(i + 1, i + 6, flagOrValue);
    if (!target) return;
    const phrase = before ? ctx.words(target.start, i + 1) : `share of ${String(target.value ?? target.column)}`;
    ctx.frame.measures.push({ ...rateMeasure(target, ctx.columnOf(target) as ColumnEntry, ctx.index, phrase), at: Math.min(i, target.start) });
    ctx.consume(target);
    ctx.mark(Math.min(i, target.start), Math.max(i + 1, target.end));
    // "flagged as fraud": other words naming the same flag are part of the rate.
    for (const m of ctx.mentions) if (m !== target && m.column === target.column && m.table === target.table && Math.abs(m.start - target.start) <= 3) ctx.consume(m);
  });
}

/** Aggregates: "average amount", "how many payments", "number of distinct banks". */
export function applyAggregates(ctx: FrameContext): void {
  for (const cue of ctx.aggregates) {
    if (ctx.isUsed(cue.start, cue.end)) continue;
    // "average number of pages": "number of" before a number column is part of the average, not a count.
    const numberColumnAfter = ctx.mentions.some((m) => m.start >= cue.end && m.start <= cue.end + 1 && m.kind === 'column' && ctx.columnOf(m)?.numeric === true && !ctx.columnOf(m)?.isKey);
    if (cue.aggregate === 'count' && numberColumnAfter && ctx.aggregates.some((a) => a.end === cue.start && a.aggregate !== 'count' && a.aggregate !== 'count_distinct')) {
      ctx.mark(cue.start, cue.end);
      continue;
    }
    // A column literally called "average" or "total" is a column, not an aggregate.
    if (cue.end - cue.start === 1 && ctx.mentions.some((m) => m.start === cue.start && m.kind === 'column' && m.match === 'exact' && m.table === ctx.table.name)) continue;
    // "phone numbers of the votes": the word belongs to a column name that starts before it.
    if (ctx.mentions.some((m) => m.kind === 'column' && m.match !== 'partial' && m.start < cue.start && m.end > cue.start)) continue;
    const counting = cue.aggregate === 'count' || cue.aggregate === 'count_distinct';
    // "average tickets per customer" is an average of per-entity counts, not the average of some
    // other column of tickets: this reading does not build it, so the word stays unexplained and
    // the coverage check asks instead of answering with a substituted measure.
    if (['avg', 'median', 'min', 'max'].includes(cue.aggregate) && totalOfEntity(ctx, cue.end)) {
      ctx.unbuilt.push(cue.start);
      continue;
    }
    ctx.mark(cue.start, cue.end);
    // "total invoices": a total of an entity (its table, or a row word) counts its rows; an id is never summed.
    if (cue.aggregate === 'sum' && totalOfEntity(ctx, cue.end)) {
      applyCount(ctx, cue.start, cue.end, false);
      continue;
    }
    if (counting) {
      applyCount(ctx, cue.start, cue.end, cue.aggregate === 'count_distinct');
      // "the most number of orchestras" ranks by the count without showing it.
      const before = ctx.tokens.slice(Math.max(0, cue.start - 2), cue.start).map((t) => t.norm);
      const last = ctx.frame.measures[ctx.frame.measures.length - 1];
      if (last && before.some((w) => ['most', 'least', 'largest', 'smallest', 'highest', 'lowest', 'fewest', 'biggest', 'greatest'].includes(w))) last.hidden = true;
      continue;
    }
    const numeric = (m: Mention) => m.kind === 'column' && (ctx.columnOf(m)?.numeric === true || ctx.columnOf(m)?.kind === 'time');
    // "average and maximum age": aggregates listed together share the column that follows them.
    const target = ctx.mentionAt(cue.end, cue.end + 4, numeric) ?? ctx.mentions.find((m) => m.start >= cue.end && m.start <= cue.end + 6 && numeric(m) && ctx.frame.measures.some((x) => x.column?.column === m.column && x.column?.table === m.table));
    let column: ColumnRef | null;
    let phrase: string;
    if (target && (ctx.columnOf(target)?.numeric || cue.aggregate === 'min' || cue.aggregate === 'max')) {
      column = ctx.ref(target);
      phrase = ctx.words(target.start, target.end);
      ctx.consume(target);
    } else {
      column = defaultMeasure(ctx.table);
      phrase = column?.column ?? '';
      ctx.confidence -= 0.1;
    }
    if (column && !ctx.frame.measures.some((m) => m.aggregate === cue.aggregate && m.column?.column === column?.column && m.column?.table === column?.table)) {
      ctx.frame.measures.push({ ...aggregateMeasure(cue.aggregate, column, phrase), at: cue.start });
    }
  }
}

/** The words right after "total" name rows (a table, a row word, a key column), not a number column. */
function totalOfEntity(ctx: FrameContext, at: number): boolean {
  // "total sales", "total revenue": money words are totalled, even when a table is named so.
  if (ctx.tokens[at] && SUM_STEMS.has(ctx.tokens[at].stem)) return false;
  const next = ctx.mentions.filter((m) => m.start === at && !ctx.consumed.has(m));
  // "total payment amount": a number column right after the entity word is what is totalled.
  const numberColumn = (m: Mention) => m.kind === 'column' && ctx.columnOf(m)?.numeric === true && !ctx.columnOf(m)?.isKey;
  if (ctx.mentions.some((m) => m.start >= at && m.start <= at + 2 && !ctx.consumed.has(m) && numberColumn(m))) return false;
  if (next.some((m) => m.kind === 'table' || (m.kind === 'column' && ctx.columnOf(m)?.isKey))) return true;
  const token = ctx.tokens[at];
  return token !== undefined && ROW_WORDS.has(token.stem) && !SUM_STEMS.has(token.stem);
}

function applyCount(ctx: FrameContext, start: number, end: number, distinct: boolean): void {
  const target = ctx.mentionAt(end, end + 4, (m) => m.kind !== 'value');
  const column = target ? ctx.columnOf(target) : undefined;
  const targetWord = target ? ctx.tokens[target.start].stem : '';
  // "how many people live in X" asks for a population column, not a row count.
  if (target && column?.kind === 'number' && target.match === 'synonym' && !distinct) {
    ctx.frame.projection.push(ctx.ref(target));
    ctx.consume(target);
    return;
  }
  if (target && column && column.kind !== 'number' && (distinct || (!column.isKey && column.kind === 'text' && !ROW_WORDS.has(targetWord) && target.match === 'exact'))) {
    ctx.frame.measures.push({ aggregate: 'count_distinct', column: ctx.ref(target), label: `distinct_${column.name}`.toLowerCase(), words: `number of distinct ${ctx.words(target.start, target.end)}`, at: start });
    ctx.consume(target);
    return;
  }
  const personWord = ctx.tokens.slice(end, end + 4).find((t) => PERSON_WORDS.has(t.stem));
  const person = personWord ? personIdColumn(ctx.table) : undefined;
  if (person && personWord) {
    ctx.frame.measures.push({ aggregate: 'count_distinct', column: { table: ctx.table.name, column: person.name }, label: `distinct_${person.name}`.toLowerCase(), words: `number of distinct ${personWord.norm}`, at: start });
    return;
  }
  const tableTarget = target?.kind === 'table' ? target : undefined;
  const existing = ctx.frame.measures.find((m) => m.aggregate === 'count');
  if (existing) {
    // "… the least number of X. List … and the number of X": asked again, it is shown.
    existing.hidden = false;
    existing.at = Math.max(existing.at ?? 0, start);
    if (tableTarget) ctx.consume(tableTarget);
    return;
  }
  ctx.frame.measures.push({ aggregate: 'count', column: ctx.countedKey(tableTarget), label: 'count', words: `number of ${tableTarget ? ctx.words(tableTarget.start, tableTarget.end) : ctx.table.name}`, at: start });
  if (tableTarget) ctx.consume(tableTarget);
}

/** Measures named by business words ("revenue by state", "top 5 states by sales"). */
export function applyBusinessMeasures(ctx: FrameContext, orderMeasure?: Mention): void {
  // "revenue" or "sales" may name the table itself; with nothing else measured it means its money.
  const measure = defaultMeasure(ctx.table);
  if (measure && !ctx.frame.measures.some((m) => !m.hidden) && !ctx.asksAggregate()) {
    const word = ctx.mentions.find((m) => m.kind === 'table' && m.table === ctx.table.name && !ctx.consumed.has(m) && SUM_STEMS.has(ctx.tokens[m.start].stem));
    const named = ctx.mentions.some((m) => !ctx.consumed.has(m) && m.kind === 'column' && ctx.columnOf(m)?.kind === 'number' && SUM_STEMS.has(ctx.tokens[m.start].stem));
    if (word && !named) {
      ctx.frame.measures.push({ ...aggregateMeasure('sum', measure, ctx.words(word.start, word.end)), at: word.start });
      ctx.consume(word);
    }
  }
  // "which product sold the most units": a measure named right after the superlative of a breakdown.
  const superlative = ctx.activeSuperlatives()[0];
  const ranked = superlative && ctx.frame.groupBy.length > 0 && ctx.frame.measures.length === 0
    ? ctx.mentions.find((m) => m.start >= superlative.end && m.start <= superlative.end + 1 && m.kind === 'column' && ctx.columnOf(m)?.numeric && !ctx.consumed.has(m))
    : undefined;
  for (const m of ctx.mentions) {
    if (ctx.consumed.has(m) || m.kind !== 'column' || ctx.columnOf(m)?.kind !== 'number') continue;
    if (!SUM_STEMS.has(ctx.tokens[m.start].stem) && m !== orderMeasure && m !== ranked) continue;
    ctx.frame.measures.push({ ...aggregateMeasure('sum', ctx.ref(m), ctx.words(m.start, m.end)), at: m.start });
    ctx.consume(m);
  }
}

/** The table's main numeric measure: role measure, preferring amount-like names. */
export function defaultMeasure(table: TableEntry): ColumnRef | null {
  const measures = table.columns.filter((c) => c.kind === 'number' && !c.isKey && c.profile.role === 'measure');
  const preferred = measures.find((c) => c.stems.some((s) => ['amount', 'revenu', 'sale', 'total', 'valu', 'price'].includes(s))) ?? measures[0];
  return preferred ? { table: table.name, column: preferred.name } : null;
}

function personIdColumn(table: TableEntry): ColumnEntry | undefined {
  return table.columns.find((c) => c.isKey && c.stems.some((s) => PERSON_WORDS.has(s)));
}

export function aggregateMeasure(aggregate: Aggregate, column: ColumnRef, phrase: string): MeasureSpec {
  const prefix: Record<string, string> = { sum: 'total', avg: 'average', min: 'minimum', max: 'maximum', median: 'median' };
  return { aggregate, column, label: `${aggregate === 'sum' ? 'total' : aggregate}_${column.column}`.toLowerCase(), words: `${prefix[aggregate] ?? aggregate} ${phrase || column.column}` };
}

function rateMeasure(target: Mention, column: ColumnEntry, index: SchemaIndex, phrase: string): MeasureSpec {
  const condition = column.kind === 'bool' && target.kind === 'column'
    ? quoteIdentifier(column.name)
    : `${quoteIdentifier(column.name)} = ${literal(target.value as string | number | boolean)}`;
  // A DNA metric over the same condition carries the baseline; prefer it.
  const metric = index.metrics.find((m) => m.table === column.table && m.metric.unit === 'ratio' && m.metric.expression.includes(column.name) && (target.kind === 'column' || m.metric.expression.includes(literal(target.value as string))));
  if (metric) return { aggregate: 'metric', column: null, expression: metric.metric.expression, table: column.table, label: metric.metric.name, words: phrase, metricName: metric.metric.name };
  const slug = String(target.value ?? column.name).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return { aggregate: 'rate', column: null, expression: `avg(CASE WHEN ${condition} THEN 1.0 ELSE 0 END)`, table: column.table, label: `${slug}_rate`, words: phrase };
}
