import type { FrameContext } from './frame-context.js';
import type { ColumnRef } from './intent-frame.js';
import { ROW_WORDS } from './lexicon.js';
import type { Mention } from './link-tokens.js';
import { mainTimeColumn } from './frame-time.js';
import { defaultMeasure } from './frame-measures.js';

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
    frame.limit = superlative.count ?? countBefore(ctx, superlative.start) ?? 1;
    ctx.mark(superlative.start, superlative.end);
    if (counted) ctx.consume(counted);
  } else if (superlative) {
    let target: ColumnRef | undefined;
    const own = ctx.mentions.find((m) => m.start >= superlative.start && m.start < superlative.end && orderable(m));
    const plainWord = (m: Mention) => !ctx.superlatives.some((s) => s.start <= m.start && s.end > m.start) && !ctx.superlatives.some((s) => s.end === m.start && m.match === 'synonym' && ctx.mentions.some((x) => x.start > m.start && x.start <= m.start + 2 && orderable(x) && x.match !== 'partial'));
    let after = ctx.mentionAt(superlative.end, superlative.end + 3, (m) => orderable(m) && m.match !== 'partial' && plainWord(m)) ?? own ?? ctx.mentionAt(superlative.end, superlative.end + 3, orderable);
    // "the greatest population density": the last of adjacent names is the head noun.
    const head = after && after !== own ? ctx.mentions.find((m) => m.start === after!.end && orderable(m) && !ctx.tokens[m.start].separated && !ctx.consumed.has(m)) : undefined;
    if (after && head) {
      ctx.consume(after);
      after = head;
    }
    if (own && after !== own) ctx.consume(own);
    if (after) {
      target = ctx.ref(after);
      ctx.consume(after);
    } else if (RECENT.has(ctx.tokens[superlative.start].norm)) {
      const time = mainTimeColumn(ctx.table);
      if (time) target = { table: ctx.table.name, column: time.name };
    } else {
      // "the largest payment": rank the named table by its main measure.
      const named = ctx.mentionAt(superlative.end, superlative.end + 2, (m) => m.kind === 'table');
      const entity = ctx.tableOf(named?.table ?? ctx.table.name);
      const measure = entity ? defaultMeasure(entity) : null;
      if (measure && (named || ctx.mentions.every((m) => m.kind !== 'column' || ctx.consumed.has(m)))) target = measure;
    }
    if (target) {
      ctx.mark(superlative.start, superlative.end);
      const recentAsc = ['earliest', 'first'].includes(ctx.tokens[superlative.start].norm);
      const direction = recentAsc ? 'asc' : superlative.direction;
      const count = superlative.count ?? countBefore(ctx, superlative.start);
      // "the largest transaction amount" asks for the value; "the city with the largest population" for the row.
      const entityAsked = ctx.mentions.some((m) => !ctx.consumed.has(m) && (m.kind === 'column' || (m.kind === 'table' && m.match !== 'partial' && m.start < superlative.start)))
        || frame.projection.length > 0 || ['which', 'who'].includes(ctx.tokens[0]?.norm ?? '') || ctx.tokens.some((t, k) => !ctx.used.has(k) && ['name', 'names', 'id', 'ids', 'title'].includes(t.norm));
      const namedAfter = after !== undefined && after !== own && after.start >= superlative.end;
      if (count === null && namedAfter && !entityAsked && frame.groupBy.length === 0) {
        const aggregate = direction === 'desc' ? 'max' : 'min';
        frame.measures.push({ aggregate, column: target, label: `${aggregate}_${target.column}`.toLowerCase(), words: `${aggregate === 'max' ? 'maximum' : 'minimum'} ${target.column}`, at: superlative.start });
        return;
      }
      // Without a number the extreme rows are kept with their ties (= max/min), as "the tallest" implies.
      if (count !== null) {
        frame.orderBy.push({ column: target, direction });
        frame.limit = count;
      } else {
        frame.argmax = { column: target, direction };
      }
    }
  }
  addNamedKeys(ctx);
  const taken = new Set([...frame.filters.map((f) => f.column), ...frame.orderBy.flatMap((o) => (o.column ? [o.column] : [])), ...(frame.argmax ? [frame.argmax.column] : [])].map((c) => `${c.table}.${c.column}`));
  const asked = ctx.mentions.filter((m) => !ctx.consumed.has(m) && m.kind === 'column' && !ctx.isUsed(m.start, m.end) && (m.match !== 'partial' || frame.measures.length === 0) && !(m.match === 'partial' && taken.has(`${m.table}.${m.column}`)));
  if (frame.measures.some((m) => !m.hidden)) {
    // "names of teachers and the number of courses they teach": columns named before the measure
    // (or with "each"/"per") become the breakdown; others are incidental words.
    const firstMeasure = Math.min(...frame.measures.filter((m) => !m.hidden).map((m) => m.at ?? 1e6));
    const perWords = ctx.tokens.some((t) => ['each', 'per', 'every'].includes(t.norm));
    for (const m of asked) {
      const column = ctx.columnOf(m);
      if (!column || column.kind === 'number' || m.match === 'partial' || frame.groupBy.some((g) => g.column.column === m.column && g.column.table === m.table)) continue;
      if (!perWords && m.start > firstMeasure) continue;
      frame.groupBy.push({ column: ctx.ref(m), at: m.start });
      ctx.consume(m);
    }
    return;
  }
  for (const [k, m] of asked.entries()) {
    if (frame.projection.some((c) => c.column === m.column && c.table === m.table)) continue;
    // "population density": a measure name right before another is its modifier.
    const next = asked[k + 1];
    if (next && next.start === m.end && !ctx.tokens[next.start].separated && ctx.columnOf(m)?.numeric && ctx.columnOf(next)?.numeric) {
      ctx.consume(m);
      continue;
    }
    frame.projection.push(ctx.ref(m));
    ctx.consume(m);
  }
  // "names of conductors and the orchestras they conducted": another table listed beside the first is shown by its name.
  if (frame.projection.length > 0 && frame.measures.length === 0) {
    for (const m of ctx.mentions) {
      if (m.kind !== 'table' || ctx.consumed.has(m) || m.match === 'partial' || m.table === ctx.table.name) continue;
      const before = ctx.tokens.slice(Math.max(0, m.start - 3), m.start).map((t) => t.norm);
      if (!before.some((w) => ['and', 'corresponding', 'their', 'respective'].includes(w))) continue;
      const entity = ctx.tableOf(m.table);
      const column = entity?.label;
      if (!entity || !column || frame.projection.some((c) => c.table === entity.name && c.column === column.name)) continue;
      frame.projection.push({ table: entity.name, column: column.name, at: m.start });
      ctx.consume(m);
    }
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

/** "the 3 countries with the fewest people": a number shortly before the superlative sets the limit. */
function countBefore(ctx: FrameContext, position: number): number | null {
  for (let k = position - 1; k >= Math.max(0, position - 5); k--) {
    const token = ctx.tokens[k];
    if (token.kind === 'number' && Number.isInteger(token.value) && !ctx.used.has(k) && (token.value as number) > 1 && (token.value as number) < 1000) {
      ctx.used.add(k);
      return token.value as number;
    }
  }
  return null;
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
  if (['how'].includes(first) || ctx.asksAggregate()) return false;
  if (['what', 'which', 'list', 'show', 'give', 'find', 'name', 'return', 'who', 'where', 'display', 'tell', 'get', 'whats'].includes(first)) return true;
  // "stores in the midwest", "wholesale customers in chicago": a question that opens with the
  // entity itself (after its filters) and asks for no figure lists the entities by name. An
  // entity without a name column ("tickets still open") is summarised by its count instead.
  const lead = ctx.mentions.find((m) => m.kind === 'table' && m.table === ctx.table.name && (m.start === 0 || ctx.isUsed(0, m.start)));
  return lead !== undefined && ctx.table.label !== undefined;
}
