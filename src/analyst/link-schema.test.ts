import { describe, expect, it } from 'vitest';
import type { ColumnProfile, DataDna, TableProfile } from '../core/dna.js';
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
  it('adds the tables a linked table references, not every table that references it', () => {
    const shop = shopDna();
    expect(linkSchema('Total invoice amount by issued date', shop).tables).toEqual(['invoices', 'customers']);
    expect(linkSchema('How many customers are there?', shop).tables).not.toContain('sessions');
  });
  it('tells the tables a word reaches only through a key column from the tables it names', () => {
    const links = linkSchema('How many customers are there?', shopDna());
    expect(links.linked).toEqual(expect.arrayContaining(['customers', 'invoices']));
    expect(links.throughKey).toEqual(['invoices']);
  });
  it('counts a table only a weaker reading reaches among those pruned like bridges', () => {
    // "channel" is `invoices.channel` exactly, and only part of `customers.acquisition_channel`.
    const links = linkSchema('Total invoice amount by channel', shopDna());
    expect(links.columns.customers).toContain('acquisition_channel');
    expect(links.throughKey).toContain('customers');
    expect(links.throughKey).not.toContain('invoices');
  });
});

/** A hub table (customers) that two tables reference; `invoices.customer_id` has the synonym "customer". */
function shopDna(): DataDna {
  const column = (name: string, role: ColumnProfile['role'], extra: Partial<ColumnProfile> = {}): ColumnProfile => ({
    name, type: role === 'measure' ? 'DOUBLE' : 'VARCHAR', role, nullShare: 0, distinctCount: 10, topValues: [], primaryKey: false, synonyms: [], ...extra,
  });
  const references = [{ column: 'customer_id', refTable: 'customers', refColumn: 'customer_id', inferred: true }];
  const table = (name: string, columns: ColumnProfile[], foreignKeys: TableProfile['foreignKeys'] = []): TableProfile => ({ name, rowCount: 100, columns, foreignKeys, derivedMetrics: [], synonyms: [] });
  return {
    datasource: 'shop',
    dialect: 'duckdb',
    generatedAt: '2026-01-01T00:00:00Z',
    fingerprint: 'f',
    tables: [
      table('customers', [column('customer_id', 'id', { primaryKey: true }), column('segment', 'dimension'), column('lifetime_value', 'measure'), column('acquisition_channel', 'dimension')]),
      table('invoices', [column('invoice_id', 'id', { primaryKey: true }), column('customer_id', 'id', { synonyms: ['customer'] }), column('invoice_amount', 'measure'), column('issued_at', 'time'), column('channel', 'dimension')], references),
      table('sessions', [column('session_id', 'id', { primaryKey: true }), column('customer_id', 'id'), column('device', 'dimension')], references),
    ],
  };
}

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
