import type { FixtureColumn, FixtureTable } from '../src/analyst/fixtures/profile-rows.js';

/**
 * A 20-table retail schema for the token benchmark (bench/llm-tokens.ts): enough tables and
 * columns that sending the whole Data DNA with every call costs what it costs on a real
 * warehouse. Deterministic: the same rows every run.
 */

type Value = string | number | boolean | null;
type Generator = (row: number, next: () => number) => Value;

interface ColumnSpec extends FixtureColumn {
  value: Generator;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick =
  (values: readonly string[]): Generator =>
  (_row, next) =>
    values[Math.floor(next() * values.length)];
const id: Generator = (row) => row + 1;
const ref =
  (size: number): Generator =>
  (_row, next) =>
    1 + Math.floor(next() * size);
const money =
  (low: number, high: number): Generator =>
  (_row, next) =>
    Math.round((low + (high - low) * next() ** 2) * 100) / 100;
const count =
  (low: number, high: number): Generator =>
  (_row, next) =>
    low + Math.floor(next() * (high - low + 1));
const time: Generator = (_row, next) => new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 365 * 86_400_000)).toISOString().replace('T', ' ').slice(0, 19);
const flag =
  (share: number): Generator =>
  (_row, next) =>
    next() < share;

const COUNTRIES = ['India', 'United States', 'Germany', 'Brazil', 'Japan', 'France', 'Kenya', 'Canada'];
const CITIES = ['Mumbai', 'Austin', 'Berlin', 'Sao Paulo', 'Osaka', 'Lyon', 'Nairobi', 'Toronto', 'Pune', 'Denver'];
const CHANNELS = ['web', 'app', 'store', 'partner'];
const CATEGORIES = ['Electronics', 'Books', 'Garden', 'Toys', 'Grocery', 'Fashion', 'Sports', 'Beauty'];

const c = (name: string, type: FixtureColumn['type'], role: FixtureColumn['role'], value: Generator, primaryKey = false): ColumnSpec => ({ name, type, role, value, ...(primaryKey ? { primaryKey } : {}) });
const key = (name: string) => c(name, 'INTEGER', 'id', id, true);

const SPECS: Array<{ name: string; rows: number; columns: ColumnSpec[] }> = [
  { name: 'customers', rows: 400, columns: [key('customer_id'), c('signup_at', 'TIMESTAMP', 'time', time), c('country', 'VARCHAR', 'geo', pick(COUNTRIES)), c('city', 'VARCHAR', 'geo', pick(CITIES)), c('segment', 'VARCHAR', 'dimension', pick(['consumer', 'business', 'student'])), c('lifetime_value', 'DOUBLE', 'measure', money(0, 5000)), c('is_active', 'BOOLEAN', 'boolean', flag(0.8)), c('acquisition_channel', 'VARCHAR', 'dimension', pick(CHANNELS))] },
  { name: 'orders', rows: 1500, columns: [key('order_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('store_id', 'INTEGER', 'id', ref(30)), c('ordered_at', 'TIMESTAMP', 'time', time), c('status', 'VARCHAR', 'status', pick(['delivered', 'delivered', 'delivered', 'cancelled', 'failed', 'pending'])), c('channel', 'VARCHAR', 'dimension', pick(CHANNELS)), c('order_total', 'DOUBLE', 'measure', money(5, 900)), c('discount', 'DOUBLE', 'measure', money(0, 50)), c('shipping_fee', 'DOUBLE', 'measure', money(0, 20))] },
  { name: 'order_items', rows: 3000, columns: [key('order_item_id'), c('order_id', 'INTEGER', 'id', ref(1500)), c('product_id', 'INTEGER', 'id', ref(250)), c('quantity', 'INTEGER', 'measure', count(1, 6)), c('unit_price', 'DOUBLE', 'measure', money(2, 400)), c('line_discount', 'DOUBLE', 'measure', money(0, 20))] },
  { name: 'products', rows: 250, columns: [key('product_id'), c('category', 'VARCHAR', 'dimension', pick(CATEGORIES)), c('brand', 'VARCHAR', 'dimension', pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Soylent', 'Hooli'])), c('list_price', 'DOUBLE', 'measure', money(2, 500)), c('weight_kg', 'DOUBLE', 'measure', money(0.1, 20)), c('launched_at', 'TIMESTAMP', 'time', time), c('is_discontinued', 'BOOLEAN', 'boolean', flag(0.1)), c('supplier_id', 'INTEGER', 'id', ref(40))] },
  { name: 'suppliers', rows: 40, columns: [key('supplier_id'), c('supplier_country', 'VARCHAR', 'geo', pick(COUNTRIES)), c('rating', 'DOUBLE', 'measure', money(1, 5)), c('lead_time_days', 'INTEGER', 'measure', count(2, 40)), c('contract_tier', 'VARCHAR', 'dimension', pick(['gold', 'silver', 'bronze']))] },
  { name: 'payments', rows: 1500, columns: [key('payment_id'), c('order_id', 'INTEGER', 'id', ref(1500)), c('paid_at', 'TIMESTAMP', 'time', time), c('method', 'VARCHAR', 'dimension', pick(['card', 'upi', 'wallet', 'bank_transfer', 'cash'])), c('payment_status', 'VARCHAR', 'status', pick(['success', 'success', 'success', 'failed', 'pending'])), c('amount_paid', 'DOUBLE', 'measure', money(5, 900)), c('processor_fee', 'DOUBLE', 'measure', money(0, 15))] },
  { name: 'refunds', rows: 200, columns: [key('refund_id'), c('order_id', 'INTEGER', 'id', ref(1500)), c('refunded_at', 'TIMESTAMP', 'time', time), c('refund_reason', 'VARCHAR', 'dimension', pick(['damaged', 'late', 'wrong_item', 'changed_mind'])), c('refund_amount', 'DOUBLE', 'measure', money(5, 400))] },
  { name: 'shipments', rows: 1400, columns: [key('shipment_id'), c('order_id', 'INTEGER', 'id', ref(1500)), c('warehouse_id', 'INTEGER', 'id', ref(12)), c('carrier', 'VARCHAR', 'dimension', pick(['DHL', 'FedEx', 'UPS', 'BlueDart', 'Local'])), c('shipped_at', 'TIMESTAMP', 'time', time), c('delivery_days', 'INTEGER', 'measure', count(1, 12)), c('shipment_status', 'VARCHAR', 'status', pick(['delivered', 'delivered', 'in_transit', 'lost', 'returned']))] },
  { name: 'warehouses', rows: 12, columns: [key('warehouse_id'), c('warehouse_city', 'VARCHAR', 'geo', pick(CITIES)), c('capacity_units', 'INTEGER', 'measure', count(1000, 50000)), c('opened_at', 'TIMESTAMP', 'time', time)] },
  { name: 'inventory', rows: 1000, columns: [key('inventory_id'), c('warehouse_id', 'INTEGER', 'id', ref(12)), c('product_id', 'INTEGER', 'id', ref(250)), c('units_on_hand', 'INTEGER', 'measure', count(0, 900)), c('reorder_level', 'INTEGER', 'measure', count(10, 100)), c('counted_at', 'TIMESTAMP', 'time', time)] },
  { name: 'employees', rows: 120, columns: [key('employee_id'), c('department_id', 'INTEGER', 'id', ref(10)), c('store_id', 'INTEGER', 'id', ref(30)), c('hired_at', 'TIMESTAMP', 'time', time), c('job_title', 'VARCHAR', 'dimension', pick(['cashier', 'manager', 'picker', 'driver', 'analyst'])), c('salary', 'DOUBLE', 'measure', money(20000, 120000)), c('is_remote', 'BOOLEAN', 'boolean', flag(0.2))] },
  { name: 'departments', rows: 10, columns: [key('department_id'), c('department_name', 'VARCHAR', 'dimension', pick(['Sales', 'Logistics', 'Finance', 'Support', 'Marketing'])), c('budget', 'DOUBLE', 'measure', money(50000, 900000))] },
  { name: 'stores', rows: 30, columns: [key('store_id'), c('store_city', 'VARCHAR', 'geo', pick(CITIES)), c('store_country', 'VARCHAR', 'geo', pick(COUNTRIES)), c('floor_area_m2', 'DOUBLE', 'measure', money(100, 5000)), c('store_format', 'VARCHAR', 'dimension', pick(['mall', 'high_street', 'outlet', 'kiosk'])), c('opened_at', 'TIMESTAMP', 'time', time)] },
  { name: 'promotions', rows: 60, columns: [key('promotion_id'), c('promo_type', 'VARCHAR', 'dimension', pick(['percent_off', 'bogo', 'free_shipping', 'bundle'])), c('starts_at', 'TIMESTAMP', 'time', time), c('discount_percent', 'DOUBLE', 'measure', money(5, 50)), c('promo_channel', 'VARCHAR', 'dimension', pick(CHANNELS))] },
  { name: 'reviews', rows: 900, columns: [key('review_id'), c('product_id', 'INTEGER', 'id', ref(250)), c('customer_id', 'INTEGER', 'id', ref(400)), c('reviewed_at', 'TIMESTAMP', 'time', time), c('stars', 'INTEGER', 'measure', count(1, 5)), c('is_verified_purchase', 'BOOLEAN', 'boolean', flag(0.7))] },
  { name: 'sessions', rows: 2500, columns: [key('session_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('started_at', 'TIMESTAMP', 'time', time), c('device', 'VARCHAR', 'dimension', pick(['Android', 'iOS', 'Desktop', 'Tablet'])), c('pages_viewed', 'INTEGER', 'measure', count(1, 40)), c('duration_seconds', 'INTEGER', 'measure', count(5, 3600)), c('converted', 'BOOLEAN', 'boolean', flag(0.06))] },
  { name: 'marketing_events', rows: 2000, columns: [key('event_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('sent_at', 'TIMESTAMP', 'time', time), c('campaign', 'VARCHAR', 'dimension', pick(['spring_sale', 'black_friday', 'welcome', 'winback'])), c('event_kind', 'VARCHAR', 'dimension', pick(['email', 'sms', 'push'])), c('clicked', 'BOOLEAN', 'boolean', flag(0.12))] },
  { name: 'subscriptions', rows: 300, columns: [key('subscription_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('plan', 'VARCHAR', 'dimension', pick(['basic', 'plus', 'premium'])), c('subscribed_at', 'TIMESTAMP', 'time', time), c('monthly_fee', 'DOUBLE', 'measure', money(3, 30)), c('subscription_status', 'VARCHAR', 'status', pick(['active', 'active', 'cancelled', 'failed']))] },
  { name: 'invoices', rows: 800, columns: [key('invoice_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('issued_at', 'TIMESTAMP', 'time', time), c('invoice_amount', 'DOUBLE', 'measure', money(10, 3000)), c('tax_amount', 'DOUBLE', 'measure', money(1, 300)), c('invoice_status', 'VARCHAR', 'status', pick(['paid', 'paid', 'overdue', 'failed']))] },
  { name: 'support_tickets', rows: 600, columns: [key('ticket_id'), c('customer_id', 'INTEGER', 'id', ref(400)), c('opened_at', 'TIMESTAMP', 'time', time), c('topic', 'VARCHAR', 'dimension', pick(['delivery', 'payment', 'refund', 'account', 'product'])), c('priority', 'VARCHAR', 'dimension', pick(['low', 'medium', 'high'])), c('resolution_hours', 'DOUBLE', 'measure', money(0.5, 96)), c('ticket_status', 'VARCHAR', 'status', pick(['resolved', 'resolved', 'open', 'escalated']))] },
];

/** The 20 tables with their rows. */
export function retailTables(): FixtureTable[] {
  return SPECS.map((spec, tableIndex) => {
    const next = random(1000 + tableIndex);
    const rows = Array.from({ length: spec.rows }, (_, row) => spec.columns.map((column) => column.value(row, next)));
    return { name: spec.name, columns: spec.columns.map(({ value: _value, ...column }) => column), rows };
  });
}
