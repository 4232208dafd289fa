import type { IntentFrame } from './intent-frame.js';

/** One plain sentence saying what the frame computes. */
export function explainFrame(frame: IntentFrame): string {
  let what: string;
  if (frame.histogram) what = `the distribution of ${frame.histogram.column.column} in buckets of ${frame.histogram.width}`;
  else if (frame.shape === 'list') what = `${frame.distinct ? 'the distinct ' : ''}${frame.projection.map((c) => c.column).join(', ')} of ${frame.table}`;
  else what = frame.measures.map((m) => m.words).join(' and ') || `rows of ${frame.table}`;
  const parts = [what];
  if (!frame.histogram && frame.shape !== 'list' && !what.includes(frame.table)) parts.push(`of ${[frame.table, ...frame.joins.map((j) => j.toTable)].join(' joined with ')}`);
  const filters = frame.filters.map((f) => f.words);
  if (filters.length > 0) parts.push(`where ${filters.join(' and ')}`);
  if (frame.groupBy.length > 0) {
    parts.push(`by ${frame.groupBy.map((g) => (g.grain ? `${g.grain} of ${g.column.column}` : g.column.column)).join(' and ')}`);
  }
  if (frame.limit !== null && frame.orderBy.length > 0) {
    parts.push(`keeping the ${frame.orderBy[0].direction === 'desc' ? 'top' : 'bottom'} ${frame.limit}`);
  }
  const sentence = parts.join(' ');
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}
