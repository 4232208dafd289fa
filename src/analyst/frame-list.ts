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
  if (frame.measures.length === 0 && frame.groupBy.some((g) => !g.hidden)) {
    frame.measures.push({ aggregate: 'count', column: null, label: 'count', words: `number of ${ctx.table.name}` });
    return;
  }
  // A superlative inside a column's name ("last name", "first name") is not one.
  const superlative = frame.measures.length === 0 ? ctx.activeSuperlatives()[0] : undefined;
  let countsOtherTable = false;
  // "the owner with the most dogs" counts rows of the table named after the superlative.
  const orderable = (m: Mention) => m.kind === 'column' && (ctx.columnOf(m)?.numeric === true || ctx.columnOf(m)?.kind === 'time') && !ctx.columnOf(m)?.isKey;
  // "the 3 most populated countries": a column right after "most" is ranked, not counted.
  const rankedColumn = superlative?.counting && ctx.mentions.some((m) => m.start === superlative.end && orderable(m));
  const counted = superlative?.counting && !rankedColumn ? ctx.mentionAt(superlative.end, superlative.end + 3, (m) => m.kind === 'table') : undefined;
  if (superlative?.counting && !rankedColumn && (counted || ROW_WORDS.has(ctx.tokens[superlative.end]?.stem ?? ''))) {
    // Counting a key of the other table makes the frame join it; the inner join counts its rows.
    const countedTable = counted ? ctx.tableOf(counted.table) : undefined;
    const countedKey = countedTable && countedTable.name !== ctx.table.name ? (countedTable.key ?? countedTable.columns[0]) : undefined;
    const column = countedTable && countedKey ? { table: countedTable.name, column: countedKey.name } : null;
    frame.measures.push({ aggregate: 'count', column, label: 'count', words: 'count', hidden: true });
    frame.orderBy.push({ measureIndex: frame.measures.length - 1, direction: superlative.direction });
    countsOtherTable = column !== null;
    frame.limit = superlative.count ?? 1;
    ctx.mark(superlative.start, superlative.end);
    if (counted) ctx.consume(counted);
  } else if (superlative) {
    let target: ColumnRef | undefined;
    const own = ctx.mentions.find((m) => m.start >= superlative.start && m.start < superlative.end && orderable(m));
    const after = ctx.mentionAt(superlative.end, superlative.end + 3, (m) => orderable(m) && m.match !== 'partial') ?? own ?? ctx.mentionAt(superlative.end, superlative.end + 3, orderable);
    if (own && after !== own) ctx.consume(own);
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
  addNamedKeys(ctx);
  const taken = new Set([...frame.filters.map((f) => f.column), ...frame.orderBy.flatMap((o) => (o.column ? [o.column] : [])), ...(frame.argmax ? [frame.argmax.column] : [])].map((c) => `${c.table}.${c.column}`));
  const asked = ctx.mentions.filter((m) => !ctx.consumed.has(m) && m.kind === 'column' && (m.match !== 'partial' || frame.measures.length === 0) && !(m.match === 'partial' && taken.has(`${m.table}.${m.column}`)));
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
    // Counting another table's rows per row of this one groups by this table's key; counting its own rows groups by the listed columns.
    if (countsOtherTable && ctx.table.key) frame.groupBy.push({ column: { table: ctx.table.name, column: ctx.table.key.name }, hidden: true });
  }
}

/**
 * "names of the sections", "the vote ids": the bare words name/id/title ask for the name column
 * (or key) of the table they are about — the next table mentioned, else the base table.
 */
function addNamedKeys(ctx: FrameContext): void {
  ctx.tokens.forEach((token, i) => {
    if (!['name', 'names', 'id', 'ids', 'title', 'titles'].includes(token.norm) || ctx.used.has(i)) return;
    if (ctx.mentions.some((m) => m.start <= i && m.end > i && (m.match !== 'partial' || ctx.consumed.has(m)))) return;
    const own = ctx.mentions.find((m) => m.start <= i && m.end > i);
    const tableMention = ctx.mentions.find((m) => m.kind === 'table' && ((m.start > i && m.start <= i + 6) || (m.end === i)));
    const entity = ctx.tableOf(tableMention?.table ?? ctx.table.name);
    if (!entity) return;
    const column = token.stem === 'id' ? entity.key : entity.label;
    if (!column) return;
    if (own) ctx.consumed.add(own);
    ctx.used.add(i);
    if (tableMention && tableMention.end === i) ctx.consume(tableMention);
    if (!ctx.frame.projection.some((c) => c.table === entity.name && c.column === column.name)) ctx.frame.projection.push({ table: entity.name, column: column.name, at: i });
  });
}

/** "what mountains are in alaska", "list the singers": a question for rows, not a count. */
function asksForRows(ctx: FrameContext): boolean {
  const first = ctx.tokens[0]?.norm ?? '';
  if (['how'].includes(first) || ctx.aggregates.length > 0) return false;
  return ['what', 'which', 'list', 'show', 'give', 'find', 'name', 'return', 'who', 'where', 'display', 'tell', 'get', 'whats'].includes(first);
}
