import type { Cell } from '../../core/query-result.js';

/** score.py's rule: the row order counts only when the gold SQL has an ORDER BY (anywhere). */
export function goldIsOrdered(goldSql: string): boolean {
  return /\border\s+by\b/i.test(goldSql);
}

/** Floats to 6 places, as score.py's `_norm`; 1 and 1.0 are the same value (as in Python). */
function cellKey(cell: Cell): string {
  if (cell === null) return 'null';
  if (typeof cell === 'number') return `n:${Math.round(cell * 1e6) / 1e6}`;
  if (typeof cell === 'boolean') return `n:${cell ? 1 : 0}`;
  return `s:${cell}`;
}

const rowKey = (row: readonly Cell[]) => JSON.stringify(row.map(cellKey));

/**
 * Whether a predicted result equals the gold one by score.py's rules: the same rows as
 * multisets (in the same order when `ordered`), the same column count and order, floats
 * compared to 6 places.
 */
export function resultsMatch(gold: readonly (readonly Cell[])[], predicted: readonly (readonly Cell[])[], ordered: boolean): boolean {
  if (gold.length !== predicted.length) return false;
  const goldKeys = gold.map(rowKey);
  const predictedKeys = predicted.map(rowKey);
  if (ordered) return goldKeys.every((key, index) => key === predictedKeys[index]);
  const counts = new Map<string, number>();
  for (const key of goldKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of predictedKeys) {
    const left = counts.get(key);
    if (!left) return false;
    counts.set(key, left - 1);
  }
  return true;
}
