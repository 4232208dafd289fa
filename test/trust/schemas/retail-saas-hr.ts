// Dev schemas 1–3 of the trust suite: retail (plural snake_case, a brand called "Units",
// case variants of one segment), SaaS billing (camelCase, nullable end dates) and HR (tbl_
// prefixes, abbreviations, a manager self-reference). Data runs 2023-01-01 … 2024-12-31.
import { addDays, Draw, personName, TRUST_DB_DIR, writeDatabase, type Row } from '../generate.js';

export function buildRetail(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(101);
  const stores: Row[] = [
    [1, 'Downtown Flagship', 'Chicago', 'Midwest', '2015-03-01'],
    [2, 'Lakeview', 'Chicago', 'Midwest', '2018-06-15'],
    [3, 'Riverside Mall', 'Columbus', 'Midwest', '2019-09-01'],
    [4, 'Harbor Point', 'Boston', 'Northeast', '2016-04-20'],
    [5, 'Back Bay', 'Boston', 'Northeast', '2021-11-05'],
    [6, 'Sunset Plaza', 'Phoenix', 'Southwest', '2017-02-10'],
    [7, 'Desert Ridge', 'Tucson', 'Southwest', '2022-08-01'],
    [8, 'Web Store', 'Online', 'Online', '2014-01-01'],
  ];
  const segments: [string, number][] = [['retail', 5], ['Retail', 3], ['RETAIL', 1], ['wholesale', 2], ['Wholesale', 1], ['employee', 1]];
  const cities = ['Chicago', 'Boston', 'Phoenix', 'Columbus', 'Tucson', 'Denver', 'Austin'];
  const customers: Row[] = [];
  for (let id = 1; id <= 420; id++) {
    const { first, last } = personName(id * 7);
    customers.push([id, `${first} ${last}`, `${first.toLowerCase()}.${last.toLowerCase().replace('ü', 'u')}${id}@mail.example`, draw.weighted(segments), draw.pick(cities), draw.date('2021-01-01', '2024-10-31')]);
  }
  const catalogue: [string, string, string, number][] = [
    ['Trail Runner Shoe', 'Stride', 'Footwear', 89.99], ['City Sneaker', 'Stride', 'Footwear', 64.5], ['Hiking Boot', 'Summit', 'Footwear', 139.0], ['Rain Boot', 'Puddle', 'Footwear', 45.0],
    ['Wool Socks 3-pack', 'Units', 'Accessories', 14.99], ['Cotton Socks 6-pack', 'Units', 'Accessories', 12.5], ['Leather Belt', 'Units', 'Accessories', 32.0], ['Canvas Tote', 'Carry', 'Accessories', 19.99],
    ['Down Jacket', 'Summit', 'Outerwear', 219.0], ['Rain Shell', 'Puddle', 'Outerwear', 129.0], ['Fleece Pullover', 'Summit', 'Outerwear', 74.0], ['Windbreaker', 'Stride', 'Outerwear', 58.0],
    ['Merino Tee', 'Summit', 'Tops', 49.0], ['Basic Tee', 'Units', 'Tops', 15.0], ['Oxford Shirt', 'Tailor', 'Tops', 55.0], ['Hoodie', 'Stride', 'Tops', 59.0], ['Tank Top', 'Units', 'Tops', 11.0],
    ['Chino Pants', 'Tailor', 'Bottoms', 62.0], ['Denim Jeans', 'Tailor', 'Bottoms', 79.0], ['Running Shorts', 'Stride', 'Bottoms', 29.0], ['Cargo Shorts', 'Carry', 'Bottoms', 34.0],
    ['Daypack 20L', 'Carry', 'Bags', 69.0], ['Duffel 40L', 'Carry', 'Bags', 89.0], ['Laptop Sleeve', 'Carry', 'Bags', 27.5], ['Water Bottle', 'Summit', 'Gear', 18.0],
    ['Headlamp', 'Summit', 'Gear', 39.0], ['Trekking Poles', 'Summit', 'Gear', 99.0], ['Sunglasses', 'Puddle', 'Accessories', 45.0], ['Beanie', 'Units', 'Accessories', 16.0], ['Gloves', 'Summit', 'Accessories', 28.0],
  ];
  const products: Row[] = catalogue.map(([name, brand, category, price], index) => [index + 1, name, brand, category, price, index === 3 || index === 16 ? 0 : 1]);
  const orders: Row[] = [];
  const items: Row[] = [];
  const statuses: [string, number][] = [['completed', 80], ['cancelled', 7], ['returned', 8], ['pending', 5]];
  for (let id = 1; id <= 2400; id++) {
    const store = draw.weighted([[1, 5], [2, 3], [3, 3], [4, 4], [5, 2], [6, 3], [7, 1], [8, 6]] as const);
    const date = draw.date('2023-01-01', '2024-12-31');
    const status = date >= '2024-12-20' && draw.chance(0.5) ? 'pending' : draw.weighted(statuses);
    orders.push([id, draw.int(1, 400), store, date, status, store === 8 ? 'online' : 'in-store']);
    const lines = draw.weighted([[1, 4], [2, 3], [3, 2], [4, 1]] as const);
    for (let line = 0; line < lines; line++) {
      const product = draw.int(1, products.length);
      const price = products[product - 1][4] as number;
      const qty = draw.weighted([[1, 6], [2, 3], [3, 1], [5, 1]] as const);
      const discount = draw.chance(0.25) ? Math.round(price * qty * draw.pick([0.1, 0.15, 0.2]) * 100) / 100 : 0;
      items.push([items.length + 1, id, product, qty, price, discount]);
    }
  }
  return writeDatabase(
    'retail_shop',
    `CREATE TABLE stores (store_id INTEGER PRIMARY KEY, store_name TEXT NOT NULL, city TEXT, region TEXT, opened_on TEXT);
     CREATE TABLE customers (cust_id INTEGER PRIMARY KEY, cust_name TEXT NOT NULL, email TEXT, segment TEXT, city TEXT, signup_dt TEXT);
     CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL, brand TEXT, category TEXT, list_price REAL, is_active INTEGER);
     CREATE TABLE orders (
       order_id INTEGER PRIMARY KEY,
       cust_id INTEGER REFERENCES customers(cust_id),
       store_id INTEGER REFERENCES stores(store_id),
       order_dt TEXT,
       status TEXT, -- completed, cancelled, returned, pending
       channel TEXT
     );
     CREATE TABLE order_items (
       order_item_id INTEGER PRIMARY KEY,
       order_id INTEGER REFERENCES orders(order_id),
       product_id INTEGER REFERENCES products(product_id),
       qty INTEGER,
       unit_price REAL, -- price charged per unit
       discount_amt REAL -- discount on the whole line
     );`,
    { stores, customers, products, orders, order_items: items },
    dir,
  );
}

export function buildSaas(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(202);
  const plans: Row[] = [
    [1, 'Starter', 29, 3],
    [2, 'Team', 99, 10],
    [3, 'Business', 299, 50],
    [4, 'Enterprise', 999, 500],
  ];
  const industries: [string, number][] = [['software', 4], ['Software', 2], ['SOFTWARE', 1], ['healthcare', 2], ['Healthcare', 1], ['finance', 2], ['education', 1], ['retail', 2], ['Retail', 1]];
  const countries = ['US', 'US', 'US', 'UK', 'DE', 'FR', 'CA', 'AU', 'BR', 'IN'];
  const prefixes = ['Acme', 'Blue', 'Nimbus', 'Vertex', 'Orbit', 'Pine', 'Quantum', 'Red', 'Solar', 'Tidal', 'Umbra', 'Wave', 'Zen', 'Apex', 'Crest'];
  const suffixes = ['Labs', 'Systems', 'Health', 'Capital', 'Works', 'Analytics', 'Retail', 'Learning', 'Logistics', 'Studio', 'Group', 'Partners', 'Cloud', 'Foods', 'Media', 'Dynamics', 'Networks', 'Goods', 'Ventures', 'Bio'];
  const accounts: Row[] = [];
  for (let id = 1; id <= 300; id++) {
    const name = `${prefixes[id % prefixes.length]} ${suffixes[Math.floor(id / prefixes.length) % suffixes.length]}`;
    accounts.push([id, name, draw.weighted(industries), draw.pick(countries), draw.date('2022-01-01', '2024-11-30'), id % 11 === 0 ? 1 : 0]);
  }
  const subscriptions: Row[] = [];
  const invoices: Row[] = [];
  const lastDay = '2024-12-31';
  for (const account of accounts) {
    if (account[5] === 1) continue;
    let start = account[4] as string;
    let plan = draw.weighted([[1, 5], [2, 4], [3, 2], [4, 1]] as const);
    for (let round = 0; round < 3 && start <= lastDay; round++) {
      const months = draw.int(3, 30);
      const end = addDays(start, months * 30);
      const churned = end <= lastDay;
      const upgraded = churned && draw.chance(0.4) && plan < 4;
      const status = churned ? 'cancelled' : draw.chance(0.12) ? 'past_due' : 'active';
      const seats = draw.int(1, plans[plan - 1][3] as number);
      const subscriptionId = subscriptions.length + 1;
      subscriptions.push([subscriptionId, account[0], plan, start, churned ? end : null, seats, status, churned ? draw.pick(['price', 'missing features', 'switched vendor', 'company closed', null]) : null]);
      for (let month = 0; ; month++) {
        const issued = addDays(start, month * 30);
        if (issued > (churned ? end : lastDay)) break;
        const due = (plans[plan - 1][2] as number) * (plan >= 3 ? Math.max(1, Math.round(seats / 10)) : 1);
        const late = status === 'past_due' && addDays(issued, 60) > lastDay;
        const paid = late ? 0 : draw.chance(0.03) ? Math.round(due * 50) / 100 : due;
        invoices.push([invoices.length + 1, subscriptionId, issued, due, paid, paid === 0 ? null : addDays(issued, draw.int(0, 20))]);
      }
      if (!upgraded) break;
      plan += 1;
      start = addDays(end, 1);
    }
  }
  const features = ['dashboards', 'exports', 'alerts', 'api', 'sso'];
  const usage: Row[] = [];
  for (let id = 1; id <= 3000; id++) {
    usage.push([id, draw.int(1, 300), draw.weighted([['dashboards', 6], ['exports', 3], ['alerts', 2], ['api', 2], ['sso', 1]] as const), draw.date('2024-01-01', '2024-12-31'), draw.weighted([['Web', 6], ['iOS', 2], ['Android', 2]] as const)]);
  }
  void features;
  return writeDatabase(
    'saas_billing',
    `CREATE TABLE plans (planId INTEGER PRIMARY KEY, planName TEXT NOT NULL, monthlyPrice REAL, seatLimit INTEGER);
     CREATE TABLE accounts (accountId INTEGER PRIMARY KEY, companyName TEXT NOT NULL, industry TEXT, countryCode TEXT, createdAt TEXT, isTrial INTEGER);
     CREATE TABLE subscriptions (
       subscriptionId INTEGER PRIMARY KEY,
       accountId INTEGER REFERENCES accounts(accountId),
       planId INTEGER REFERENCES plans(planId),
       startedAt TEXT,
       endedAt TEXT, -- null while the subscription runs
       seats INTEGER,
       status TEXT, -- active, past_due, cancelled
       cancelReason TEXT
     );
     CREATE TABLE invoices (invoiceId INTEGER PRIMARY KEY, subscriptionId INTEGER REFERENCES subscriptions(subscriptionId), issuedAt TEXT, amountDue REAL, amountPaid REAL, paidAt TEXT);
     CREATE TABLE featureUsage (eventId INTEGER PRIMARY KEY, accountId INTEGER REFERENCES accounts(accountId), feature TEXT, eventDate TEXT, deviceType TEXT);`,
    { plans, accounts, subscriptions, invoices, featureUsage: usage },
    dir,
  );
}

export function buildHr(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(303);
  const departments: Row[] = [
    [10, 'Engineering', 'Berlin', 'CC-100'],
    [20, 'Sales', 'London', 'CC-200'],
    [30, 'Finance', 'London', 'CC-300'],
    [40, 'People Ops', 'Berlin', 'CC-400'],
    [50, 'Customer Success', 'Lisbon', 'CC-500'],
    [60, 'Marketing', 'Lisbon', 'CC-600'],
  ];
  const employees: Row[] = [];
  const titles: Record<number, string[]> = { 10: ['Software Engineer', 'QA Engineer', 'Data Engineer'], 20: ['Account Executive', 'Sales Rep'], 30: ['Accountant', 'Analyst'], 40: ['Recruiter', 'HR Generalist'], 50: ['Support Specialist', 'CSM'], 60: ['Marketing Specialist', 'Designer'] };
  const base: Record<number, number> = { 10: 78000, 20: 60000, 30: 65000, 40: 55000, 50: 48000, 60: 58000 };
  // Employee 1 is the CEO; 2–7 head one department each and report to 1; the rest report to their head or a lead.
  employees.push([1, 'Margot', 'Albrecht', null, null, 'Chief Executive Officer', 'Executive', '2012-02-01', null, 240000, 'F', 'FT']);
  departments.forEach((department, index) => {
    const { first, last } = personName(index * 13 + 5);
    employees.push([index + 2, first, last, department[0], 1, `Head of ${department[1]}`, 'Director', draw.date('2013-01-01', '2018-12-31'), null, (base[department[0] as number] as number) * 2, index % 2 === 0 ? 'M' : 'F', 'FT']);
  });
  const leads = new Map<number, number[]>();
  for (let id = 8; id <= 420; id++) {
    const department = draw.weighted([[10, 5], [20, 3], [30, 1], [40, 1], [50, 3], [60, 2]] as const);
    const deptLeads = leads.get(department) ?? [];
    const isLead = deptLeads.length < 2 && id < 60;
    const head = departments.findIndex((row) => row[0] === department) + 2;
    const manager = isLead || deptLeads.length === 0 ? head : draw.pick(deptLeads);
    if (isLead) leads.set(department, [...deptLeads, id]);
    const hired = draw.date('2015-01-01', '2024-11-30');
    const terminated = draw.chance(0.22) ? draw.date(hired < '2023-01-01' ? '2023-01-01' : hired, '2024-12-31') : null;
    const grade = isLead ? 'Lead' : draw.weighted([['Staff', 2], ['Senior', 3], ['Junior', 3], ['Associate', 2]] as const);
    const { first, last } = personName(id * 3 + 1);
    const type = draw.weighted([['FT', 8], ['PT', 1], ['Contractor', 1]] as const);
    const salary = Math.round((base[department] * (grade === 'Lead' ? 1.5 : grade === 'Staff' ? 1.35 : grade === 'Senior' ? 1.2 : grade === 'Junior' ? 0.85 : 1) * draw.amount(0.9, 1.15)) / 100) * 100;
    employees.push([id, first, last, department, manager, isLead ? `${titles[department][0]} Lead` : draw.pick(titles[department]), grade, hired, terminated, salary, draw.pick(['F', 'M', 'F', 'M', 'X']), type]);
  }
  const leave: Row[] = [];
  for (let id = 1; id <= 1300; id++) {
    const employee = draw.int(2, 420);
    const start = draw.date('2023-01-01', '2024-12-20');
    const days = draw.weighted([[1, 4], [2, 3], [3, 2], [5, 2], [10, 1]] as const);
    leave.push([id, employee, draw.weighted([['Vacation', 6], ['Sick', 4], ['Parental', 1], ['Unpaid', 1]] as const), start, addDays(start, days - 1), days, start > '2024-12-01' && draw.chance(0.6) ? 'pending' : draw.weighted([['approved', 8], ['rejected', 2]] as const)]);
  }
  const reviews: Row[] = [];
  for (const employee of employees) {
    for (const year of [2023, 2024]) {
      if ((employee[7] as string) > `${year}-06-30` || (employee[8] !== null && (employee[8] as string) < `${year}-12-01`)) continue;
      reviews.push([reviews.length + 1, employee[0], year, draw.weighted([[1, 1], [2, 2], [3, 6], [4, 4], [5, 2]] as const), employee[4]]);
    }
  }
  return writeDatabase(
    'hr_core',
    `CREATE TABLE tbl_dept (dept_id INTEGER PRIMARY KEY, dept_nm TEXT NOT NULL, location TEXT, cost_ctr TEXT);
     CREATE TABLE tbl_emp (
       emp_id INTEGER PRIMARY KEY,
       first_nm TEXT, last_nm TEXT,
       dept_id INTEGER REFERENCES tbl_dept(dept_id),
       mgr_id INTEGER REFERENCES tbl_emp(emp_id), -- the employee's manager
       job_title TEXT,
       grade TEXT,
       hire_dt TEXT,
       term_dt TEXT, -- null while employed
       salary_amt REAL, -- yearly, EUR
       gender TEXT,
       emp_type TEXT -- FT full-time, PT part-time, Contractor
     );
     CREATE TABLE tbl_leave (leave_id INTEGER PRIMARY KEY, emp_id INTEGER REFERENCES tbl_emp(emp_id), leave_type TEXT, start_dt TEXT, end_dt TEXT, days INTEGER, status TEXT);
     CREATE TABLE tbl_review (review_id INTEGER PRIMARY KEY, emp_id INTEGER REFERENCES tbl_emp(emp_id), review_yr INTEGER, rating INTEGER, reviewer_id INTEGER REFERENCES tbl_emp(emp_id));`,
    { tbl_dept: departments, tbl_emp: employees, tbl_leave: leave, tbl_review: reviews },
    dir,
  );
}
