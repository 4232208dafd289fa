/**
 * A ratio (0..1) as a percentage with at most 2 decimals, 0.0451 → "4.51%": the same text the
 * analyst's answers use (src/analyst/format-number.ts, which the web app may not import).
 */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}%`;
}
