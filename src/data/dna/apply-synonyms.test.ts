import { describe, expect, it } from 'vitest';
import type { DataDna } from '../../core/dna.js';
import type { Synonym } from '../../core/synonym.js';
import { applySynonyms } from './apply-synonyms.js';

const column = (name: string) => ({ name, type: 'VARCHAR', role: 'dimension' as const, nullShare: 0, distinctCount: 2, topValues: [], primaryKey: false, synonyms: ['existing'] });
const dna = (): DataDna => ({
  datasource: 'shop',
  dialect: 'duckdb',
  generatedAt: '2026-01-01T00:00:00Z',
  fingerprint: 'f',
  tables: [{ name: 'Orders', rowCount: 2, columns: [column('status'), column('region')], foreignKeys: [], derivedMetrics: [], synonyms: [] }],
});
const synonym = (word: string, table: string, column: string | null = null, value: string | null = null): Synonym => ({ id: `syn_${word}`, datasource: 'shop', word, table, column, value, createdAt: '2026-01-01T00:00:00Z' });

describe('applySynonyms', () => {
  it('adds table, column and value words where the analyst reads them, leaving the given DNA as it was', () => {
    const original = dna();
    const { dna: merged, stale } = applySynonyms(original, [synonym('purchases', 'orders'), synonym('territory', 'orders', 'REGION'), synonym('active', 'orders', 'status', 'live')]);
    expect(stale).toEqual([]);
    expect(merged.tables[0].synonyms).toEqual(['purchases']);
    expect(merged.tables[0].columns[1].synonyms).toEqual(['existing', 'territory']);
    expect(merged.tables[0].columns[0].valueSynonyms).toEqual([{ word: 'active', value: 'live' }]);
    expect(original).toEqual(dna());
  });

  it('skips a synonym whose table or column is gone and says which', () => {
    const { dna: merged, stale } = applySynonyms(dna(), [synonym('x', 'refunds'), synonym('y', 'orders', 'channel')]);
    expect(stale.map((entry) => entry.reason)).toEqual(['table "refunds" is not in the datasource', 'column "orders.channel" is not in the datasource']);
    expect(merged).toEqual(dna());
  });
});
