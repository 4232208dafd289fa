import { describe, expect, it } from 'vitest';
import type { DataDna } from '../core/dna.js';
import { profileRows } from './fixtures/profile-rows.js';
import { schoolTables } from './fixtures/school-tables.js';
import { parseQuestion } from './parse-question.js';
import { getSchemaIndex } from './schema-index.js';

/** The school DNA with some columns left out, as a DNA pruned to a question is: same datasource, same fingerprint. */
function without(dna: DataDna, drop: Record<string, string[]>): DataDna {
  return { ...dna, tables: dna.tables.map((table) => ({ ...table, columns: table.columns.filter((column) => !drop[table.name]?.includes(column.name)) })) };
}

/** A fresh copy, as a model's DNA is after a JSON round trip. */
const copy = (dna: DataDna): DataDna => JSON.parse(JSON.stringify(dna)) as DataDna;

describe('the schema index of a DNA', () => {
  const full = profileRows(schoolTables(), 'sqlite', 3);
  const pruned = without(full, { students: ['name', 'city'], courses: ['title'] });
  const question = 'Show the name and city of all students.';

  it('is the pruned DNA’s own after the full DNA of the same datasource and fingerprint was parsed', () => {
    const fresh = parseQuestion(question, { dna: copy(pruned) }).map((parse) => (parse.kind === 'sql' ? parse.sql : parse.kind));
    parseQuestion(question, { dna: copy(full) });
    const after = parseQuestion(question, { dna: copy(pruned) }).map((parse) => (parse.kind === 'sql' ? parse.sql : parse.kind));
    expect(after).toEqual(fresh);
    expect(getSchemaIndex(copy(pruned)).tableByName.get('students')?.byName.has('city')).toBe(false);
    expect(getSchemaIndex(copy(full)).tableByName.get('students')?.byName.has('city')).toBe(true);
  });

  it('differs when only top values differ', () => {
    const fewer = { ...full, tables: full.tables.map((table) => ({ ...table, columns: table.columns.map((column) => ({ ...column, topValues: column.topValues.slice(0, 1) })) })) };
    expect(getSchemaIndex(copy(fewer))).not.toBe(getSchemaIndex(copy(full)));
  });

  it('is built once for copies of the same DNA', () => {
    expect(getSchemaIndex(copy(full))).toBe(getSchemaIndex(copy(full)));
  });
});
