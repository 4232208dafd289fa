import { describe, expect, it } from 'vitest';
import { statisticsDataQuestion } from './data-question.js';

describe('the data a statistics question needs from SQL', () => {
  it('asks for a time series for forecasts and trends, at the grain the question names', () => {
    expect(statisticsDataQuestion("Forecast next month's payment volume")).toBe('payment volume by month');
    expect(statisticsDataQuestion('Predict daily payment volume for the next 7 days')).toBe('payment volume by day');
    expect(statisticsDataQuestion('What is the trend slope of weekly revenue?')).toBe('revenue by week');
    expect(statisticsDataQuestion('Forecast the number of payments for the next 3 months')).toBe('number of payments by month');
  });

  it('asks for both measures side by side for a correlation', () => {
    expect(statisticsDataQuestion('Is failure rate correlated with amount?')).toBe('failure rate and average amount by day');
    expect(statisticsDataQuestion('What is the correlation between failure rate and average amount?')).toBe('failure rate and average amount by day');
  });

  it('leaves questions that already ask for the right shape alone', () => {
    expect(statisticsDataQuestion('Which states are outliers in failure rate?')).toBeNull();
    expect(statisticsDataQuestion('How many payments failed?')).toBeNull();
    expect(statisticsDataQuestion('How is revenue trending over time?')).toBeNull(); // the analyst's own time series
  });
});
