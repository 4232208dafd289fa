import type { FrameContext } from './frame-context.js';
import type { ColumnEntry, TableEntry } from './schema-index.js';
import { findTimeGrain, findTimeRanges } from './time-expressions.js';

/** Date ranges and series grain, on the table's main time column, relative to its latest date. */
export function applyTime(ctx: FrameContext): void {
  const main = mainTimeColumn(ctx.table);
  if (!main?.timeRange) return;
  const latest = new Date(main.timeRange.max.replace(' ', 'T'));
  const earliest = new Date(main.timeRange.min.replace(' ', 'T'));
  if (Number.isNaN(latest.getTime())) return;
  for (const first of findTimeRanges(ctx.tokens, latest)) {
    // The verb picks the time column: "hired in 2020" is hire_date, "expired in Q3" end_date.
    const named = verbTimeColumn(ctx, first.start);
    if (!named) takeEventVerb(ctx, first.start);
    const timeColumn = named ?? main;
    // A relative period ("last quarter") is read against the latest date of the column it filters.
    const own = timeColumn.timeRange ? new Date(timeColumn.timeRange.max.replace(' ', 'T')) : latest;
    const cue = Number.isNaN(own.getTime()) || own.getTime() === latest.getTime() ? first : findTimeRanges(ctx.tokens, own).find((c) => c.start === first.start) ?? first;
    const column = { table: ctx.table.name, column: timeColumn.name };
    ctx.frame.filters.push({
      column: { ...column, at: cue.start },
      op: 'between',
      values: [cue.from, cue.to],
      halfOpen: true,
      segment: cue.words.replace(/ \(.*\)$/, ''),
      words: `${timeColumn.name} is ${cue.words}`,
      ...(named ? {} : { defaultTime: true }),
    });
    ctx.mark(cue.start, cue.end);
    const before = ctx.tokens[cue.start - 1]?.norm;
    if (before === 'in' || before === 'during') ctx.used.add(cue.start - 1);
  }
  // "monthly amount" names the column monthlyAmount, not a monthly series.
  const inColumnName = (i: number) => ctx.mentions.some((m) => m.kind === 'column' && m.start <= i && m.end > i && m.end - m.start > 1 && m.match !== 'partial');
  const visible = ctx.tokens.map((t, i) => (ctx.used.has(i) || inColumnName(i) ? { ...t, norm: '' } : t));
  const grain = findTimeGrain(visible, (latest.getTime() - earliest.getTime()) / 86_400_000);
  if (grain) {
    const column = { table: ctx.table.name, column: (verbTimeColumn(ctx, grain.start) ?? main).name };
    ctx.frame.groupBy.push({ column, grain: grain.grain, at: grain.start });
    ctx.mark(grain.start, grain.end);
  }
}

export function mainTimeColumn(table: TableEntry): ColumnEntry | undefined {
  return table.columns.find((c) => c.kind === 'time' && c.timeRange) ?? table.columns.find((c) => c.kind === 'time');
}

/**
 * A time column of the base table named by a word shortly before a time expression ("hired in
 * 2020", "expired in Q3", "shipped last month"): that column is the one the range applies to.
 * The word is then explained.
 */
function verbTimeColumn(ctx: FrameContext, position: number): ColumnEntry | undefined {
  for (let at = position - 1; at >= Math.max(0, position - 3); at--) {
    const mention = ctx.mentions.find((m) => m.start === at && m.kind === 'column' && m.table === ctx.table.name && !ctx.consumed.has(m) && ctx.columnOf(m)?.kind === 'time');
    const column = mention ? ctx.columnOf(mention) : undefined;
    if (mention && column) {
      ctx.consume(mention);
      return column;
    }
    // A verb form the stemmer leaves apart from the name ("hired" / hire_date).
    const token = ctx.tokens[at];
    if (token.kind !== 'word' || token.stem.length < 3 || ctx.used.has(at)) continue;
    const named = ctx.table.columns.find((c) => c.kind === 'time' && c.stems[0] !== undefined && c.stems[0].length >= 3 && (c.stems[0].startsWith(token.stem) || token.stem.startsWith(c.stems[0])));
    if (named) {
      ctx.used.add(at);
      return named;
    }
  }
  return undefined;
}

/**
 * "tickets opened in 2024", "orders placed last month": a past-tense verb right before the date
 * range names the event the range dates (the rows' own date), not a cell value spelt like its
 * stem ('open' of a status column). Only a verb whose written form differs from every value it
 * would match is taken: "cancelled in 2024" stays the status 'cancelled'.
 */
function takeEventVerb(ctx: FrameContext, position: number): void {
  const before = ctx.tokens[position - 1]?.norm;
  const at = before === 'in' || before === 'during' || before === 'on' ? position - 2 : position - 1;
  const token = ctx.tokens[at];
  if (!token || token.kind !== 'word' || !/[a-z]ed$/.test(token.norm) || ctx.used.has(at)) return;
  const values = ctx.mentions.filter((m) => m.start === at && m.end === at + 1 && m.kind === 'value');
  if (values.length === 0 || values.some((m) => typeof m.value === 'string' && m.value.toLowerCase() === token.norm)) return;
  if (ctx.mentions.some((m) => m.start <= at && m.end > at && m.kind !== 'value')) return;
  ctx.used.add(at);
}
