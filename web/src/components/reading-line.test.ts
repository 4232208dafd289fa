import { describe, expect, it } from 'vitest';
import { markQuestion } from './reading-line.js';

const reading = {
  restatement: "Count of payments where device_type is 'Android', by city_tier",
  entity: 'payments',
  parts: [
    { role: 'entity' as const, text: 'payments', words: ['payments'] },
    { role: 'measure' as const, text: 'count of payments', words: ['How many'] },
    { role: 'filter' as const, text: "device_type is 'Android'", words: ['android'] },
    { role: 'grouping' as const, text: 'city_tier', words: ['tier'] },
  ],
  unaccounted: ['phones'],
  confidence: 0.47,
};

describe('markQuestion', () => {
  it('ties each word to the part of the reading it came from and keeps the question as typed', () => {
    const words = markQuestion('How many payments from Android phones by tier?', reading);
    expect(words.map((word) => word.text).join('')).toBe('How many payments from Android phones by tier?');
    const roleOf = (text: string) => words.find((word) => word.text === text)?.part?.role ?? null;
    expect(roleOf('How')).toBe('measure');
    expect(roleOf('many')).toBe('measure');
    expect(roleOf('payments')).toBe('entity');
    expect(roleOf('Android')).toBe('filter');
    expect(roleOf('tier?')).toBe('grouping');
    expect(roleOf('from')).toBeNull();
  });

  it('marks the words the analyst could not place, and only those', () => {
    const words = markQuestion('How many payments from Android phones by tier?', reading);
    expect(words.filter((word) => word.unaccounted).map((word) => word.text)).toEqual(['phones']);
  });
});
