import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDna } from '../core/dna.js';
import { openSqlite, type FixtureDb, type Row } from './fixtures/fixture-db.js';
import { profileRows, type FixtureTable } from './fixtures/profile-rows.js';
import { fitFrameScope } from './fit-frame-scope.js';
import { emptyFrame } from './intent-frame.js';
import { parseQuestion } from './parse-question.js';
import { getSchemaIndex } from './schema-index.js';

// Two unrelated tables; one has columns named like aggregate words ("average", "total").
const venues: FixtureTable = {
  name: 'venues',
  columns: [
    { name: 'venue_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'venue_name', type: 'VARCHAR', role: 'text' },
    { name: 'capacity', type: 'INTEGER', role: 'measure' },
    { name: 'average', type: 'INTEGER', role: 'measure' },
    { name: 'total', type: 'INTEGER', role: 'measure' },
  ],
  rows: [[1, 'Arena', 5000, 3100, 9000], [2, 'Hall', 800, 500, 1200], [3, 'Dome', 12000, 9000, 30000]],
};
const performers: FixtureTable = {
  name: 'performers',
  columns: [
    { name: 'performer_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'name', type: 'VARCHAR', role: 'text' },
    { name: 'country', type: 'VARCHAR', role: 'dimension' },
    { name: 'age', type: 'INTEGER', role: 'measure' },
  ],
  rows: [[1, 'Joe', 'France', 52], [2, 'Tim', 'Spain', 30], [3, 'Ana', 'France', 41], [4, 'Lee', 'Spain', 29], [5, 'Kim', 'France', 25]],
};
// A fact table whose measure is asked about from the dimension it references.
const products: FixtureTable = {
  name: 'products',
  columns: [
    { name: 'product_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'product_name', type: 'VARCHAR', role: 'text' },
    { name: 'category', type: 'VARCHAR', role: 'dimension' },
  ],
  rows: [[1, 'Atlas', 'Books'], [2, 'Lamp', 'Home'], [3, 'Novel', 'Books']],
};
const orderLines: FixtureTable = {
  name: 'order_lines',
  columns: [
    { name: 'line_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'product_id', type: 'INTEGER', role: 'id' },
    { name: 'quantity', type: 'INTEGER', role: 'measure' },
  ],
  rows: [[1, 1, 2], [2, 2, 5], [3, 3, 4], [4, 1, 1]],
  foreignKeys: [{ column: 'product_id', refTable: 'products', refColumn: 'product_id', inferred: false }],
};

/** The profiler's total_/average_ metrics for every measure column (what the real DNA carries). */
function withMeasureMetrics(dna: DataDna): DataDna {
  for (const table of dna.tables) {
    for (const column of table.columns.filter((c) => c.role === 'measure')) {
      table.derivedMetrics.push({ name: `total_${column.name}`, description: `Sum of ${column.name}`, expression: `sum("${column.name}")`, baseline: null, unit: 'amount' });
      table.derivedMetrics.push({ name: `average_${column.name}`, description: `Average ${column.name}`, expression: `avg("${column.name}")`, baseline: null, unit: 'amount' });
    }
  }
  return dna;
}

function sorted(result: Row[]): string[] {
  return result.map((row) => JSON.stringify(Object.values(row))).sort();
}

const CASES: [DataDna, () => FixtureDb, string, string][] = [];
const unrelated = withMeasureMetrics(profileRows([venues, performers], 'sqlite'));
const related = withMeasureMetrics(profileRows([products, orderLines], 'sqlite'));
const openUnrelated = () => openSqlite([venues, performers]);
const openRelated = () => openSqlite([products, orderLines]);
CASES.push(
  [unrelated, openUnrelated, 'What is the average age of performers from France?', "SELECT avg(age) FROM performers WHERE country = 'France'"],
  [unrelated, openUnrelated, 'What is the average, minimum, and maximum age of all performers from France?', "SELECT avg(age), min(age), max(age) FROM performers WHERE country = 'France'"],
  [unrelated, openUnrelated, 'What is the total age of performers from Spain?', "SELECT sum(age) FROM performers WHERE country = 'Spain'"],
  [unrelated, openUnrelated, 'List the names of performers who are older than average.', 'SELECT name FROM performers WHERE age > (SELECT avg(age) FROM performers)'],
  // Where its own table is the subject, a column called "average" is that column.
  [unrelated, openUnrelated, 'What is the average of venues?', 'SELECT average FROM venues'],
  [related, openRelated, 'What is the total quantity ordered of products in the Books category?', "SELECT sum(l.quantity) FROM products p JOIN order_lines l ON p.product_id = l.product_id WHERE p.category = 'Books'"],
);

describe('columns of tables the query does not join', () => {
  const dbs = new Map<() => FixtureDb, FixtureDb>();
  beforeAll(() => { for (const open of [openUnrelated, openRelated]) dbs.set(open, open()); });
  afterAll(() => { for (const db of dbs.values()) db.close(); });

  for (const [dna, open, question, handSql] of CASES) {
    it(`answers "${question}" from the tables it joins`, async () => {
      const parses = parseQuestion(question, { dna });
      const db = dbs.get(open) as FixtureDb;
      const first = parses[0];
      expect(first.kind, JSON.stringify(first)).toBe('sql');
      if (first.kind !== 'sql') return;
      expect(sorted(await db.query(first.sql)), first.sql).toEqual(sorted(await db.query(handSql)));
      // Every candidate, not just the first, runs: the repair loop never gets a dead reading.
      for (const parse of parses) if (parse.kind === 'sql') await expect(db.query(parse.sql)).resolves.toBeDefined();
    });
  }

  it('reads "average" as the aggregate, not as a column of another table, and is as sure as without that table', () => {
    const alone = parseQuestion('What is the average age of performers?', { dna: withMeasureMetrics(profileRows([performers], 'sqlite')) })[0];
    const beside = parseQuestion('What is the average age of performers?', { dna: unrelated })[0];
    expect(beside.kind === 'sql' && beside.tables).toEqual(['performers']);
    expect(beside.confidence).toBe(alone.confidence);
  });

  it('joins a table the frame names when a key path exists', () => {
    const frame = { ...emptyFrame('products'), measures: [{ aggregate: 'sum' as const, column: { table: 'order_lines', column: 'quantity' }, label: 'total_quantity', words: 'total quantity' }] };
    const scoped = fitFrameScope(frame, getSchemaIndex(related));
    expect(scoped?.repaired).toBe(true);
    expect(scoped?.frame.joins.map((j) => j.toTable)).toEqual(['order_lines']);
  });

  it('drops a column of an unrelated table and keeps the rest of the reading', () => {
    const frame = {
      ...emptyFrame('performers'),
      measures: [
        { aggregate: 'avg' as const, column: { table: 'venues', column: 'average' }, label: 'avg_average', words: 'average average' },
        { aggregate: 'max' as const, column: { table: 'performers', column: 'age' }, label: 'max_age', words: 'maximum age' },
      ],
      orderBy: [{ measureIndex: 1, direction: 'desc' as const }],
    };
    const scoped = fitFrameScope(frame, getSchemaIndex(unrelated));
    expect(scoped?.frame.measures.map((m) => m.label)).toEqual(['max_age']);
    expect(scoped?.frame.orderBy).toEqual([{ measureIndex: 0, direction: 'desc' }]);
  });

  it('gives up a reading whose only measure is an expression over an unrelated table', () => {
    const frame = { ...emptyFrame('performers'), measures: [{ aggregate: 'metric' as const, column: null, expression: 'avg("average")', table: 'venues', label: 'average_average', words: 'the average' }] };
    expect(fitFrameScope(frame, getSchemaIndex(unrelated))).toBeNull();
  });
});
