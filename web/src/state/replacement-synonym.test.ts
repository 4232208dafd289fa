import { describe, expect, it } from 'vitest';
import type { DataDna } from '../../../src/core/dna.js';
import { replacementSynonym } from './replacement-synonym.js';

const column = (name: string, values: string[] = []) => ({ name, type: 'VARCHAR', role: 'dimension' as const, nullShare: 0, distinctCount: 3, topValues: values.map((value) => ({ value, count: 1 })), primaryKey: false, synonyms: [] });
const dna: DataDna = {
  datasource: 'sample',
  dialect: 'duckdb',
  generatedAt: '2026-01-01T00:00:00Z',
  fingerprint: 'f',
  tables: [{ name: 'payments', rowCount: 3, columns: [column('city_tier', ['Tier 1']), column('device_type', ['Android', 'iOS'])], foreignKeys: [], derivedMetrics: [], synonyms: [] }],
};

describe('a clarify option that replaced an unknown word', () => {
  it('teaches the word what the replacement names: a column, or a value', () => {
    expect(replacementSynonym('How many payments by tier?', 'How many payments by city tier?', ['tier'], dna)).toEqual({ word: 'tier', table: 'payments', column: 'city_tier' });
    expect(replacementSynonym('Payments from droid phones', 'Payments from android phones', ['droid'], dna)).toEqual({ word: 'droid', table: 'payments', column: 'device_type', value: 'Android' });
  });

  it('teaches nothing when the option dropped the word or the word was understood', () => {
    expect(replacementSynonym('How many payments by tier?', 'How many payments?', ['tier'], dna)).toBeUndefined();
    expect(replacementSynonym('How many payments by device?', 'How many payments by device type?', [], dna)).toBeUndefined();
  });
});
