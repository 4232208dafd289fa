import type { FrameContext } from './frame-context.js';
import type { ColumnRef } from './intent-frame.js';
import { ROW_WORDS } from './lexicon.js';
import type { Mention } from './link-tokens.js';
import { mainTimeColumn } from './frame-time.js';

const RECENT = new Set(['recent', 'recently', 'latest', 'newest', 'last', 'earliest', 'first']);

/**
 * Questions that ask for rows rather than a number: the asked columns (or the name column of
 * the asked table), with superlatives as argmax ("the city with the smallest population") or
 * top-N ordering, and "the owner with the most dogs" as a hidden count per row.
 */
export function applyListAndArgmax(ctx: FrameContext): void {
  const frame = ctx.frame;
  if (frame.histogram) return;
  const superlative = frame.measures.length === 0 ? ctx.superlatives.find((s) => !ctx.isUsed(s.start, s.end)) : undefined;
  if (superlative?.counting) {
    const counted = ctx.mentionAt(superlative.end, superlative.end + 3, (m) => m.kind === 'table' || m.kind === 'column');
    if (counted || ROW_WORDS.has(ctx.tokens[superlative.end]?.stem ?? '')) {
      frame.measures.push({ aggregate: 'count', column: null, label: 'count', words: 'count', hidden: true });
      frame.orderBy.push({ measureIndex: frame.measures.length - 1, direction: superlative.direction });
      frame.limit = superlative.count ?? 1;
      ctx.mark(superlative.start, superlative.end);
      if (counted) ctx.consume(counted);
    }
  } else if (superlative) {
    const orderable = (m: Mention) => m.kind === 'column' && ['number', 'time'].includes(ctx.columnOf(m)?.kind ?? '') && !ctx.columnOf(m)?.isKey;
    let target: ColumnRef | undefined;
    const own = ctx.mentions.find((m) => m.start === superlative.start && orderable(m));
    const after = own ?? ctx.mentionAt(superlative.end, superlative.end + 3, orderable);
    if (after) {
      target = ctx.ref(after);
      ctx.consume(after);
    } else if (RECENT.has(ctx.tokens[superlative.start].norm)) {
      const time = mainTimeColumn(ctx.table);
      if (time) target = { table: ctx.table.name, column: time.name };
    }
    if (target) {
      ctx.mark(superlative.start, superlative.end);
      const recentAsc = ['earliest', 'first'].includes(ctx.tokens[superlative.start].norm);
      const direction = recentAsc ? 'asc' : superlative.direction;
      if (superlative.count !== null) {
        frame.orderBy.push({ column: target, direction });
        frame.limit = superlative.count;
      } else {
        frame.argmax = { column: target, direction };
      }
    }
  }
  const asked = ctx.mentions.filter((m) => !ctx.consumed.has(m) && m.kind === 'column' && (m.match !== 'partial' || frame.measures.length === 0));
  if (frame.measures.some((m) => !m.hidden)) {
    // "names of teachers and the number of courses they teach": named columns become the breakdown.
    for (const m of asked) {
      const column = ctx.columnOf(m);
      if (!column || column.kind === 'number' || m.match === 'partial' || frame.groupBy.some((g) => g.column.column === m.column && g.column.table === m.table)) continue;
      frame.groupBy.push({ column: ctx.ref(m), at: m.start });
      ctx.consume(m);
    }
    return;
  }
  for (const m of asked) {
    if (frame.projection.some((c) => c.column === m.column && c.table === m.table)) continue;
    frame.projection.push(ctx.ref(m));
    ctx.consume(m);
  }
  if (frame.projection.length === 0 && (frame.argmax || frame.orderBy.length > 0 || frame.measures.some((m) => m.hidden) || asksForRows(ctx))) {
    const tableMention = ctx.mentions.find((m) => m.kind === 'table' && !ctx.consumed.has(m));
    const entity = ctx.tableOf(tableMention?.table ?? ctx.table.name);
    const column = entity?.label ?? entity?.key;
    if (entity && column) {
      frame.projection.push({ table: entity.name, column: column.name, at: tableMention?.start ?? 0 });
      if (tableMention) ctx.consume(tableMention);
    }
  }
  if (frame.projection.length > 0) {
    frame.shape = 'list';
    if (ctx.tokens.some((t) => ['distinct', 'different', 'unique'].includes(t.norm))) frame.distinct = true;
    if (frame.measures.some((m) => m.hidden) && ctx.table.key) frame.groupBy.push({ column: { table: ctx.table.name, column: ctx.table.key.name }, hidden: true });
  }
}

/** "what mountains are in alaska", "list the singers": a question for rows, not a count. */
function asksForRows(ctx: FrameContext): boolean {
  const first = ctx.tokens[0]?.norm ?? '';
  if (['how'].includes(first) || ctx.aggregates.length > 0) return false;
  return ['what', 'which', 'list', 'show', 'give', 'find', 'name', 'return', 'who', 'where', 'display', 'tell', 'get', 'whats'].includes(first);
}
