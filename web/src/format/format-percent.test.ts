import { describe, expect, it } from 'vitest';
import { formatPercent } from './format-percent.js';

describe('formatPercent', () => {
  it('shows a ratio with the precision the answers use', () => {
    expect(formatPercent(0.0451)).toBe('4.51%');
    expect(formatPercent(0.054592)).toBe('5.46%');
    expect(formatPercent(0.94)).toBe('94%');
  });
});
