import type { FrameContext } from './frame-context.js';
import type { ColumnEntry, TableEntry } from './schema-index.js';
import { findTimeGrain, findTimeRanges } from './time-expressions.js';

/** Date ranges and series grain, on the table's main time column, relative to its latest date. */
export function applyTime(ctx: FrameContext): void {
  const timeColumn = mainTimeColumn(ctx.table);
  if (!timeColumn?.profile.timeRange) return;
  const latest = new Date(timeColumn.profile.timeRange.max.replace(' ', 'T'));
  const earliest = new Date(timeColumn.profile.timeRange.min.replace(' ', 'T'));
  if (Number.isNaN(latest.getTime())) return;
  const column = { table: ctx.table.name, column: timeColumn.name };
  for (const cue of findTimeRanges(ctx.tokens, latest)) {
    ctx.frame.filters.push({
      column: { ...column, at: cue.start },
      op: 'between',
      values: [cue.from, cue.to],
      halfOpen: true,
      segment: cue.words.replace(/ \(.*\)$/, ''),
      words: `${timeColumn.name} is ${cue.words}`,
    });
    ctx.mark(cue.start, cue.end);
    const before = ctx.tokens[cue.start - 1]?.norm;
    if (before === 'in' || before === 'during') ctx.used.add(cue.start - 1);
  }
  const visible = ctx.tokens.map((t, i) => (ctx.used.has(i) ? { ...t, norm: '' } : t));
  const grain = findTimeGrain(visible, (latest.getTime() - earliest.getTime()) / 86_400_000);
  if (grain) {
    ctx.frame.groupBy.push({ column, grain: grain.grain, at: grain.start });
    ctx.mark(grain.start, grain.end);
  }
}

export function mainTimeColumn(table: TableEntry): ColumnEntry | undefined {
  return table.columns.find((c) => c.kind === 'time' && c.profile.timeRange) ?? table.columns.find((c) => c.kind === 'time');
}
