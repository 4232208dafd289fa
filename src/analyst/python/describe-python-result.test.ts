import { describe, expect, it } from 'vitest';
import { describePythonFindings, explainPythonMethod } from './describe-python-result.js';
import { zScoreFindings } from './outlier-sql.js';

describe('sentences about a statistics result', () => {
  const result = {
    columns: [{ name: 'state' }, { name: 'failure_rate' }],
    rows: [['A', 0.04], ['B', 0.041], ['C', 0.039], ['D', 0.042], ['E', 0.038], ['F', 0.12], ['G', 0.04], ['H', 0.043]],
  };

  it('names the outliers with their z-scores and the method with its threshold', () => {
    const findings = zScoreFindings({ value: 'failure_rate', label: 'state' }, result);
    expect(describePythonFindings(findings)).toBe('Outliers by z-score (|z| > 2, n = 8): F (failure rate 12%, z = 2.47).');
    expect(explainPythonMethod(findings)).toMatch(/^Method: z-score — each state's failure rate minus the mean of all 8, divided by their standard deviation; \|z\| above 2/);
  });

  it('says when nothing stands out, and what came closest', () => {
    const calm = zScoreFindings({ value: 'failure_rate', label: 'state' }, { ...result, rows: result.rows.slice(0, 4) });
    expect(describePythonFindings(calm)).toBe('No outliers by z-score: no |z| above 2 among 4 rows; the largest is C (failure rate 3.9%, z = -1.16).');
  });

  it('reports correlation strength with both coefficients, p-values and n', () => {
    const sentence = describePythonFindings({ method: 'Pearson and Spearman correlation', x: 'failure_rate', y: 'amount', n: 30, pearson_r: -0.42, pearson_p: 0.02, spearman_rho: -0.38, spearman_p: 0.04 });
    expect(sentence).toBe('Failure rate and amount show a moderate negative correlation: Pearson r = -0.42 (p = 0.020), Spearman rho = -0.38 (p = 0.040), n = 30.');
  });

  it('names the forecasting method that ran', () => {
    const forecast = { method: 'simple exponential smoothing', alpha: 0.5, column: 'payments', per: 'month', n: 12, forecast: [{ period: '2025-01-01', value: 1200 }] };
    expect(describePythonFindings(forecast)).toBe('Forecast of payments by simple exponential smoothing: 2025-01-01: 1,200.');
    expect(explainPythonMethod(forecast)).toContain('simple exponential smoothing (α = 0.5)');
  });

  it('returns null for results it does not know', () => {
    expect(describePythonFindings(42)).toBeNull();
    expect(explainPythonMethod({ method: 'astrology' })).toBeNull();
  });
});
