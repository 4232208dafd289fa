import { describe, expect, it } from 'vitest';
import { classifyQuestion } from './classify-question.js';
import { profileRows, type FixtureTable } from './fixtures/profile-rows.js';
import { parseQuestion } from './parse-question.js';

const customers: FixtureTable = {
  name: 'customers',
  columns: [
    { name: 'customer_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'name', type: 'VARCHAR', role: 'text' },
    { name: 'city', type: 'VARCHAR', role: 'dimension' },
    { name: 'plan', type: 'VARCHAR', role: 'dimension' },
    { name: 'changed_plan', type: 'BOOLEAN', role: 'boolean' },
    { name: 'update_date', type: 'DATE', role: 'time' },
  ],
  rows: [[1, 'Ann', 'Leeds', 'basic', true, '2024-01-03'], [2, 'Bo', 'York', 'pro', false, '2024-02-01'], [3, 'Cy', 'Leeds', 'pro', false, '2024-03-05']],
};
const orders: FixtureTable = {
  name: 'orders',
  columns: [
    { name: 'order_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'customer_id', type: 'INTEGER', role: 'id' },
    { name: 'status', type: 'VARCHAR', role: 'status' },
    { name: 'amount', type: 'DOUBLE', role: 'measure' },
  ],
  rows: [[1, 1, 'deleted', 10], [2, 1, 'shipped', 20], [3, 2, 'deleted', 5], [4, 3, 'shipped', 8]],
  foreignKeys: [{ column: 'customer_id', refTable: 'customers', refColumn: 'customer_id', inferred: false }],
};
const audit: FixtureTable = {
  name: 'audit_events',
  columns: [
    { name: 'event_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'action', type: 'VARCHAR', role: 'dimension' },
    { name: 'happened_at', type: 'DATE', role: 'time' },
  ],
  rows: [[1, 'insert', '2024-01-01'], [2, 'update', '2024-01-02'], [3, 'delete', '2024-01-02']],
};
const context = { dna: profileRows([customers, orders, audit]) };

describe('requests to change data', () => {
  it.each([
    'Delete every customer from Leeds',
    'Please remove all orders of Ann',
    'Can you update the plan of Bo to pro?',
    'DROP TABLE orders',
    'Insert a row into customers',
    'Add a new customer called Dee',
    'Change the city of customer 2 to Hull',
    'Rename the column plan to tier',
    'truncate orders',
    'I want to delete the deleted orders',
  ])('routes "%s" to REJECT, saying InsightX only reads data', (question) => {
    const decision = classifyQuestion(question, context);
    expect(decision.route).toBe('REJECT');
    expect(decision.reason).toMatch(/^InsightX only reads data; /);
    expect(parseQuestion(question, context)[0].kind).toBe('refuse');
  });

  it.each([
    'How many orders were deleted?',
    'Show the customers who changed plan',
    'Update date of the customer Ann',
    'Number of update events per day',
    'What is the total amount of deleted orders?',
    'Change in amount by status',
    'Create a chart of the amount by status',
    'Add up the amounts of shipped orders',
  ])('reads "%s" as a data question', (question) => {
    expect(classifyQuestion(question, context).route).not.toBe('REJECT');
  });
});
