import type { Dialect } from '../core/dna.js';
import { bucketStart, literal, medianAggregate, quoteIdentifier, truncateTime } from './dialect-sql.js';
import type { ColumnRef, FilterSpec, IntentFrame, MeasureSpec } from './intent-frame.js';

interface Scope {
  aliases: Map<string, string>;
  dialect: Dialect;
}

/** Write an intent frame as one SELECT statement in the dialect. */
export function buildSql(frame: IntentFrame, dialect: Dialect): string {
  const scope = makeScope(frame, dialect);
  if (dialect === 'sqlite' && frame.measures.some((m) => m.aggregate === 'median' && !m.expression)) return buildSqliteMedian(frame, scope);
  if (frame.histogram) return buildHistogram(frame, scope);
  const items: { sql: string; at: number }[] = [];
  const groupExpressions: string[] = [];
  for (const group of frame.groupBy) {
    const plain = columnSql(group.column, scope);
    const expression = group.grain ? truncateTime(plain, group.grain, dialect) : group.foldCase ? `lower(${plain})` : plain;
    groupExpressions.push(expression);
    const alias = group.grain ? ` AS ${quoteIdentifier(group.grain)}` : group.foldCase ? ` AS ${quoteIdentifier(group.column.column)}` : '';
    if (!group.hidden) items.push({ sql: `${expression}${alias}`, at: group.at ?? group.column.at ?? -1 });
  }
  const aggregated = frame.measures.length > 0 || frame.having.length > 0;
  for (const column of frame.projection) {
    const expression = columnSql(column, scope);
    items.push({ sql: expression, at: column.at ?? -1 });
    if (aggregated && !groupExpressions.includes(expression)) groupExpressions.push(expression);
  }
  frame.measures.forEach((measure) => {
    if (!measure.hidden) items.push({ sql: `${measureSql(measure, scope)} AS ${quoteIdentifier(measure.label)}`, at: measure.at ?? 1e6 });
  });
  if (frame.selectInQuestionOrder) items.sort((a, b) => a.at - b.at);
  const select = items.map((item) => item.sql);
  if (frame.withShare && frame.measures.length > 0) {
    select.push(`${measureSql(frame.measures[0], scope)} * 1.0 / sum(${measureSql(frame.measures[0], scope)}) OVER () AS share`);
  }
  if (select.length === 0) select.push(frame.measures.length > 0 ? measureSql(frame.measures[0], scope) : 'count(*) AS row_count');
  const from = fromSql(frame, scope);
  let sql = `SELECT ${frame.distinct ? 'DISTINCT ' : ''}${select.join(', ')}\nFROM ${from}`;
  const conditions = [whereSql(frame, scope)].filter(Boolean);
  if (frame.argmax) {
    const target = columnSql(frame.argmax.column, scope);
    const inner = conditions.length > 0 ? ` WHERE ${conditions[0]}` : '';
    conditions.push(`${target} = (SELECT ${frame.argmax.direction === 'desc' ? 'max' : 'min'}(${target}) FROM ${from}${inner})`);
  }
  if (conditions.length > 0) sql += `\nWHERE ${conditions.join(' AND ')}`;
  if (groupExpressions.length > 0 && aggregated) sql += `\nGROUP BY ${groupExpressions.join(', ')}`;
  if (frame.having.length > 0) {
    sql += `\nHAVING ${frame.having.map((h) => `${measureSql(h.measure, scope)} ${h.op} ${literal(h.value)}`).join(' AND ')}`;
  }
  const order = frame.orderBy.map((o) => {
    const target = o.measureIndex !== undefined ? measureSql(frame.measures[o.measureIndex], scope) : columnSql(o.column as ColumnRef, scope);
    const groupIndex = o.column ? frame.groupBy.findIndex((g) => g.grain && sameColumn(g.column, o.column as ColumnRef)) : -1;
    return `${groupIndex >= 0 ? groupExpressions[groupIndex] : target} ${o.direction.toUpperCase()}`;
  });
  if (order.length > 0) sql += `\nORDER BY ${order.join(', ')}`;
  if (frame.limit !== null) sql += `\nLIMIT ${frame.limit}`;
  return sql;
}

function makeScope(frame: IntentFrame, dialect: Dialect): Scope {
  const aliases = new Map<string, string>();
  const tables = [frame.table, ...frame.joins.map((j) => j.toTable)];
  if (tables.length > 1) tables.forEach((table, i) => aliases.set(table, `T${i + 1}`));
  return { aliases, dialect };
}

export function columnSql(column: ColumnRef, scope: Scope): string {
  const alias = scope.aliases.get(column.table);
  return alias ? `${alias}.${quoteIdentifier(column.column)}` : quoteIdentifier(column.column);
}

function fromSql(frame: IntentFrame, scope: Scope): string {
  const base = quoteIdentifier(frame.table);
  const alias = scope.aliases.get(frame.table);
  let sql = alias ? `${base} AS ${alias}` : base;
  for (const join of frame.joins) {
    const to = scope.aliases.get(join.toTable) as string;
    sql += ` JOIN ${quoteIdentifier(join.toTable)} AS ${to} ON ${scope.aliases.get(join.fromTable)}.${quoteIdentifier(join.fromColumn)} = ${to}.${quoteIdentifier(join.toColumn)}`;
  }
  return sql;
}

export function measureSql(measure: MeasureSpec, scope: Scope): string {
  if (measure.expression) return measure.expression;
  const column = measure.column ? columnSql(measure.column, scope) : '*';
  switch (measure.aggregate) {
    case 'count':
      return `count(${column})`;
    case 'count_distinct':
      return `count(DISTINCT ${column})`;
    case 'median':
      return medianAggregate(column, scope.dialect) ?? `avg(${column})`;
    case 'rate':
    case 'metric':
      return `avg(${column})`;
    default:
      return `${measure.aggregate}(${column})`;
  }
}

function whereSql(frame: IntentFrame, scope: Scope): string {
  const parts = frame.filters.map((f) => filterSql(f, scope));
  for (const condition of frame.setConditions) {
    const sub = condition.subquery;
    const subScope = makeScope({ ...frame, table: sub.table, joins: sub.joins }, scope.dialect);
    const subWhere = sub.filters.map((f) => filterSql(f, subScope)).join(' AND ');
    const subColumn = columnSql({ table: sub.columnTable ?? sub.table, column: sub.column }, subScope);
    const inner = `SELECT ${subColumn} FROM ${fromSql({ ...frame, table: sub.table, joins: sub.joins }, subScope)}${subWhere ? ` WHERE ${subWhere}` : ''}`;
    parts.push(`${columnSql(condition.column, scope)} ${condition.kind === 'not in' ? 'NOT IN' : 'IN'} (${inner})`);
  }
  return parts.join(' AND ');
}

export function filterSql(filter: FilterSpec, scope: Scope): string {
  if (filter.or && filter.or.length > 0) return `(${[{ ...filter, or: undefined }, ...filter.or].map((f) => filterSql(f, scope)).join(' OR ')})`;
  if (filter.foldCase) return foldedFilterSql(filter, scope);
  const column = columnSql(filter.column, scope);
  const [first, second] = filter.values;
  switch (filter.op) {
    case 'in':
    case 'not in':
      return `${column} ${filter.op === 'in' ? 'IN' : 'NOT IN'} (${filter.values.map(literal).join(', ')})`;
    case 'between':
      return filter.halfOpen ? `${column} >= ${literal(first)} AND ${column} < ${literal(second)}` : `${column} BETWEEN ${literal(first)} AND ${literal(second)}`;
    case 'like':
      return `${column} LIKE ${literal(`%${String(first)}%`)}`;
    case 'is null':
      return `${column} IS NULL`;
    case 'is not null':
      return `${column} IS NOT NULL`;
    default:
      if (filter.against) return `${column} ${filter.op} (SELECT ${filter.against}(${quoteIdentifier(filter.column.column)}) FROM ${quoteIdentifier(filter.column.table)})`;
      if (typeof first === 'boolean' && filter.op === '=') return first ? column : `NOT ${column}`;
      return `${column} ${filter.op} ${literal(first)}`;
  }
}

/** An equality on a column with case variants matches every variant: lower(column) = 'road'. */
function foldedFilterSql(filter: FilterSpec, scope: Scope): string {
  const column = `lower(${columnSql(filter.column, scope)})`;
  const values = filter.values.map((v) => literal(typeof v === 'string' ? v.toLowerCase() : v));
  if (filter.op === 'in' || filter.op === 'not in') return `${column} ${filter.op === 'in' ? 'IN' : 'NOT IN'} (${values.join(', ')})`;
  return `${column} ${filter.op} ${values[0]}`;
}

function buildHistogram(frame: IntentFrame, scope: Scope): string {
  const histogram = frame.histogram as NonNullable<IntentFrame['histogram']>;
  const column = columnSql(histogram.column, scope);
  let bucket = bucketStart(column, histogram.width, scope.dialect);
  if (histogram.cap !== null) bucket = `CASE WHEN ${column} >= ${histogram.cap} THEN ${histogram.cap} ELSE ${bucket} END`;
  const where = [whereSql(frame, scope), `${column} IS NOT NULL`].filter(Boolean).join(' AND ');
  return `SELECT ${bucket} AS bucket_start, count(*) AS count\nFROM ${fromSql(frame, scope)}\nWHERE ${where}\nGROUP BY ${bucket}\nORDER BY bucket_start`;
}

/** SQLite has no median(): rank the rows per group and average the middle one or two. */
function buildSqliteMedian(frame: IntentFrame, scope: Scope): string {
  const measure = frame.measures.find((m) => m.aggregate === 'median') as MeasureSpec;
  const value = columnSql(measure.column as ColumnRef, scope);
  const groups = frame.groupBy.map((g, i) => ({ expression: g.grain ? truncateTime(columnSql(g.column, scope), g.grain, scope.dialect) : columnSql(g.column, scope), name: g.grain ?? quoteIdentifier(g.column.column) ?? `g${i}` }));
  const partition = groups.length > 0 ? `PARTITION BY ${groups.map((g) => g.expression).join(', ')} ` : '';
  const where = [whereSql(frame, scope), `${value} IS NOT NULL`].filter(Boolean).join(' AND ');
  const inner = [...groups.map((g) => `${g.expression} AS ${g.name}`), `${value} AS v`, `row_number() OVER (${partition}ORDER BY ${value}) AS rn`, `count(*) OVER (${partition.trim()}) AS n`];
  let sql = `WITH ranked AS (SELECT ${inner.join(', ')} FROM ${fromSql(frame, scope)} WHERE ${where})\n`;
  const outer = [...groups.map((g) => g.name), `avg(v) AS ${quoteIdentifier(measure.label)}`];
  sql += `SELECT ${outer.join(', ')}\nFROM ranked\nWHERE rn IN ((n + 1) / 2, (n + 2) / 2)`;
  if (groups.length > 0) sql += `\nGROUP BY ${groups.map((g) => g.name).join(', ')}`;
  const order = frame.orderBy.map((o) => `${o.measureIndex !== undefined ? quoteIdentifier(measure.label) : groups[0]?.name ?? quoteIdentifier(measure.label)} ${o.direction.toUpperCase()}`);
  if (order.length > 0) sql += `\nORDER BY ${order.join(', ')}`;
  if (frame.limit !== null) sql += `\nLIMIT ${frame.limit}`;
  return sql;
}

function sameColumn(a: ColumnRef, b: ColumnRef): boolean {
  return a.table === b.table && a.column === b.column;
}
