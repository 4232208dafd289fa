import { describe, expect, it } from 'vitest';
import type { DataDna } from '../core/dna.js';
import { profileRows, type FixtureTable } from './fixtures/profile-rows.js';
import { parseQuestion } from './parse-question.js';
import type { ClarifyParse, Parse, SqlParse } from './parse-types.js';

// A billing schema in the style of real business data: a prefixed entity table whose key the
// profiler also calls "invoice", an abbreviated amount column, lower-case category values.
const invoices: FixtureTable = {
  name: 'billing_invoices',
  columns: [
    { name: 'invoice_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'channel', type: 'VARCHAR', role: 'dimension' },
    { name: 'amt', type: 'DOUBLE', role: 'measure' },
    { name: 'status', type: 'VARCHAR', role: 'status' },
    { name: 'issued_date', type: 'DATE', role: 'time' },
  ],
  rows: [
    [1, 'portal', 120.5, 'paid', '2023-03-02'],
    [2, 'email', 80, 'refunded', '2024-01-15'],
    [3, 'portal', 42, 'paid', '2024-05-20'],
    [4, 'phone', 300, 'void', '2024-07-01'],
    [5, 'portal', 18.25, 'refunded', '2024-11-30'],
  ],
};

function billingDna(): DataDna {
  const dna = profileRows([invoices], 'duckdb');
  // The real profiler names a key by its entity word too ("invoice" for invoice_id).
  const key = dna.tables[0].columns.find((column) => column.name === 'invoice_id');
  if (key) key.synonyms = ['invoice'];
  return dna;
}

const dna = billingDna();
const ask = (question: string): Parse => parseQuestion(question, { dna })[0];

function sqlOf(question: string): SqlParse {
  const parse = ask(question);
  expect(parse.kind, `${question} → ${JSON.stringify(parse)}`).toBe('sql');
  return parse as SqlParse;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('entity counts count rows of the entity table', () => {
  it('"how many invoices" counts rows of billing_invoices, never lists or sums invoice_id', () => {
    const parse = sqlOf('How many invoices came through the portal?');
    expect(oneLine(parse.sql)).toBe(`SELECT count(*) AS "count" FROM billing_invoices WHERE channel = 'portal'`);
    expect(parse.interpretation.restatement).toBe("Count of billing_invoices where channel is 'portal'");
    expect(parse.interpretation.parts).toContainEqual({ role: 'filter', text: "channel is 'portal'", words: ['portal'] });
    expect(parse.interpretation.parts).toContainEqual({ role: 'entity', text: 'billing_invoices', words: ['invoices'] });
    expect(parse.interpretation.unaccounted).toEqual([]);
  });

  it('"total invoices in 2024" is a count of invoices in that year, not a sum', () => {
    const parse = sqlOf('Total invoices in 2024');
    expect(parse.sql).toMatch(/count\(\*\)/);
    expect(parse.sql).not.toMatch(/sum\(/i);
    expect(parse.interpretation.parts.find((part) => part.role === 'time')).toMatchObject({ words: ['in 2024'] });
  });

  it('"number of invoices per channel" groups by exactly the channel', () => {
    const parse = sqlOf('Number of invoices per channel');
    expect(parse.frame.groupBy.map((group) => group.column.column)).toEqual(['channel']);
    expect(parse.interpretation.parts).toContainEqual({ role: 'grouping', text: 'channel', words: ['channel'] });
  });
});

describe('full coverage, or no number', () => {
  it('asks about a word the data spells differently, with options drawn from its values', () => {
    const parse = ask('How many refundable invoices?');
    expect(parse.kind).toBe('clarify');
    const clarify = parse as ClarifyParse;
    expect(clarify.question).toContain('"refundable"');
    expect(clarify.question).toContain("'refunded'");
    expect(clarify.options[0]).toBe('How many refunded invoices?');
    // Each option is a full question the analyst answers with every word accounted for.
    for (const option of clarify.options) {
      const reading = sqlOf(option);
      expect(reading.interpretation.unaccounted).toEqual([]);
    }
    expect(oneLine(sqlOf(clarify.options[0]).sql)).toBe(`SELECT count(*) AS "count" FROM billing_invoices WHERE "status" = 'refunded'`);
  });

  it('gives no number for a measure the data does not have, and names the word', () => {
    const parse = ask('What is the delivery delay by channel?');
    expect(parse.kind).not.toBe('sql');
    const text = parse.kind === 'refuse' ? parse.reason : (parse as ClarifyParse).question;
    expect(text).toMatch(/"delivery"|"delay"/);
  });

  it('offers the question without an unknown word that only narrows it, as a whole question', () => {
    const clarify = ask('How many invoices were chargebacks?') as ClarifyParse;
    expect(clarify.kind).toBe('clarify');
    expect(clarify.options).toEqual(['How many invoices?']);
  });

  it('does not answer a negation it cannot apply', () => {
    // "never" with nothing to negate in the reading: a count of all invoices would answer the opposite question.
    const parse = ask('How many invoices were never sent?');
    expect(parse.kind).not.toBe('sql');
  });

  it('answers when every word is explained, with the words shown', () => {
    const parse = sqlOf('average amt by channel');
    expect(parse.interpretation.unaccounted).toEqual([]);
    expect(parse.interpretation.parts.map((part) => part.role)).toEqual(expect.arrayContaining(['entity', 'measure', 'grouping']));
    expect(parse.interpretation.restatement).toBe('Average amt, by channel');
  });
});
