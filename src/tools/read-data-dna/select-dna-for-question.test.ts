import { describe, expect, it } from 'vitest';
import type { ColumnProfile, DataDna, TableProfile } from '../../core/dna.js';
import { DataDna as DataDnaSchema } from '../../core/dna.js';
import { parseQuestion } from '../../analyst/index.js';
import { profileRows, type FixtureTable } from '../../analyst/fixtures/profile-rows.js';
import { schoolTables } from '../../analyst/fixtures/school-tables.js';
import { toModelDna } from './model-dna.js';
import { selectDnaForQuestion } from './select-dna-for-question.js';

function column(name: string, role: ColumnProfile['role'] = 'dimension'): ColumnProfile {
  return { name, type: role === 'measure' ? 'DOUBLE' : 'VARCHAR', role, nullShare: 0, distinctCount: 10, topValues: [], primaryKey: false, synonyms: [] };
}

function table(name: string, columns: ColumnProfile[]): TableProfile {
  return { name, rowCount: 100, columns, foreignKeys: [], derivedMetrics: [], synonyms: [] };
}

/** A warehouse of 12 tables × 15 columns: too big to hand a model whole. */
function bigDna(): DataDna {
  const tables = Array.from({ length: 12 }, (_, index) =>
    table(`table_${index}`, [column('id', 'id'), ...Array.from({ length: 14 }, (_, c) => column(`attribute_${index}_${c}`))]),
  );
  tables[3] = table('invoices', [column('id', 'id'), column('customer_id', 'id'), column('total', 'measure'), column('issued_at', 'time'), ...Array.from({ length: 11 }, (_, c) => column(`note_${c}`))]);
  tables[3].foreignKeys = [{ column: 'customer_id', refTable: 'customers', refColumn: 'id', inferred: true }];
  tables[7] = table('customers', [column('id', 'id'), column('country'), ...Array.from({ length: 13 }, (_, c) => column(`field_${c}`))]);
  return { datasource: 'warehouse', dialect: 'duckdb', generatedAt: '2026-01-01T00:00:00Z', fingerprint: 'f', tables };
}

describe('the Data DNA a model reads', () => {
  it('is whole for a small schema', () => {
    const small: DataDna = { ...bigDna(), tables: bigDna().tables.slice(0, 2) };
    expect(selectDnaForQuestion(small, 'total of invoices')).toEqual({});
  });

  it('is pruned to the linked tables, their keys and time columns for a large schema', () => {
    const selection = selectDnaForQuestion(bigDna(), 'What is the total of invoices per month?');
    expect(selection.tables).toContain('invoices');
    expect(selection.tables).toContain('customers');
    expect(selection.tables!.length).toBeLessThan(12);
    const invoiceColumns = selection.columns?.invoices;
    if (invoiceColumns) expect(invoiceColumns).toEqual(expect.arrayContaining(['total', 'issued_at', 'customer_id']));
  });

  it('parses back into a DataDna with the defaults filled in', () => {
    const lean = toModelDna(bigDna(), { tables: ['invoices'] });
    const parsed = DataDnaSchema.parse(JSON.parse(JSON.stringify(lean)));
    expect(parsed.tables.map((profile) => profile.name)).toEqual(['invoices']);
    expect(parsed.tables[0].columns[0].topValues).toEqual([]);
    expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(bigDna().tables[3]).length + 200);
  });

  it('keeps what the analyst needs, so a parse of the pruned DNA is the parse of the whole one', () => {
    // The school schema among unrelated tables: large enough to be pruned.
    const fillers: FixtureTable[] = Array.from({ length: 8 }, (_, index) => ({
      name: `archive_${index}`,
      columns: [
        { name: `archive_${index}_id`, type: 'INTEGER', role: 'id', primaryKey: true },
        { name: 'shelf', type: 'VARCHAR', role: 'dimension' },
      ],
      rows: [[1, 'A'], [2, 'B']],
    }));
    const dna = profileRows([...schoolTables(), ...fillers], 'sqlite', 10);
    const asModelSees = (selection: ReturnType<typeof selectDnaForQuestion>) => DataDnaSchema.parse(JSON.parse(JSON.stringify(toModelDna(dna, selection))));
    const sqlOf = (seen: DataDna, question: string) => parseQuestion(question, { dna: seen }).map((parse) => (parse.kind === 'sql' ? parse.sql : parse.kind));
    for (const question of ['Which courses does Ada Byron teach?', 'Which students are enrolled in Biology?', 'What is the department of the teacher of Genetics?', 'List the titles of all courses.']) {
      const selection = selectDnaForQuestion(dna, question);
      expect(selection.tables!.length).toBeLessThan(dna.tables.length);
      expect(sqlOf(asModelSees(selection), question)).toEqual(sqlOf(asModelSees({}), question));
    }
    const selection = selectDnaForQuestion(dna, 'Which courses does Ada Byron teach?');
    expect(selection.columns?.courses ?? ['title']).toContain('title');
  });

  it('keeps only keys, time and status columns of a table a word reaches through its key', () => {
    const dna = bigDna();
    dna.tables[3].columns[1].synonyms = ['customer'];
    dna.tables[3].columns.push(column('invoice_status', 'status'));
    const selection = selectDnaForQuestion(dna, 'How many customers are there?');
    expect(selection.tables).toEqual(expect.arrayContaining(['customers', 'invoices']));
    expect(selection.columns?.customers).toBeUndefined();
    expect(selection.columns?.invoices).toEqual(['id', 'customer_id', 'issued_at', 'invoice_status']);
  });

  it('drops a pruned table\'s derived metrics over columns the model does not see', () => {
    const dna = bigDna();
    dna.tables[7].derivedMetrics = [
      { name: 'customer count', description: 'rows', expression: 'count(DISTINCT id)', baseline: 100, unit: 'count' },
      { name: 'share in FR', description: 'share', expression: "avg(CASE WHEN country = 'FR' THEN 1 ELSE 0 END)", baseline: 0.2, unit: 'ratio' },
    ];
    const selection = selectDnaForQuestion(dna, 'What is the total of invoices per month?');
    const customers = (toModelDna(dna, selection).tables as { name: string; derivedMetrics?: { name: string }[] }[]).find((table) => table.name === 'customers');
    expect(customers?.derivedMetrics?.map((metric) => metric.name)).toEqual(['customer count']);
  });

  it('stays lean on a 500-table schema', () => {
    const many = bigDna();
    many.tables = [...many.tables, ...Array.from({ length: 488 }, (_, index) => table(`ledger_${index}`, [column('id', 'id'), ...Array.from({ length: 19 }, (_, c) => column(`entry_${index}_${c}`))]))];
    const selection = selectDnaForQuestion(many, 'What is the total of invoices per customer country?');
    expect(selection.tables).toEqual(expect.arrayContaining(['invoices', 'customers']));
    expect(JSON.stringify(toModelDna(many, selection)).length).toBeLessThan(JSON.stringify(toModelDna(many)).length / 50);
  });
});
