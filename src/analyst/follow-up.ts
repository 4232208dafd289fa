import type { IntentFrame } from './intent-frame.js';

const FOLLOW_UP_START = /^\s*(and|what about|how about|same for|same but|now|only|just|but|then|also|ok(ay)?,?\s*(and|now)?)\b/i;

/** A question that leans on the previous turn ("and for iOS?", "what about in Q2?"). */
export function looksLikeFollowUp(question: string, frame: IntentFrame | null): boolean {
  if (FOLLOW_UP_START.test(question)) return true;
  // Short questions that only add a filter or a period ("for iOS", "in 2024") carry the previous measure.
  const words = question.trim().split(/\s+/).length;
  if (words > 4 || frame === null || frame.histogram || frame.shape === 'list' || /^\s*(how many|count|number)\b/i.test(question)) return false;
  return frame.filters.length > 0 && frame.measures.every((m) => m.aggregate === 'count' && !m.column) && frame.groupBy.length === 0;
}

/**
 * Merge a follow-up's frame into the previous one: new filters replace those on the same column,
 * new breakdowns and measures replace the old ones when the follow-up names any.
 */
export function mergeFollowUp(previous: IntentFrame, next: IntentFrame, nextHasOwnMeasure: boolean): IntentFrame {
  if (next.table !== previous.table) return next;
  const columns = new Set(next.filters.map((f) => `${f.column.table}.${f.column.column}`));
  const merged: IntentFrame = {
    ...previous,
    filters: [...previous.filters.filter((f) => !columns.has(`${f.column.table}.${f.column.column}`)), ...next.filters],
    having: next.having.length > 0 ? next.having : previous.having,
  };
  if (nextHasOwnMeasure) {
    merged.measures = next.measures;
    merged.histogram = next.histogram;
  }
  if (next.groupBy.length > 0) {
    merged.groupBy = next.groupBy;
    merged.orderBy = next.orderBy;
    merged.limit = next.limit;
    merged.shape = next.shape;
    merged.withShare = next.withShare;
  }
  // "Rate by device type" then "and for Web?": a single value of the grouping column is that group alone.
  if (next.groupBy.length === 0 && merged.shape === 'breakdown') {
    const pinned = (g: { column: { column: string } }) => next.filters.some((f) => f.op === '=' && f.column.column === g.column.column);
    if (merged.groupBy.some(pinned)) {
      merged.groupBy = merged.groupBy.filter((g) => !pinned(g));
      if (merged.groupBy.length === 0) {
        merged.shape = 'aggregate';
        merged.orderBy = [];
        merged.limit = null;
        merged.withShare = false;
      }
    }
  }
  // A segment comparison whose filter was replaced by a single value is no longer a comparison.
  if (merged.shape === 'compare' && !merged.filters.some((f) => f.op === 'in' && merged.groupBy.some((g) => g.column.column === f.column.column))) {
    merged.groupBy = merged.groupBy.filter((g) => !merged.filters.some((f) => f.op === '=' && f.column.column === g.column.column));
    merged.shape = merged.groupBy.length > 0 ? 'breakdown' : 'aggregate';
    if (merged.groupBy.length === 0) merged.orderBy = [];
  }
  return merged;
}
