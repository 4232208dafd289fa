import type { FrameContext } from './frame-context.js';
import type { ColumnRef } from './intent-frame.js';
import type { Mention } from './link-tokens.js';
import { GROUP_WORDS } from './question-cues.js';
import { SUM_STEMS } from './lexicon.js';

const ORDER_WORDS = new Set(['order', 'ordered', 'sorted', 'sort', 'sorting', 'arranged', 'ranked', 'rank']);
const DESC_WORDS = new Set(['descending', 'desc', 'decreasing', 'reverse', 'highest', 'largest', 'biggest', 'most', 'oldest', 'longest', 'greatest', 'latest', 'newest', 'high', 'large', 'big', 'max', 'new', 'old', 'more']);

/** "ordered by age", "in descending order of population", "sorted by name from the oldest to the youngest". */
export function applyOrderPhrases(ctx: FrameContext): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    if (!ORDER_WORDS.has(tokens[i].norm) || ctx.used.has(i)) continue;
    // "weekly rank" is a column, not an instruction to sort.
    if (ctx.mentions.some((m) => m.kind === 'column' && m.match !== 'partial' && m.start <= i && m.end > i && m.end - m.start > 1)) continue;
    let next = i + 1;
    while (['descending', 'ascending', 'desc', 'asc', 'decreasing', 'increasing', 'alphabetically', 'the', 'results', 'result', 'them', 'it', 'list'].includes(tokens[next]?.norm ?? '') && next < i + 4) next++;
    const connector = tokens[next]?.norm === 'by' || tokens[next]?.norm === 'of' ? next : -1;
    // "order" is also a noun ("average order value"): it sorts only with "by"/"of" or a direction word.
    const directed = tokens.slice(Math.max(0, i - 3), i + 3).some((t) => ['descending', 'ascending', 'alphabetical', 'alphabetically', 'reverse', 'increasing', 'decreasing', 'desc', 'asc'].includes(t.norm));
    if (connector < 0 && !directed && tokens[i].norm === 'order') continue;
    if (tokens[i].norm === 'order' && ['per', 'each', 'every', 'an', 'average', 'one'].includes(tokens[i - 1]?.norm ?? '')) continue;
    const column = (m: Mention) => m.kind === 'column';
    const byCount = connector >= 0 && ['count', 'number', 'frequency'].includes(tokens[connector + 1]?.norm ?? '');
    const target = byCount ? undefined : connector >= 0 ? ctx.mentionAt(connector + 1, connector + 3, column) : ctx.nearestBefore(i, 6, column);
    let direction: 'asc' | 'desc' = 'asc';
    const window = tokens.slice(Math.max(0, i - 3), i + 8).map((t) => t.norm);
    const from = window.indexOf('from');
    if (from >= 0 && window.slice(from + 1, from + 3).some((w) => DESC_WORDS.has(w))) direction = 'desc';
    else if (window.some((w) => w === 'descending' || w === 'desc' || w === 'decreasing' || w === 'reverse')) direction = 'desc';
    if (target) {
      ctx.frame.orderBy.push({ column: ctx.ref(target), direction });
      ctx.consume(target);
    } else {
      ctx.pendingOrder = { direction, byCount };
      if (byCount) ctx.used.add(connector + 1);
    }
    ctx.mark(i, Math.max(i + 1, connector + 1));
    if (tokens[i - 1]?.norm === 'in') ctx.used.add(i - 1);
    for (let k = Math.max(0, i - 3); k < Math.min(tokens.length, i + 8); k++) {
      if (['descending', 'ascending', 'desc', 'asc', 'decreasing', 'increasing', 'alphabetical', 'alphabetically', 'reverse'].includes(tokens[k].norm)) ctx.used.add(k);
      // "from the oldest to the youngest" says the direction, not an argmax.
      if (k > i && ctx.superlatives.some((s) => s.start === k)) { ctx.used.add(k); const own = ctx.mentions.find((m) => m.start === k); if (own) ctx.consumed.add(own); }
    }
  }
}

/** Breakdowns: "by X", "per X", "for each X"; a table there groups by its name column. Returns a measure named after "by" in a ranking ("top 5 states by revenue"). */
export function applyGroupWords(ctx: FrameContext): Mention | undefined {
  let orderMeasure: Mention | undefined;
  ctx.tokens.forEach((token, i) => {
    if (!GROUP_WORDS.has(token.norm) || ctx.used.has(i) || ctx.tokens[i + 1]?.norm === 'all') return;
    if (ctx.superlatives.some((s) => s.start > i && s.start <= i + 2 && s.count === null)) return;
    // "top 3 categories by number of payments": "by" introduces the ranking measure.
    if (ctx.aggregates.some((a) => a.start === i + 1 || (a.start === i + 2 && ctx.tokens[i + 1].norm === 'the'))) return;
    let target = ctx.mentionAt(i + 1, i + 3, (m) => m.kind === 'column' || m.kind === 'table');
    if (!target) return;
    // "by product category": two names in a row, the second is the head noun.
    const head = ctx.mentions.find((m) => m.start === target!.end && m.kind === 'column' && !ctx.consumed.has(m) && ctx.columnOf(m)?.kind !== 'number');
    if (head && target.kind === 'column' && ctx.columnOf(target)?.kind !== 'number') {
      ctx.consume(target);
      target = head;
    }
    const column = ctx.columnOf(target);
    const measureLike = target.kind === 'column' && column?.kind === 'number' && (column.profile.role === 'measure' || SUM_STEMS.has(ctx.tokens[target.start].stem));
    if (measureLike && ctx.activeSuperlatives().length > 0) {
      orderMeasure = target;
      ctx.used.add(i);
      return;
    }
    if (target.kind === 'table') {
      if (!ctx.asksAggregate() && ctx.frame.measures.length === 0) return;
      // "average quantity per order": per one row of the table itself.
      if (token.norm === 'per' && target.table === ctx.table.name) {
        ctx.consume(target);
        ctx.used.add(i);
        return;
      }
      const entity = ctx.tableOf(target.table);
      const label = entity?.label ?? entity?.key;
      if (!label) return;
      // "singer names and number of concerts for each singer": the names were asked where "names" stands.
      const named = ctx.tokens.findIndex((t, k) => k < i && ['name', 'names'].includes(t.norm) && !ctx.used.has(k) && ctx.mentions.some((m) => m.kind === 'table' && m.table === target!.table && Math.abs(m.start - k) <= 3));
      const at = named >= 0 ? named : target.start;
      if (named >= 0) {
        ctx.used.add(named);
        for (const m of ctx.mentions) if (m.start <= named && m.end > named) ctx.consumed.add(m);
      }
      ctx.frame.groupBy.push({ column: { table: target.table, column: label.name, at }, at });
      ctx.consume(target);
      ctx.used.add(i);
      return;
    }
    if (!column || (column.kind === 'number' && column.profile.role === 'measure')) return;
    // "average quantity per order": per one row, not a breakdown by its key.
    if (column.isKey && token.norm === 'per' && column.table === ctx.table.name) {
      ctx.consume(target);
      ctx.used.add(i);
      return;
    }
    ctx.frame.groupBy.push(column.kind === 'time' ? { column: ctx.ref(target), grain: 'day', at: target.start } : { column: ctx.ref(target), at: target.start });
    ctx.consume(target);
    ctx.mark(i, target.end);
    // "by device and network": a breakdown by both.
    let last = target;
    for (;;) {
      const joined = ctx.tokens[last.end]?.norm === 'and' || ctx.tokens[last.end]?.separated ? ctx.mentionAt(last.end, last.end + 1, (m) => m.kind === 'column' && ctx.columnOf(m)?.kind !== 'number' && ctx.columnOf(m)?.kind !== 'time') : undefined;
      if (!joined) break;
      ctx.frame.groupBy.push({ column: ctx.ref(joined), at: joined.start });
      ctx.consume(joined);
      last = joined;
    }
  });
  return orderMeasure;
}

/** "which state …", "what bank has the highest …", "top 5 states …": the dimension a ranking ranks. */
export function applyRankedDimension(ctx: FrameContext): void {
  if (ctx.frame.groupBy.length > 0 || ctx.activeSuperlatives().length === 0) return;
  const dimension = (m: Mention) => (m.kind === 'column' && ctx.columnOf(m)?.kind !== 'number' && !ctx.columnOf(m)?.isKey) || (m.kind === 'table' && m.table === ctx.table.name && false);
  const which = ctx.tokens.findIndex((t) => t.norm === 'which' || t.norm === 'what');
  const top = ctx.activeSuperlatives().find((s) => s.count !== null);
  const topWord = ctx.activeSuperlatives().find((s) => ['top', 'bottom'].includes(ctx.tokens[s.start].norm));
  const target = (which >= 0 && ctx.mentionAt(which + 1, which + 2, dimension)) || (top && ctx.mentionAt(top.end, top.end + 1, dimension)) || (topWord && ctx.mentionAt(topWord.end, topWord.end + 1, dimension)) || undefined;
  if (!target) return;
  // Only a ranking over a measure groups; "which singer is the oldest" lists rows instead.
  const measured = ctx.frame.measures.length > 0 || ctx.asksAggregate() || ctx.mentions.some((m) => m.kind === 'metric' || (m.kind === 'column' && ctx.columnOf(m)?.kind === 'number' && !ctx.consumed.has(m) && SUM_STEMS.has(ctx.tokens[m.start].stem)));
  const counting = ctx.activeSuperlatives().some((s) => s.counting);
  if (!measured && !counting && ctx.columnOf(target)?.profile.role !== 'dimension' && ctx.columnOf(target)?.profile.role !== 'geo' && ctx.columnOf(target)?.profile.role !== 'status') return;
  const ref: ColumnRef = ctx.ref(target);
  ctx.frame.groupBy.push({ column: ref, at: target.start });
  ctx.consume(target);
}

const FREQUENCY_WORDS = new Set(['common', 'frequent', 'popular', 'usual', 'typical']);

/**
 * "the most common failure reason", "3 least frequent channels": the category itself, ranked by
 * how many rows have it, shown with that count. Never the raw rows.
 */
export function applyMostCommon(ctx: FrameContext): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length - 1; i++) {
    const direction = tokens[i].norm === 'most' ? 'desc' : tokens[i].norm === 'least' ? 'asc' : null;
    if (!direction || !FREQUENCY_WORDS.has(tokens[i + 1].norm) || ctx.used.has(i)) continue;
    const category = (m: Mention) => m.kind === 'column' && !ctx.columnOf(m)?.isKey && ctx.columnOf(m)?.kind !== 'number';
    const target = ctx.mentionAt(i + 2, i + 4, category) ?? ctx.nearestBefore(i, 4, category);
    if (!target) continue;
    const count = tokens[i - 1]?.kind === 'number' ? (tokens[i - 1].value as number) : tokens[i - 2]?.norm === 'top' && tokens[i - 1]?.kind === 'number' ? (tokens[i - 1].value as number) : 1;
    ctx.frame.groupBy.push({ column: ctx.ref(target), at: target.start });
    // An empty value is not a category ("the most common failure reason" is among failures).
    if ((ctx.columnOf(target)?.profile.nullShare ?? 0) > 0) ctx.frame.filters.push({ column: ctx.ref(target), op: 'is not null', values: [], words: `${target.column} is set` });
    ctx.frame.measures.push({ aggregate: 'count', column: null, label: 'count', words: `number of ${ctx.table.name}`, at: i });
    ctx.frame.orderBy.push({ measureIndex: ctx.frame.measures.length - 1, direction });
    ctx.frame.limit = count;
    ctx.consume(target);
    ctx.mark(i, i + 2);
    if (tokens[i - 1]?.kind === 'number') ctx.used.add(i - 1);
    if (tokens[i - 2]?.norm === 'top') ctx.used.add(i - 2);
    return;
  }
}
