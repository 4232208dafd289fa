/**
 * Raw parse scores mapped to the share of correct answers measured at that score on the dev sets
 * (spider-open and geoquery-train, `bench/analyst-eval.ts` then `bench/analyst-report.ts`), so a
 * confidence of 0.6 means about 60% of such parses were right. Piecewise linear between points.
 * Re-measure when the engine changes: the report prints the table this came from.
 */
const POINTS: [raw: number, calibrated: number][] = [
  [0, 0],
  [0.35, 0.01],
  [0.475, 0.07],
  [0.625, 0.2],
  [0.75, 0.31],
  [0.825, 0.55],
  [0.925, 0.78],
  [1, 0.82],
];

export function calibrateConfidence(raw: number): number {
  const x = Math.max(0, Math.min(1, raw));
  for (let i = 1; i < POINTS.length; i++) {
    const [x1, y1] = POINTS[i];
    const [x0, y0] = POINTS[i - 1];
    if (x <= x1) return Math.round((y0 + ((x - x0) / (x1 - x0)) * (y1 - y0)) * 100) / 100;
  }
  return POINTS[POINTS.length - 1][1];
}
