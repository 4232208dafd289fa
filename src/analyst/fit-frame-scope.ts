import type { ColumnRef, FilterSpec, IntentFrame } from './intent-frame.js';
import { findJoinPath } from './join-path.js';
import type { SchemaIndex } from './schema-index.js';

/** A reading checked against the tables its SQL will name. */
export interface ScopedFrame {
  frame: IntentFrame;
  /** True when a join was added or a part naming an unreachable table was dropped. */
  repaired: boolean;
}

/**
 * Make every column the frame names belong to a table of its FROM/JOIN, so the SQL never names a
 * column of a table it does not join ("Average" of one table in a query over another). A table
 * the frame names but does not join is joined along the shortest key path; when there is none,
 * the parts that name it are dropped. Returns null when nothing answerable is left, or when a
 * subquery names a table outside its own FROM: the caller then tries its next reading.
 */
export function fitFrameScope(frame: IntentFrame, index: SchemaIndex): ScopedFrame | null {
  const exists = (c: ColumnRef) => index.tableByName.get(c.table.toLowerCase())?.byName.has(c.column.toLowerCase()) === true;
  if (!setConditionsInScope(frame, exists)) return null;
  const named = new Set<string>();
  for (const c of referencedColumns(frame)) named.add(c.table);
  for (const m of [...frame.measures, ...frame.having.map((h) => h.measure)]) if (m.table) named.add(m.table);
  const joined = new Set([frame.table, ...frame.joins.map((j) => j.toTable)]);
  const missing = [...named].filter((t) => !joined.has(t));
  let next = frame;
  let repaired = false;
  if (missing.length > 0) {
    const path = findJoinPath(index, frame.table, [...joined, ...missing].filter((t) => t !== frame.table));
    if (path) next = { ...frame, joins: path };
    repaired = true;
  }
  const scope = new Set([next.table, ...next.joins.map((j) => j.toTable)]);
  const fits = (c: ColumnRef | null | undefined) => !c || (scope.has(c.table) && exists(c));
  const fitsFilter = (f: FilterSpec): boolean => fits(f.column) && (f.or ?? []).every(fitsFilter);
  const measureFits = (m: IntentFrame['measures'][number]) => fits(m.column) && (!m.table || scope.has(m.table));
  const measures = next.measures.filter(measureFits);
  const kept = new Map(next.measures.map((m, i) => [m, i]));
  const renumber = new Map(measures.map((m, i) => [kept.get(m) as number, i]));
  const fitted: IntentFrame = {
    ...next,
    projection: next.projection.filter(fits),
    groupBy: next.groupBy.filter((g) => fits(g.column)),
    filters: next.filters.filter(fitsFilter),
    having: next.having.filter((h) => measureFits(h.measure)),
    measures,
    orderBy: next.orderBy
      .filter((o) => fits(o.column) && (o.measureIndex === undefined || renumber.has(o.measureIndex)))
      .map((o) => (o.measureIndex === undefined ? o : { ...o, measureIndex: renumber.get(o.measureIndex) })),
    argmax: next.argmax && fits(next.argmax.column) ? next.argmax : undefined,
    histogram: next.histogram && fits(next.histogram.column) ? next.histogram : undefined,
  };
  if (!fitted.setConditions.every((condition) => fits(condition.column))) return null;
  const dropped = countParts(fitted) !== countParts(next);
  if (!dropped && !repaired) return { frame, repaired: false };
  if (fitted.measures.length === 0 && fitted.projection.length === 0 && !fitted.groupBy.some((g) => !g.hidden) && !fitted.histogram) return null;
  return { frame: fitted, repaired: true };
}

/** Every column the frame names, outside its subqueries. */
export function referencedColumns(frame: IntentFrame): ColumnRef[] {
  const columns: ColumnRef[] = [...frame.projection, ...frame.groupBy.map((g) => g.column)];
  for (const m of [...frame.measures, ...frame.having.map((h) => h.measure)]) if (m.column) columns.push(m.column);
  const addFilter = (f: FilterSpec) => { columns.push(f.column); (f.or ?? []).forEach(addFilter); };
  frame.filters.forEach(addFilter);
  for (const o of frame.orderBy) if (o.column) columns.push(o.column);
  if (frame.argmax) columns.push(frame.argmax.column);
  if (frame.histogram) columns.push(frame.histogram.column);
  for (const condition of frame.setConditions) columns.push(condition.column);
  return columns;
}

/** Each subquery names only columns of its own FROM/JOIN. */
function setConditionsInScope(frame: IntentFrame, exists: (c: ColumnRef) => boolean): boolean {
  return frame.setConditions.every((condition) => {
    const sub = condition.subquery;
    const scope = new Set([sub.table, ...sub.joins.map((j) => j.toTable)]);
    const inner: ColumnRef[] = [{ table: sub.columnTable ?? sub.table, column: sub.column }, ...sub.filters.map((f) => f.column)];
    return inner.every((c) => scope.has(c.table) && exists(c));
  });
}

function countParts(frame: IntentFrame): number {
  return frame.projection.length + frame.groupBy.length + frame.filters.length + frame.having.length + frame.measures.length + frame.orderBy.length + (frame.argmax ? 1 : 0) + (frame.histogram ? 1 : 0);
}
