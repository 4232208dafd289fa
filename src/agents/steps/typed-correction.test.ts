import { describe, expect, it } from 'vitest';
import type { DataDna } from '../../core/dna.js';
import { parseTypedCorrection, resolveCorrection } from './typed-correction.js';

const column = (name: string, values: string[] = []) => ({ name, type: 'VARCHAR', role: 'dimension' as const, nullShare: 0, distinctCount: 3, topValues: values.map((value) => ({ value, count: 1 })), primaryKey: false, synonyms: [] });
const dna: DataDna = {
  datasource: 'shop',
  dialect: 'duckdb',
  generatedAt: '2026-01-01T00:00:00Z',
  fingerprint: 'f',
  tables: [
    { name: 'orders', rowCount: 3, columns: [column('status', ['Live', 'closed']), column('region')], foreignKeys: [], derivedMetrics: [], synonyms: [] },
    { name: 'customers', rowCount: 2, columns: [column('region'), column('segment')], foreignKeys: [], derivedMetrics: [], synonyms: [] },
  ],
};

describe('a correction typed as a message', () => {
  it('reads the ways people define a word', () => {
    expect(parseTypedCorrection("by active I mean status = 'live'")).toEqual({ word: 'active', target: 'status', value: 'live' });
    expect(parseTypedCorrection('When I say "big spenders", I mean segment is premium.')).toEqual({ word: 'big spenders', target: 'segment', value: 'premium' });
    expect(parseTypedCorrection('territory means orders.region')).toEqual({ word: 'territory', target: 'orders.region' });
    expect(parseTypedCorrection('buyers means the customers table')).toEqual({ word: 'buyers', target: 'customers' });
  });

  it('leaves questions alone', () => {
    expect(parseTypedCorrection('How many orders are live?')).toBeUndefined();
    expect(parseTypedCorrection('what the rise in revenue last quarter means for the north region')).toBeUndefined();
  });

  it('resolves the target in the DNA, spelling the value as the data does, and refuses what is ambiguous or missing', () => {
    expect(resolveCorrection(dna, { word: 'active', target: 'status', value: 'live' })).toEqual({ word: 'active', table: 'orders', column: 'status', value: 'Live' });
    expect(resolveCorrection(dna, { word: 'buyers', target: 'customers' })).toEqual({ word: 'buyers', table: 'customers' });
    expect(resolveCorrection(dna, { word: 'area', target: 'customers.region' })).toEqual({ word: 'area', table: 'customers', column: 'region' });
    // Two tables have a region: the table must be named.
    expect(resolveCorrection(dna, { word: 'area', target: 'region' })).toBeUndefined();
    expect(resolveCorrection(dna, { word: 'x', target: 'nothing' })).toBeUndefined();
  });
});
