import { describe } from 'vitest';
import { useBusinessRuntime } from './business-runtime.js';
import { itAnswersEachCase, type BusinessCase } from './business-checks.js';

/** Questions about the `sales` orders table (two years), each with the query a person would write. */
const cases: BusinessCase[] = [
  { question: 'What is the total sales amount?', expect: { kind: 'value', sql: 'SELECT sum(amount) FROM sales' } },
  { question: 'How many orders are there?', expect: { kind: 'value', sql: 'SELECT count(*) FROM sales' } },
  { question: 'What is the average order amount?', expect: { kind: 'value', sql: 'SELECT avg(amount) FROM sales' } },
  { question: 'What is the average quantity per order?', expect: { kind: 'value', sql: 'SELECT avg(quantity) FROM sales' } },
  { question: 'What were total sales in 2023?', expect: { kind: 'value', sql: "SELECT sum(amount) FROM sales WHERE order_date >= '2023-01-01' AND order_date < '2024-01-01'" } },
  { question: 'What were total sales in Q4 2024?', expect: { kind: 'value', sql: "SELECT sum(amount) FROM sales WHERE order_date >= '2024-10-01' AND order_date < '2025-01-01'" } },
  { question: 'How many orders came from Europe?', expect: { kind: 'value', sql: "SELECT count(*) FROM sales WHERE region = 'Europe'" } },
  { question: 'What is the total quantity sold?', expect: { kind: 'value', sql: 'SELECT sum(quantity) FROM sales' } },
  { question: 'What is the highest unit price?', expect: { kind: 'value', sql: 'SELECT max(unit_price) FROM sales' } },
  { question: 'How many distinct products are sold?', expect: { kind: 'value', sql: 'SELECT count(DISTINCT product) FROM sales' } },
  { question: 'Total sales by region', expect: { kind: 'ranking', sql: 'SELECT region, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY s DESC' } },
  { question: 'Which product has the highest total sales?', expect: { kind: 'ranking', sql: 'SELECT product, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY s DESC LIMIT 1' } },
  { question: 'Total quantity by category', expect: { kind: 'ranking', sql: 'SELECT category, sum(quantity) AS q FROM sales GROUP BY 1 ORDER BY q DESC' } },
  { question: 'Top 5 countries by total sales', expect: { kind: 'ranking', sql: 'SELECT country, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY s DESC LIMIT 5' } },
  { question: 'Average unit price by category', expect: { kind: 'ranking', sql: 'SELECT category, avg(unit_price) AS p FROM sales GROUP BY 1 ORDER BY p DESC' } },
  { question: 'Total sales by customer segment', expect: { kind: 'ranking', sql: 'SELECT customer_segment, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY s DESC' } },
  { question: 'Number of orders by region', expect: { kind: 'ranking', sql: 'SELECT region, count(*) AS n FROM sales GROUP BY 1 ORDER BY n DESC' } },
  { question: 'Monthly sales amount in 2024', expect: { kind: 'series', sql: "SELECT date_trunc('month', order_date) AS m, sum(amount) FROM sales WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1 ORDER BY 1" } },
  { question: 'Total sales per year', expect: { kind: 'series', sql: "SELECT date_trunc('year', order_date) AS y, sum(amount) FROM sales GROUP BY 1 ORDER BY 1" } },
  { question: 'Quarterly number of orders', expect: { kind: 'series', sql: "SELECT date_trunc('quarter', order_date) AS q, count(*) FROM sales GROUP BY 1 ORDER BY 1" } },
  {
    question: 'Europe vs North America total sales',
    expect: { kind: 'values', sql: "SELECT (SELECT sum(amount) FROM sales WHERE region = 'Europe'), (SELECT sum(amount) FROM sales WHERE region = 'North America')" },
  },
];

describe('business questions on sales (full pipeline, embedded model)', () => {
  const runtime = useBusinessRuntime();
  itAnswersEachCase(cases, runtime);
});
