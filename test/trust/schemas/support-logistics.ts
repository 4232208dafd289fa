// Dev schemas 4–5 of the trust suite: support tickets (mixed-case priorities, a channel called
// "portal", unassigned tickets, open/closed states) and freight logistics (abbreviations,
// promised vs delivered dates, undelivered shipments). Data runs 2023-01-01 … 2024-12-31.
import { addDays, addMinutes, Draw, personName, TRUST_DB_DIR, writeDatabase, type Row } from '../generate.js';

export function buildHelpdesk(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(404);
  const teams: Row[] = [
    [1, 'Tier 1', 'Lisbon'],
    [2, 'Tier 2', 'Lisbon'],
    [3, 'Billing', 'Dublin'],
    [4, 'Onboarding', 'Dublin'],
  ];
  const agents: Row[] = [];
  for (let id = 1; id <= 24; id++) {
    const { first, last } = personName(id * 11 + 3);
    agents.push([id, `${first} ${last}`, id <= 10 ? 1 : id <= 16 ? 2 : id <= 20 ? 3 : 4, draw.date('2019-01-01', '2024-06-30'), id === 7 || id === 19 ? 0 : 1]);
  }
  const tiers: [string, number][] = [['free', 5], ['Free', 2], ['pro', 3], ['PRO', 1], ['Pro', 1], ['enterprise', 2]];
  const companies = ['Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm', 'Fir', 'Ginkgo', 'Hazel', 'Ivy', 'Juniper', 'Kauri', 'Larch', 'Maple', 'Nutmeg', 'Oak', 'Poplar', 'Quince', 'Rowan', 'Spruce', 'Teak'];
  const customers: Row[] = [];
  for (let id = 1; id <= 360; id++) customers.push([id, `${companies[id % companies.length]} ${['Inc', 'Ltd', 'GmbH', 'Co', 'LLC', 'SA'][Math.floor(id / companies.length) % 6]} ${id}`, draw.weighted(tiers), draw.pick(['PT', 'IE', 'ES', 'DE', 'US', 'GB', 'FR'])]);
  const tickets: Row[] = [];
  const comments: Row[] = [];
  for (let id = 1; id <= 2600; id++) {
    const created = draw.timestamp(draw.date('2023-01-01', '2024-12-31'));
    const category = draw.weighted([['login', 4], ['billing', 3], ['bug', 4], ['feature request', 2], ['how-to', 3], ['data export', 1]] as const);
    const recent = created >= '2024-12-15';
    const status = recent ? draw.weighted([['open', 4], ['pending', 2], ['solved', 3]] as const) : draw.weighted([['closed', 14], ['solved', 4], ['open', 1], ['pending', 1]] as const);
    const team = category === 'billing' ? 3 : category === 'how-to' && draw.chance(0.5) ? 4 : draw.chance(0.7) ? 1 : 2;
    const teamAgents = agents.filter((agent) => agent[2] === team);
    const agent = status === 'open' && draw.chance(0.4) ? null : (draw.pick(teamAgents)[0] as number);
    const priority = draw.weighted([['low', 5], ['Low', 1], ['medium', 5], ['Medium', 1], ['high', 3], ['High', 1], ['HIGH', 1], ['urgent', 1]] as const);
    const firstResponse = agent === null ? null : addMinutes(created, draw.int(5, priority.toLowerCase() === 'urgent' ? 120 : 1800));
    const done = status === 'solved' || status === 'closed';
    const resolved = done && firstResponse ? addMinutes(firstResponse, draw.int(30, 7 * 24 * 60)) : null;
    const csat = done && draw.chance(0.45) ? draw.weighted([[1, 1], [2, 1], [3, 2], [4, 4], [5, 5]] as const) : null;
    tickets.push([id, draw.int(1, 350), agent, draw.weighted([['email', 5], ['portal', 3], ['chat', 3], ['phone', 1]] as const), priority, category, status, created, firstResponse, resolved, csat]);
    const count = draw.int(0, 3);
    for (let index = 0; index < count; index++) comments.push([comments.length + 1, id, index % 2 === 0 ? 'agent' : 'customer', addMinutes(created, (index + 1) * draw.int(20, 600)), draw.chance(0.15) ? 1 : 0]);
  }
  return writeDatabase(
    'helpdesk',
    `CREATE TABLE teams (team_id INTEGER PRIMARY KEY, team_name TEXT NOT NULL, site TEXT);
     CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, agent_name TEXT NOT NULL, team_id INTEGER REFERENCES teams(team_id), hired_on TEXT, is_active INTEGER);
     CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, company TEXT NOT NULL, plan_tier TEXT, country TEXT);
     CREATE TABLE tickets (
       ticket_id INTEGER PRIMARY KEY,
       customer_id INTEGER REFERENCES customers(customer_id),
       agent_id INTEGER REFERENCES agents(agent_id), -- null: not assigned yet
       channel TEXT,
       priority TEXT,
       category TEXT,
       status TEXT, -- open, pending, solved, closed
       created_at TEXT,
       first_response_at TEXT,
       resolved_at TEXT,
       csat_score INTEGER -- 1-5 satisfaction survey, null when not answered
     );
     CREATE TABLE ticket_comments (comment_id INTEGER PRIMARY KEY, ticket_id INTEGER REFERENCES tickets(ticket_id), author_type TEXT, created_at TEXT, is_internal INTEGER);`,
    { teams, agents, customers, tickets, ticket_comments: comments },
    dir,
  );
}

export function buildLogistics(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(505);
  const carriers: Row[] = [
    [1, 'SwiftHaul', 'Road'],
    [2, 'BlueWing Air', 'Air'],
    [3, 'Oceanic Lines', 'Sea'],
    [4, 'Metro Couriers', 'road'],
    [5, 'NorthStar Freight', 'ROAD'],
    [6, 'JetCargo', 'air'],
  ];
  const warehouses: Row[] = [
    [1, 'Rotterdam DC', 'Rotterdam', 'NL'],
    [2, 'Hamburg Hub', 'Hamburg', 'DE'],
    [3, 'Lyon Depot', 'Lyon', 'FR'],
    [4, 'Milan Crossdock', 'Milan', 'IT'],
    [5, 'Madrid South', 'Madrid', 'ES'],
  ];
  const cities = ['Paris', 'Berlin', 'Vienna', 'Warsaw', 'Prague', 'Brussels', 'Copenhagen', 'Oslo', 'Lisbon', 'Athens', 'Dublin', 'Zurich'];
  const transit: Record<number, number> = { 1: 3, 2: 1, 3: 14, 4: 2, 5: 4, 6: 1 };
  const shipments: Row[] = [];
  const claims: Row[] = [];
  for (let id = 1; id <= 2600; id++) {
    const carrier = draw.weighted([[1, 5], [2, 2], [3, 1], [4, 4], [5, 3], [6, 1]] as const);
    const shipped = draw.date('2023-01-01', '2024-12-31');
    const promised = addDays(shipped, transit[carrier] + draw.int(0, 2));
    const lost = draw.chance(0.01);
    const delay = draw.weighted([[-1, 2], [0, 6], [1, 2], [2, 1], [5, carrier === 3 ? 2 : 0.3]] as const);
    const arrives = addDays(promised, delay);
    const inTransit = arrives > '2024-12-31';
    const status = lost ? 'lost' : inTransit ? 'in_transit' : draw.chance(0.03) ? 'returned' : 'delivered';
    const weight = draw.amount(0.5, carrier === 3 ? 900 : 120, 1);
    const cost = Math.round((8 + weight * (carrier === 2 || carrier === 6 ? 4.2 : carrier === 3 ? 0.6 : 1.1)) * 100) / 100;
    shipments.push([id, `SO-${100000 + id * 7}`, draw.int(1, 5), draw.pick(cities), carrier, shipped, promised, status === 'delivered' || status === 'returned' ? arrives : null, status, weight, cost]);
    if (status === 'lost' || draw.chance(0.05)) {
      const reason = status === 'lost' ? 'lost' : delay > 1 && draw.chance(0.5) ? 'late' : 'damaged';
      claims.push([claims.length + 1, id, addDays(shipped, draw.int(5, 30)), Math.round(cost * draw.amount(0.5, 3) * 100) / 100, reason, draw.chance(0.7) ? 1 : 0]);
    }
  }
  return writeDatabase(
    'freight_ops',
    `CREATE TABLE carriers (carrier_id INTEGER PRIMARY KEY, carrier_nm TEXT NOT NULL, mode TEXT);
     CREATE TABLE warehouses (wh_id INTEGER PRIMARY KEY, wh_name TEXT NOT NULL, city TEXT, country TEXT);
     CREATE TABLE shipments (
       shipment_id INTEGER PRIMARY KEY,
       order_ref TEXT,
       origin_wh_id INTEGER REFERENCES warehouses(wh_id),
       dest_city TEXT,
       carrier_id INTEGER REFERENCES carriers(carrier_id),
       ship_dt TEXT,
       promised_dt TEXT,
       deliv_dt TEXT, -- null until delivered
       status TEXT, -- delivered, in_transit, returned, lost
       weight_kg REAL,
       cost_amt REAL -- freight cost, EUR
     );
     CREATE TABLE claims (claim_id INTEGER PRIMARY KEY, shipment_id INTEGER REFERENCES shipments(shipment_id), claim_dt TEXT, claim_amt REAL, reason TEXT, approved INTEGER);`,
    { carriers, warehouses, shipments, claims },
    dir,
  );
}
