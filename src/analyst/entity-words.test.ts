import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type FixtureDb } from './fixtures/fixture-db.js';
import { profileRows, type FixtureTable } from './fixtures/profile-rows.js';
import { parseQuestion } from './parse-question.js';
import type { SqlParse } from './parse-types.js';

// Support data: teams of agents, tickets assigned to agents, and comments whose author_type
// spells the entity words ('agent', 'customer') as cell values.
const teams: FixtureTable = {
  name: 'teams',
  columns: [
    { name: 'team_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'team_name', type: 'VARCHAR', role: 'dimension' },
  ],
  rows: [[1, 'Billing'], [2, 'Platform']],
};
const agents: FixtureTable = {
  name: 'agents',
  columns: [
    { name: 'agent_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'agent_name', type: 'VARCHAR', role: 'text' },
    { name: 'team_id', type: 'INTEGER', role: 'id' },
  ],
  rows: [[1, 'Ana', 1], [2, 'Bo', 1], [3, 'Cem', 2]],
  foreignKeys: [{ column: 'team_id', refTable: 'teams', refColumn: 'team_id', inferred: false }],
};
const tickets: FixtureTable = {
  name: 'tickets',
  columns: [
    { name: 'ticket_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'agent_id', type: 'INTEGER', role: 'id' },
    { name: 'priority', type: 'VARCHAR', role: 'dimension' },
  ],
  rows: [[1, 1, 'high'], [2, 1, 'low'], [3, 2, 'low'], [4, 3, 'high']],
  foreignKeys: [{ column: 'agent_id', refTable: 'agents', refColumn: 'agent_id', inferred: false }],
};
const comments: FixtureTable = {
  name: 'ticket_comments',
  columns: [
    { name: 'comment_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'ticket_id', type: 'INTEGER', role: 'id' },
    { name: 'author_type', type: 'VARCHAR', role: 'dimension' },
  ],
  rows: [[1, 1, 'agent'], [2, 1, 'customer'], [3, 2, 'agent'], [4, 3, 'customer'], [5, 4, 'agent']],
  foreignKeys: [{ column: 'ticket_id', refTable: 'tickets', refColumn: 'ticket_id', inferred: false }],
};

const all = [teams, agents, tickets, comments];
const dna = profileRows(all, 'sqlite');
let db: FixtureDb;
beforeAll(async () => {
  db = openSqlite(all);
});
afterAll(async () => {
  await db.close();
});

function sqlOf(question: string): SqlParse {
  const parse = parseQuestion(question, { dna })[0];
  if (parse?.kind !== 'sql') throw new Error(`expected SQL for "${question}", got ${JSON.stringify(parse)}`);
  return parse;
}
const rowsOf = async (question: string) => (await db.query(sqlOf(question).sql)).map((row) => Object.values(row));

describe('a word that names a table is that entity, not a cell value elsewhere', () => {
  it('"agents in the billing team" lists the agents, with no filter on comment authors', async () => {
    const parse = sqlOf('agents in the billing team');
    expect(parse.sql).not.toMatch(/author_type|ticket_comments/);
    expect((await rowsOf('agents in the billing team')).sort()).toEqual([['Ana'], ['Bo']]);
  });

  it('the value is still read when the question quotes it', async () => {
    expect(await rowsOf("how many comments where author type is 'agent'")).toEqual([[3]]);
  });
});

describe('an average of an entity (an average of per-entity counts) is not replaced by another column', () => {
  it('"average tickets per agent" asks or refuses, naming the word it could not apply', () => {
    const parse = parseQuestion('average tickets per agent', { dna })[0];
    expect(parse?.kind).not.toBe('sql');
    const text = parse?.kind === 'refuse' ? parse.reason : parse?.kind === 'clarify' ? parse.question : '';
    expect(text).toContain('"average"');
  });

  it('a count per entity is still answered', () => {
    expect(sqlOf('how many tickets per agent').sql).toMatch(/count\(\*\)/);
  });
});

describe('a date range no word ties to a column dates what is measured', () => {
  const stores: FixtureTable = {
    name: 'stores',
    columns: [
      { name: 'store_id', type: 'INTEGER', role: 'id', primaryKey: true },
      { name: 'store_name', type: 'VARCHAR', role: 'text' },
      { name: 'opened_on', type: 'VARCHAR', role: 'text' },
    ],
    rows: [[1, 'North', '2024-08-01'], [2, 'South', '2019-05-01']],
  };
  const orders: FixtureTable = {
    name: 'orders',
    columns: [
      { name: 'order_id', type: 'INTEGER', role: 'id', primaryKey: true },
      { name: 'store_id', type: 'INTEGER', role: 'id' },
      { name: 'order_dt', type: 'VARCHAR', role: 'text' },
    ],
    // South sells most in Q3 2024; North, opened in Q3, sells most overall.
    rows: [[1, 1, '2024-11-02'], [2, 1, '2024-11-03'], [3, 1, '2024-12-01'], [4, 2, '2024-07-05'], [5, 2, '2024-08-09'], [6, 1, '2024-09-01']],
    foreignKeys: [{ column: 'store_id', refTable: 'stores', refColumn: 'store_id', inferred: false }],
  };
  const shop = profileRows([stores, orders], 'sqlite');
  let shopDb: FixtureDb;
  beforeAll(async () => {
    shopDb = openSqlite([stores, orders]);
  });
  afterAll(async () => {
    await shopDb.close();
  });

  it('"orders opened in 2024" dates the orders; a status spelt like the verb\'s stem is no filter', async () => {
    const withStatus: FixtureTable = { ...orders, name: 'orders', columns: [...orders.columns, { name: 'status', type: 'VARCHAR', role: 'dimension' }], rows: orders.rows.map((row, i) => [...row, i % 2 === 0 ? 'open' : 'closed']) };
    const dna = profileRows([stores, withStatus], 'sqlite');
    const parse = parseQuestion('how many orders were opened in 2024', { dna })[0];
    if (parse?.kind !== 'sql') throw new Error(`expected SQL, got ${JSON.stringify(parse)}`);
    expect(parse.sql).not.toMatch(/status/);
    expect(await shopDb.query(parse.sql)).toEqual([{ count: 6 }]);
  });

  it('"which store had the most orders in Q3 2024" counts the orders of Q3, not stores opened then', async () => {
    const parse = parseQuestion('which store had the most orders in Q3 2024', { dna: shop })[0];
    if (parse?.kind !== 'sql') throw new Error(`expected SQL, got ${JSON.stringify(parse)}`);
    expect(parse.sql).toMatch(/order_dt >= '2024-07-01'/);
    expect((await shopDb.query(parse.sql)).map((row) => Object.values(row)[0])).toEqual(['South']);
  });
});
