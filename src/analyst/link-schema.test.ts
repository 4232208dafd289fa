import { describe, expect, it } from 'vitest';
import { profileRows } from './fixtures/profile-rows.js';
import { flightsTable, paymentsTable } from './fixtures/sample-tables.js';
import { linkSchema } from './link-schema.js';
import { stem, tokenize } from './tokenize.js';

describe('linkSchema', () => {
  const dna = profileRows([paymentsTable(), flightsTable()]);
  it('finds the table and columns a question is about', () => {
    const linked = linkSchema('average arrival delay by carrier', dna);
    expect(linked.tables[0]).toBe('flights');
    expect(linked.columns.flights).toEqual(expect.arrayContaining(['arrivalDelayMinutes', 'carrier']));
    expect(linked.score).toBeGreaterThan(0);
  });
  it('links cell values case-insensitively and through misspellings', () => {
    expect(linkSchema('payments from ANDROID', dna).columns.payments).toContain('device_type');
    expect(linkSchema('payments from andriod', dna).columns.payments).toContain('device_type');
  });
  it('gives each modifier of a coordinated list the shared head noun', () => {
    const people = profileRows([{ name: 'people', columns: ['first_name', 'middle_name', 'last_name'].map((name) => ({ name, type: 'VARCHAR' as const, role: 'text' as const })), rows: [['Ada', 'B', 'Lovelace']] }]);
    expect(linkSchema('the first, middle and last name of people', people).columns.people).toEqual(expect.arrayContaining(['first_name', 'middle_name', 'last_name']));
  });
  it('scores nothing for unrelated words', () => {
    expect(linkSchema('weather forecast for tomorrow', dna).score).toBe(0);
  });
});

describe('tokenize', () => {
  it('stems plurals and verb forms to meet their column names', () => {
    expect(stem('payments')).toBe(stem('payment'));
    expect(stem('failed')).toBe(stem('failure'));
    expect(stem('countries')).toBe(stem('country'));
  });
  it('keeps codes that start with a digit as words and notes separators', () => {
    const tokens = tokenize('failures on 4G, 5G and Wi-Fi over 3k');
    expect(tokens.map((t) => t.norm)).toEqual(['failures', 'on', '4g', '5g', 'and', 'wi', 'fi', 'over', '3k']);
    expect(tokens[3].separated).toBe(true);
    expect(tokens[8].value).toBe(3000);
  });
  it('reads numbers, number words and quoted phrases', () => {
    const tokens = tokenize('top five "New York" over $1,200.50 and 3k');
    expect(tokens.map((t) => t.kind)).toEqual(['word', 'number', 'quoted', 'word', 'number', 'word', 'number']);
    expect(tokens[4].value).toBe(1200.5);
    expect(tokens[6].value).toBe(3000);
  });
});
