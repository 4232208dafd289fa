import { uniform, weightedPick } from './weighted-pick.js';

const CANDIDATES = 90_000;

/** Region and country, with each country's share of orders. */
const COUNTRIES: [string, string, number][] = [
  ['North America', 'United States', 22], ['North America', 'Canada', 6], ['Europe', 'United Kingdom', 9], ['Europe', 'Germany', 9],
  ['Europe', 'France', 6], ['Asia Pacific', 'India', 10], ['Asia Pacific', 'Japan', 7], ['Asia Pacific', 'Australia', 6],
  ['Latin America', 'Brazil', 6], ['Latin America', 'Mexico', 5], ['Middle East & Africa', 'UAE', 4], ['Middle East & Africa', 'South Africa', 3],
];
/** Product, category, list price in USD, popularity. */
const PRODUCTS: [string, string, number, number][] = [
  ['Laptop Pro 14', 'Electronics', 1299, 5], ['Laptop Air 13', 'Electronics', 999, 6], ['Smartphone X', 'Electronics', 799, 9],
  ['Wireless Earbuds', 'Electronics', 129, 12], ['4K Monitor', 'Electronics', 349, 5], ['Office Chair', 'Furniture', 249, 6],
  ['Standing Desk', 'Furniture', 499, 4], ['Bookshelf', 'Furniture', 149, 4], ['Desk Lamp', 'Furniture', 39, 8],
  ['Printer Paper (box)', 'Office Supplies', 29, 14], ['Ballpoint Pens (pack)', 'Office Supplies', 9, 16], ['Notebook Set', 'Office Supplies', 19, 12],
  ['Stapler', 'Office Supplies', 15, 8], ['Coffee Machine', 'Appliances', 189, 4], ['Air Purifier', 'Appliances', 229, 3],
];
const SEGMENTS: [string, number][] = [['Consumer', 52], ['Corporate', 30], ['Small Business', 18]];
const MONTH_WEIGHT = [0.8, 0.8, 0.9, 0.9, 0.95, 0.95, 0.9, 0.95, 1.0, 1.05, 1.2, 1.4];

/** The SQL that creates `sales` (see generate-sample-database.ts for the columns). */
export function salesSql(): string {
  const u = (salt: string) => uniform('i', salt);
  const countries = COUNTRIES.map(([region, country]) => `(${quote(country)}, ${quote(region)})`).join(', ');
  const products = PRODUCTS.map(([name, category, price]) => `(${quote(name)}, ${quote(category)}, ${price})`).join(', ');
  return `
CREATE TABLE sales AS
WITH candidates AS (
  SELECT i, DATE '2023-01-01' + CAST(floor(${u('day')} * 731) AS INTEGER) AS order_date FROM range(${CANDIDATES}) t(i)
), accepted AS (
  -- Year-on-year growth (later days more likely) and a strong Q4.
  SELECT * FROM candidates
  WHERE ${u('accept')} < (0.7 + 0.3 * (order_date - DATE '2023-01-01') / 731.0) * ${`[${MONTH_WEIGHT.join(', ')}]`}[month(order_date)] / 1.4
), picked AS (
  SELECT i, order_date,
    ${weightedPick(u('country'), COUNTRIES.map(([, country, weight]) => [country, weight] as const))} AS country,
    ${weightedPick(u('product'), PRODUCTS.map(([name, , , weight]) => [name, weight] as const))} AS product,
    ${weightedPick(u('segment'), SEGMENTS)} AS customer_segment,
    CAST(1 + floor(pow(${u('quantity')}, 2.2) * 10) AS INTEGER) AS quantity,
    0.9 + 0.2 * ${u('price')} AS price_factor
  FROM accepted
)
SELECT
  CAST(row_number() OVER (ORDER BY order_date, i) AS INTEGER) AS order_id,
  order_date, c.region, picked.country, picked.product, p.category, customer_segment, quantity,
  CAST(round(p.list_price * price_factor, 2) AS DECIMAL(10, 2)) AS unit_price,
  CAST(round(quantity * round(p.list_price * price_factor, 2), 2) AS DECIMAL(12, 2)) AS amount
FROM picked
JOIN (VALUES ${countries}) c(country, region) USING (country)
JOIN (VALUES ${products}) p(product, category, list_price) USING (product)
ORDER BY order_id`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
