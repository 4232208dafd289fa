import { describe, expect, it } from 'vitest';
import { planPythonAnalysis } from './plan-python-analysis.js';

const byState = {
  columns: [
    { name: 'state', type: 'VARCHAR' },
    { name: 'payments', type: 'BIGINT' },
    { name: 'failure_rate', type: 'DOUBLE' },
    { name: 'avg_amount', type: 'DOUBLE' },
  ],
  rows: [
    ['Bihar', 120, 0.09, 800],
    ['Goa', 80, 0.03, 950],
  ],
};
const byMonth = {
  columns: [
    { name: 'month', type: 'DATE' },
    { name: 'payments', type: 'BIGINT' },
  ],
  rows: [
    ['2024-01-01', 10],
    ['2024-02-01', 12],
  ],
};

describe('planning the pandas analysis of a statistics question', () => {
  it('tests outliers by z-score on the measure the question names, labelled by the text column', () => {
    const plan = planPythonAnalysis('Which states are outliers in failure rate?', byState);
    expect(plan).toMatchObject({ kind: 'outliers', method: 'z-score', columns: { value: 'failure_rate', label: 'state' } });
    expect(plan!.code).toContain('abs(row["z_score"]) > 2');
  });

  it('uses the IQR rule when the question asks for quartiles', () => {
    expect(planPythonAnalysis('Outlier states in failure rate using the IQR', byState)).toMatchObject({ kind: 'outliers', method: 'IQR' });
  });

  it('correlates the two measures the question names, with Pearson and Spearman', () => {
    const plan = planPythonAnalysis('Is failure rate correlated with the average amount?', byState);
    expect(plan).toMatchObject({ kind: 'correlation', columns: { x: 'failure_rate', y: 'avg_amount' } });
    expect(plan!.code).toContain('stats.pearsonr');
    expect(plan!.code).toContain('stats.spearmanr');
  });

  it('fits a trend and forecasts along the time column', () => {
    expect(planPythonAnalysis('What is the trend in payments?', byMonth)).toMatchObject({ kind: 'trend', columns: { time: 'month', value: 'payments' } });
    const forecast = planPythonAnalysis('Forecast payments for the next 3 months', byMonth);
    expect(forecast).toMatchObject({ kind: 'forecast' });
    expect(forecast!.code).toContain('horizon = 3');
  });

  it('declines questions without a statistic, and results without the columns for it', () => {
    expect(planPythonAnalysis('How many payments failed?', byState)).toBeNull();
    expect(planPythonAnalysis('Forecast failure rate', byState)).toBeNull(); // no time column
  });

  it('quotes column names as Python strings, whatever they contain', () => {
    const plan = planPythonAnalysis('outliers in "odd" rate', { columns: [{ name: 'name', type: 'VARCHAR' }, { name: 'odd"\nrate', type: 'DOUBLE' }], rows: [['a', 1]] });
    expect(plan!.code).toContain('value_column = "odd\\"\\nrate"');
  });
});
