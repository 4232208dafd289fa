import { periodCode } from './period-code.js';

/** Periods in one season per grain: a seasonal naive forecast needs two full seasons of history. */
const SEASONS = '{"hour": 24, "day": 7, "week": 52, "month": 12, "quarter": 4}';

/**
 * Python for a simple forecast of the next `horizon` periods: seasonal naive when there are two
 * full seasons (each future period repeats the same period one season earlier), otherwise simple
 * exponential smoothing with α picked by the smallest squared one-step-ahead error.
 */
export function forecastCode(time: string, value: string, horizon: number): string {
  return [
    '# Forecast: seasonal naive with two full seasons of history, else simple exponential smoothing.',
    ...periodCode(time, value),
    `horizon = ${Math.max(1, Math.floor(horizon))}`,
    `season = ${SEASONS}.get(per)`,
    'n = int(len(series))',
    'if n < 3:',
    '    raise ValueError(f"a forecast needs at least 3 periods; the result has {n}")',
    'if season and n >= 2 * season:',
    '    method, alpha = "seasonal naive", None',
    '    values = [float(series.iloc[n - season + (h % season)]) for h in range(horizon)]',
    'else:',
    '    method, best = "simple exponential smoothing", None',
    '    for alpha in np.round(np.arange(0.1, 1.0, 0.1), 1):',
    '        level, sse = float(series.iloc[0]), 0.0',
    '        for observed in series.iloc[1:]:',
    '            sse += (observed - level) ** 2',
    '            level = alpha * observed + (1 - alpha) * level',
    '        if best is None or sse < best[0]:',
    '            best = (sse, float(alpha), level)',
    '    _, alpha, level = best',
    '    values = [float(level)] * horizon',
    'result = {',
    '    "method": method, "alpha": alpha, "season": season if method == "seasonal naive" else None,',
    '    "column": value_column, "per": per, "n": n, "last": time_label(times.iloc[-1]), "last_value": float(series.iloc[-1]),',
    '    "forecast": [{"period": period_after(h + 1), "value": values[h]} for h in range(horizon)],',
    '}',
    'print(result)',
  ].join('\n');
}
