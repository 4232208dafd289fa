import type { FrameContext } from './frame-context.js';
import type { ColumnRef, FilterSpec, IntentFrame } from './intent-frame.js';
import { mainTimeColumn } from './frame-time.js';
import { findJoinPath } from './join-path.js';
import { LIST_WORDS } from './question-cues.js';

/** Shape, order, limit, joins and select order once every step has had its say. */
export function finalizeFrame(ctx: FrameContext): void {
  const frame = ctx.frame;
  moveDefaultTimeToMeasuredTable(ctx);
  // "the age of the oldest dog" asks for the extreme value itself.
  const only = frame.projection[0];
  if (frame.argmax && frame.projection.length === 1 && only && same(only, frame.argmax.column) && frame.measures.length === 0) {
    const aggregate = frame.argmax.direction === 'desc' ? 'max' : 'min';
    frame.measures.push({ aggregate, column: only, label: `${aggregate}_${only.column}`.toLowerCase(), words: `${aggregate === 'max' ? 'maximum' : 'minimum'} ${only.column}`, at: only.at });
    frame.projection = [];
    frame.argmax = undefined;
    frame.shape = 'aggregate';
  }
  // A column both listed and grouped by is selected once.
  frame.projection = frame.projection.filter((c) => !frame.groupBy.some((g) => !g.grain && !g.hidden && same(g.column, c)));
  if (frame.having.length > 0 && frame.groupBy.length === 0) {
    // "Which genres have more than 7 books?": rows of the table itself are counted per listed
    // category, so the categories are the groups (grouping by the key too would count 1 per row).
    const ownRows = frame.having.every((h) => h.measure.aggregate === 'count' && (h.measure.column === null || h.measure.column.table === ctx.table.name));
    const categories = frame.projection.length > 0 && frame.projection.every((c) => c.table === ctx.table.name && ctx.table.columns.some((entry) => entry.name === c.column && !entry.isKey && entry.kind !== 'number'));
    if (ownRows && categories && frame.measures.length === 0) {
      frame.groupBy.push(...frame.projection.map((column) => ({ column, at: column.at })));
      frame.projection = [];
    } else {
      const key = ctx.table.key ?? ctx.table.label;
      if (key) frame.groupBy.push({ column: { table: ctx.table.name, column: key.name }, hidden: true });
    }
  }
  for (const group of frame.groupBy) if (!group.grain && hasCaseVariants(ctx, group.column)) group.foldCase = true;
  // An equality on a category with case variants ('ROAD', 'Road', 'road') matches all of them.
  const foldable = (f: FilterSpec) => ['=', '!=', 'in', 'not in'].includes(f.op) && !f.against && f.values.length > 0 && f.values.every((v) => typeof v === 'string');
  for (const filter of frame.filters.flatMap((f) => [f, ...(f.or ?? [])])) if (foldable(filter) && hasCaseVariants(ctx, filter.column)) filter.foldCase = true;
  const timeGroup = frame.groupBy.find((g) => g.grain);
  if (!['compare', 'list', 'distribution'].includes(frame.shape)) frame.shape = timeGroup ? 'timeseries' : frame.groupBy.some((g) => !g.hidden) ? 'breakdown' : 'aggregate';
  const superlative = ctx.activeSuperlatives()[0];
  if (ctx.pendingOrder && frame.orderBy.length === 0) {
    const countIndex = frame.measures.findIndex((m) => m.aggregate === 'count');
    if (ctx.pendingOrder.byCount && countIndex >= 0) frame.orderBy.push({ measureIndex: countIndex, direction: ctx.pendingOrder.direction });
    else if (frame.projection[0] ?? frame.groupBy[0]?.column) frame.orderBy.push({ column: frame.projection[0] ?? frame.groupBy[0].column, direction: ctx.pendingOrder.direction });
  }
  if (frame.orderBy.length === 0) {
    if (timeGroup && !superlative) frame.orderBy.push({ column: timeGroup.column, direction: 'asc' });
    else if ((frame.groupBy.length > 0 || frame.projection.length > 0) && frame.measures.length > 0) {
      frame.orderBy.push({ measureIndex: 0, direction: superlative?.direction ?? 'desc' });
      if (superlative) {
        frame.limit = superlative.count ?? 1;
        ctx.mark(superlative.start, superlative.end);
      }
    }
  }
  if (frame.shape === 'breakdown' && frame.limit === null && !frame.withShare) {
    frame.withShare = /\b(share|percentage|proportion|distribution|breakdown|split)\b/i.test(ctx.question) && frame.measures[0]?.aggregate === 'count';
  }
  const first = ctx.tokens[0]?.norm ?? '';
  // A breakdown shows its groups first, then what is measured for each ("city | count"); other
  // answers list columns in the order the question names them.
  const grouped = frame.groupBy.some((g) => !g.hidden) && frame.measures.some((m) => !m.hidden);
  frame.selectInQuestionOrder = (LIST_WORDS.has(first) || first === 'how') && !grouped;

  // Joins: only the tables the frame uses, along the shortest paths.
  const used = new Set<string>();
  const note = (c: ColumnRef | null | undefined) => { if (c) used.add(c.table); };
  frame.projection.forEach(note);
  frame.groupBy.forEach((g) => note(g.column));
  frame.measures.forEach((m) => { note(m.column); if (m.table) used.add(m.table); });
  frame.having.forEach((h) => note(h.measure.column));
  frame.filters.forEach((f) => note(f.column));
  frame.orderBy.forEach((o) => note(o.column));
  note(frame.argmax?.column);
  note(frame.histogram?.column);
  used.delete(frame.table);
  const joins = findJoinPath(ctx.index, frame.table, [...used]);
  if (joins) frame.joins = joins;
  else {
    dropUnreachable(frame, used);
    ctx.confidence -= 0.3;
  }
  for (const condition of frame.setConditions) {
    const needed = [...new Set([...condition.subquery.filters.map((f) => f.column.table), ...(condition.subquery.reach ?? [])])].filter((t) => t !== condition.subquery.table);
    condition.subquery.joins = findJoinPath(ctx.index, condition.subquery.table, needed) ?? [];
    const key = frame.projection[0];
    if (condition.keyFromProjection && key) {
      condition.column = key;
      condition.subquery.column = key.column;
      if (key.table !== condition.subquery.table) {
        condition.subquery.joins = findJoinPath(ctx.index, condition.subquery.table, [...needed, key.table]) ?? condition.subquery.joins;
        condition.subquery.columnTable = key.table;
      }
    }
  }
}

function dropUnreachable(frame: IntentFrame, tables: Set<string>): void {
  const reachable = (c: ColumnRef | null | undefined) => !c || c.table === frame.table || !tables.has(c.table);
  frame.measures = frame.measures.filter((m) => !m.table || reachable({ table: m.table, column: '' }));
  frame.projection = frame.projection.filter(reachable);
  frame.groupBy = frame.groupBy.filter((g) => reachable(g.column));
  frame.filters = frame.filters.filter((f) => reachable(f.column));
  frame.measures = frame.measures.filter((m) => reachable(m.column));
  frame.orderBy = frame.orderBy.filter((o) => reachable(o.column) && (o.measureIndex === undefined || o.measureIndex < frame.measures.length));
  if (frame.argmax && !reachable(frame.argmax.column)) frame.argmax = undefined;
}

function same(a: ColumnRef, b: ColumnRef): boolean {
  return a.table === b.table && a.column === b.column;
}

/** Top values of the column that differ only by case ('retail', 'Retail', 'RETAIL'): one category written several ways. */
function hasCaseVariants(ctx: FrameContext, column: ColumnRef): boolean {
  const entry = ctx.index.tableByName.get(column.table.toLowerCase())?.byName.get(column.column.toLowerCase());
  if (!entry || entry.kind !== 'text') return false;
  const seen = new Set<string>();
  for (const top of entry.profile.topValues) {
    if (typeof top.value !== 'string') continue;
    const folded = top.value.toLowerCase();
    if (seen.has(folded)) return true;
    seen.add(folded);
  }
  return false;
}

/**
 * "which store had the most orders in Q3 2024": a date range no word tied to a column dates what
 * is measured (the orders), not the entity it is measured for (the stores' opening date). When
 * every measure comes from one other table with a time column, the range moves to that column.
 */
function moveDefaultTimeToMeasuredTable(ctx: FrameContext): void {
  const measured = new Set(ctx.frame.measures.map((m) => m.column?.table).filter((t): t is string => t !== undefined));
  if (measured.size !== 1 || ctx.frame.measures.some((m) => m.column === null)) return;
  const table = ctx.tableOf([...measured][0]);
  if (!table || table.name === ctx.table.name) return;
  const time = mainTimeColumn(table);
  if (!time) return;
  for (const filter of ctx.frame.filters) {
    if (!filter.defaultTime || filter.column.table !== ctx.table.name) continue;
    filter.words = filter.words.replace(filter.column.column, `${table.name}.${time.name}`);
    filter.column = { ...filter.column, table: table.name, column: time.name };
  }
}
