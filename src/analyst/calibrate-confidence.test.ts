import { describe, expect, it } from 'vitest';
import { calibrateConfidence } from './calibrate-confidence.js';

describe('calibrateConfidence', () => {
  it('never lowers a better raw score below a worse one', () => {
    let previous = -1;
    for (let raw = 0; raw <= 1.0001; raw += 0.01) {
      const calibrated = calibrateConfidence(raw);
      expect(calibrated).toBeGreaterThanOrEqual(previous);
      previous = calibrated;
    }
  });
  it('stays within 0..1', () => {
    expect(calibrateConfidence(-3)).toBe(0);
    expect(calibrateConfidence(7)).toBeLessThanOrEqual(1);
  });
});
