// Test schemas 11–12 of the trust suite: hotel bookings (tbl_ prefixes, abbreviations, a
// referral self-reference, cancellations) and a plant's inventory and production (singular
// tables, signed stock movements, work orders still in progress, machine downtime).
import { addDays, addMinutes, Draw, personName, TRUST_DB_DIR, writeDatabase, type Row } from '../generate.js';

export function buildTravel(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(1111);
  const hotels: Row[] = [
    [1, 'Grand Canal Hotel', 'Venice', 'IT', 5, 120], [2, 'Piazza Inn', 'Rome', 'IT', 3, 60], [3, 'Harbour View', 'Lisbon', 'PT', 4, 90], [4, 'Alfama Rooms', 'Lisbon', 'PT', 2, 25],
    [5, 'Ramblas Suites', 'Barcelona', 'ES', 4, 110], [6, 'Gothic Quarter Hostel', 'Barcelona', 'ES', 1, 40], [7, 'Seine Palace', 'Paris', 'FR', 5, 150], [8, 'Montmartre Lodge', 'Paris', 'FR', 3, 45],
    [9, 'Acropolis Vista', 'Athens', 'GR', 4, 70], [10, 'Old Port B&B', 'Marseille', 'FR', 2, 12],
  ];
  const tiers: [string, number][] = [['none', 8], ['silver', 3], ['Silver', 1], ['gold', 2], ['GOLD', 1], ['platinum', 1]];
  const guests: Row[] = [];
  for (let id = 1; id <= 800; id++) {
    const { first, last } = personName(id * 29 + 1);
    guests.push([id, `${first} ${last}`, draw.pick(['US', 'GB', 'DE', 'FR', 'NL', 'JP', 'BR', 'CA', 'AU']), draw.weighted(tiers), id > 40 && draw.chance(0.15) ? draw.int(1, id - 1) : null]);
  }
  const bookings: Row[] = [];
  const reviews: Row[] = [];
  for (let id = 1; id <= 3000; id++) {
    const hotel = draw.weighted(hotels.map((row) => [row[0] as number, row[5] as number] as const));
    const checkin = draw.date('2023-01-05', '2025-03-31');
    const booked = addDays(checkin, -draw.int(1, 150));
    const nights = draw.weighted([[1, 3], [2, 4], [3, 4], [4, 2], [7, 1], [10, 0.3]] as const);
    const rate = (hotels[hotel - 1][4] as number) * draw.amount(35, 60);
    const status = booked > '2024-12-31' ? null : checkin > '2024-12-31' ? draw.weighted([['confirmed', 9], ['cancelled', 1]] as const) : draw.weighted([['completed', 15], ['cancelled', 3], ['no_show', 1]] as const);
    if (status === null) continue;
    const cancelled = status === 'cancelled' ? addDays(booked, draw.int(0, Math.max(0, Math.min(20, -1 + (Date.parse(checkin) - Date.parse(booked)) / 86_400_000)))) : null;
    bookings.push([bookings.length + 1, draw.int(1, 780), hotel, booked, checkin, addDays(checkin, nights), nights, Math.round(rate * nights * 100) / 100, draw.weighted([['direct', 4], ['OTA', 5], ['travel agent', 1]] as const), status, cancelled]);
    if (status === 'completed' && draw.chance(0.35)) reviews.push([reviews.length + 1, bookings.length, draw.weighted([[4, 1], [6, 2], [7, 3], [8, 4], [9, 3], [10, 2]] as const), addDays(checkin, nights + draw.int(0, 14))]);
  }
  return writeDatabase(
    'travel_bookings',
    `CREATE TABLE tbl_hotel (hotel_id INTEGER PRIMARY KEY, hotel_nm TEXT NOT NULL, city TEXT, country TEXT, star_rating INTEGER, rooms INTEGER);
     CREATE TABLE tbl_guest (guest_id INTEGER PRIMARY KEY, guest_nm TEXT NOT NULL, home_country TEXT, loyalty_tier TEXT, referred_by INTEGER REFERENCES tbl_guest(guest_id));
     CREATE TABLE tbl_booking (
       booking_id INTEGER PRIMARY KEY,
       guest_id INTEGER REFERENCES tbl_guest(guest_id),
       hotel_id INTEGER REFERENCES tbl_hotel(hotel_id),
       booked_dt TEXT,
       checkin_dt TEXT,
       checkout_dt TEXT,
       nights INTEGER,
       amt REAL, -- total room charge, EUR
       channel TEXT,
       status TEXT, -- confirmed, completed, cancelled, no_show
       cancel_dt TEXT
     );
     CREATE TABLE tbl_review (review_id INTEGER PRIMARY KEY, booking_id INTEGER REFERENCES tbl_booking(booking_id), score INTEGER, review_dt TEXT);`,
    { tbl_hotel: hotels, tbl_guest: guests, tbl_booking: bookings, tbl_review: reviews },
    dir,
  );
}

export function buildPlant(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(1212);
  const suppliers: Row[] = [
    [1, 'Nordic Steel AB', 'SE', 21], [2, 'Polymer Works', 'DE', 10], [3, 'Fastenal Parts', 'US', 7], [4, 'Shenzhen Circuits', 'CN', 35], [5, 'Iberia Castings', 'ES', 14], [6, 'Local Packaging', 'DE', 3],
  ];
  const parts: [string, string, number, number | null][] = [
    ['Steel sheet 2mm', 'raw', 12.4, 1], ['Steel rod 10mm', 'raw', 3.1, 1], ['ABS pellets (kg)', 'Raw', 2.2, 2], ['Copper wire (m)', 'RAW', 0.45, 1], ['M6 bolt', 'component', 0.08, 3], ['M6 nut', 'component', 0.05, 3],
    ['Control board', 'Component', 18.5, 4], ['Motor 24V', 'component', 42.0, 4], ['Aluminium housing', 'component', 9.8, 5], ['Gear set', 'Component', 14.2, 5], ['Carton box', 'packaging', 0.9, 6], ['Foam insert', 'packaging', 0.6, 6],
    ['Pump P-100', 'finished', 160.0, null], ['Pump P-200', 'finished', 240.0, null], ['Fan F-10', 'finished', 85.0, null], ['Fan F-20', 'Finished', 120.0, null], ['Valve V-1', 'finished', 55.0, null],
  ];
  const items: Row[] = parts.map(([name, type, cost, supplier], index) => [index + 1, `SKU-${1000 + index * 7}`, name, type, cost, type.toLowerCase() === 'finished' ? 20 : 200, supplier]);
  // Each item opens with a counted stock (an adjustment on the first day); receipts are larger
  // than issues on average, so stock stays positive and drifts around the reorder points.
  const transactions: Row[] = items.map((item, index) => [index + 1, item[0], '2023-01-01 06:00:00', 'adjustment', (item[3] as string).toLowerCase() === 'finished' ? 150 : 1500, 'WH-A']);
  for (let id = transactions.length + 1; id <= 3500; id++) {
    const item = draw.int(1, items.length);
    const finished = (items[item - 1][3] as string).toLowerCase() === 'finished';
    const type = draw.weighted(finished ? ([['receipt', 3], ['issue', 4], ['adjustment', 1], ['scrap', 0.5]] as const) : ([['receipt', 3], ['issue', 5], ['adjustment', 0.5], ['scrap', 1]] as const));
    const qty = draw.int(1, finished ? 40 : 400);
    const signed = type === 'receipt' ? Math.round(qty * (finished ? 1.62 : 2.05)) : type === 'adjustment' ? (draw.chance(0.5) ? qty : -qty) : -qty;
    transactions.push([id, item, draw.timestamp(draw.date('2023-01-01', '2024-12-31')), type, signed, draw.pick(['WH-A', 'WH-A', 'WH-B'])]);
  }
  const machines: Row[] = [];
  for (let id = 1; id <= 12; id++) machines.push([id, `${['Press', 'Lathe', 'Molder', 'Assembler'][(id - 1) % 4]} ${Math.ceil(id / 4)}`, `Line ${((id - 1) % 3) + 1}`, draw.date('2012-01-01', '2022-12-31')]);
  const workOrders: Row[] = [];
  for (let id = 1; id <= 900; id++) {
    const item = draw.int(13, 17);
    const start = draw.date('2023-01-01', '2024-12-31');
    const end = addDays(start, draw.int(1, 9));
    const open = end > '2024-12-31';
    const status = open ? draw.weighted([['in_progress', 3], ['planned', 1]] as const) : draw.weighted([['done', 12], ['cancelled', 1]] as const);
    const planned = draw.pick([50, 100, 200, 250, 500]);
    const scrap = status === 'done' ? Math.round(planned * draw.amount(0, 0.08, 3)) : 0;
    const good = status === 'done' ? planned - scrap - (draw.chance(0.2) ? draw.int(1, 10) : 0) : status === 'in_progress' ? Math.round(planned * draw.amount(0.1, 0.7)) : 0;
    workOrders.push([id, item, `Line ${draw.int(1, 3)}`, planned, good, scrap, start, status === 'done' || status === 'cancelled' ? end : null, status]);
  }
  const downtime: Row[] = [];
  for (let id = 1; id <= 600; id++) {
    const machine = draw.int(1, 12);
    const cause = draw.weighted([['maintenance', 4], ['breakdown', machine % 4 === 2 ? 5 : 2], ['changeover', 3], ['no operator', 1]] as const);
    const started = draw.timestamp(draw.date('2023-01-01', '2024-12-31'));
    const minutes = cause === 'breakdown' ? draw.int(20, 600) : draw.int(10, 180);
    downtime.push([id, machine, started, addMinutes(started, minutes), minutes, cause]);
  }
  return writeDatabase(
    'plant_inventory',
    `CREATE TABLE supplier (supplier_id INTEGER PRIMARY KEY, supplier_name TEXT NOT NULL, country TEXT, lead_time_days INTEGER);
     CREATE TABLE item (item_id INTEGER PRIMARY KEY, sku TEXT, item_desc TEXT, item_type TEXT, unit_cost REAL, reorder_pt INTEGER, supplier_id INTEGER REFERENCES supplier(supplier_id));
     CREATE TABLE inv_txn (
       txn_id INTEGER PRIMARY KEY,
       item_id INTEGER REFERENCES item(item_id),
       txn_ts TEXT,
       txn_type TEXT, -- receipt, issue, adjustment, scrap
       qty INTEGER, -- signed: receipts positive, issues and scrap negative
       warehouse TEXT
     );
     CREATE TABLE machine (machine_id INTEGER PRIMARY KEY, machine_nm TEXT NOT NULL, line TEXT, install_dt TEXT);
     CREATE TABLE work_order (wo_id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES item(item_id), line TEXT, qty_planned INTEGER, qty_good INTEGER, qty_scrap INTEGER, start_dt TEXT, end_dt TEXT, status TEXT);
     CREATE TABLE downtime (downtime_id INTEGER PRIMARY KEY, machine_id INTEGER REFERENCES machine(machine_id), start_ts TEXT, end_ts TEXT, minutes INTEGER, cause TEXT);`,
    { supplier: suppliers, item: items, inv_txn: transactions, machine: machines, work_order: workOrders, downtime },
    dir,
  );
}
