// Dev schemas 6–7 of the trust suite: a general ledger (account hierarchy by self-reference,
// debit/credit lines, vendor bills with nullable paid dates) and marketing campaigns (ongoing
// campaigns with null end dates, mixed-case objectives, leads that convert or not).
import { addDays, Draw, TRUST_DB_DIR, writeDatabase, type Row } from '../generate.js';

export function buildLedger(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(606);
  const accounts: Row[] = [
    ['1000', 'Assets', 'Asset', null], ['1100', 'Cash', 'Asset', '1000'], ['1200', 'Accounts Receivable', 'Asset', '1000'], ['1500', 'Equipment', 'Asset', '1000'],
    ['2000', 'Liabilities', 'Liability', null], ['2100', 'Accounts Payable', 'Liability', '2000'], ['2200', 'Accrued Payroll', 'Liability', '2000'],
    ['3000', 'Equity', 'Equity', null], ['3100', 'Retained Earnings', 'Equity', '3000'],
    ['4000', 'Revenue', 'Revenue', null], ['4100', 'Product Sales', 'Revenue', '4000'], ['4200', 'Service Revenue', 'Revenue', '4000'],
    ['5000', 'Expenses', 'Expense', null], ['5100', 'Salaries', 'Expense', '5000'], ['5200', 'Rent', 'Expense', '5000'], ['5300', 'Software Subscriptions', 'Expense', '5000'], ['5400', 'Travel', 'Expense', '5000'], ['5500', 'Marketing Spend', 'Expense', '5000'],
  ];
  const costCenters: Row[] = [
    [1, 'Head Office', 'A. Laine'],
    [2, 'R&D', 'B. Osei'],
    [3, 'Sales EMEA', 'C. Duarte'],
    [4, 'Sales Americas', 'D. Park'],
  ];
  const vendors: Row[] = [
    [1, 'Cloudly Hosting', 'US'], [2, 'Office Realty', 'FI'], [3, 'TravelDesk', 'DE'], [4, 'AdWorks', 'GB'], [5, 'PaperTrail Supplies', 'FI'], [6, 'SecureIT', 'SE'], [7, 'Legal & Co', 'FI'], [8, 'Catering Oy', 'FI'],
  ];
  const entries: Row[] = [];
  const lines: Row[] = [];
  const line = (entry: number, account: string, center: number | null, debit: number, credit: number) => lines.push([lines.length + 1, entry, account, center, debit, credit]);
  const kinds: [string, number][] = [['AR', 5], ['AP', 5], ['payroll', 1], ['manual', 2]];
  for (let id = 1; id <= 1500; id++) {
    const posted = draw.date('2023-01-01', '2024-12-31');
    const source = draw.weighted(kinds);
    const center = draw.int(1, 4);
    entries.push([id, posted, posted.slice(0, 7), `${source} entry ${id}`, source, id % 97 === 0 ? 1 : 0]);
    if (source === 'AR') {
      const amount = draw.amount(500, 12000);
      line(id, '1200', center, amount, 0);
      line(id, draw.chance(0.6) ? '4100' : '4200', center, 0, amount);
    } else if (source === 'AP') {
      const amount = draw.amount(80, 6000);
      line(id, draw.pick(['5200', '5300', '5400', '5500', '5300']), center, amount, 0);
      line(id, '2100', center, 0, amount);
    } else if (source === 'payroll') {
      const amount = draw.amount(20000, 45000);
      line(id, '5100', center, amount, 0);
      line(id, '2200', center, 0, amount);
    } else {
      const amount = draw.amount(100, 3000);
      line(id, draw.pick(['1100', '1500']), null, amount, 0);
      line(id, draw.pick(['1100', '3100']), null, 0, amount);
    }
  }
  const bills: Row[] = [];
  for (let id = 1; id <= 420; id++) {
    const vendor = draw.weighted([[1, 3], [2, 1], [3, 3], [4, 2], [5, 2], [6, 1], [7, 1], [8, 2]] as const);
    const billed = draw.date('2023-01-01', '2024-12-31');
    const due = addDays(billed, draw.pick([14, 30, 30, 45]));
    const paid = draw.chance(due > '2024-12-01' ? 0.3 : 0.94) ? addDays(billed, draw.int(3, 60)) : null;
    bills.push([id, vendor, `INV-${vendor}-${1000 + id}`, billed, due, draw.amount(40, 8000), paid !== null && paid > '2024-12-31' ? null : paid]);
  }
  return writeDatabase(
    'gl_ledger',
    `CREATE TABLE account (acct_no TEXT PRIMARY KEY, acct_name TEXT NOT NULL, acct_type TEXT, parent_acct_no TEXT REFERENCES account(acct_no));
     CREATE TABLE cost_center (cc_id INTEGER PRIMARY KEY, cc_name TEXT NOT NULL, owner TEXT);
     CREATE TABLE journal_entry (je_id INTEGER PRIMARY KEY, posted_dt TEXT, period TEXT, memo TEXT, source TEXT, is_reversed INTEGER);
     CREATE TABLE journal_line (
       line_id INTEGER PRIMARY KEY,
       je_id INTEGER REFERENCES journal_entry(je_id),
       acct_no TEXT REFERENCES account(acct_no),
       cc_id INTEGER REFERENCES cost_center(cc_id),
       debit_amt REAL,
       credit_amt REAL
     );
     CREATE TABLE vendor (vendor_id INTEGER PRIMARY KEY, vendor_name TEXT NOT NULL, country TEXT);
     CREATE TABLE bill (bill_id INTEGER PRIMARY KEY, vendor_id INTEGER REFERENCES vendor(vendor_id), invoice_no TEXT, bill_dt TEXT, due_dt TEXT, amt REAL, paid_dt TEXT);`,
    { account: accounts, cost_center: costCenters, journal_entry: entries, journal_line: lines, vendor: vendors, bill: bills },
    dir,
  );
}

export function buildMarketing(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(707);
  const channels: Row[] = [
    [1, 'Email'], [2, 'Paid Search'], [3, 'Social'], [4, 'Display'], [5, 'Affiliate'],
  ];
  const objectives: [string, number][] = [['awareness', 3], ['Awareness', 1], ['conversion', 4], ['Conversion', 2], ['CONVERSION', 1], ['retention', 2]];
  const themes = ['Spring Sale', 'Summer Launch', 'Back to School', 'Black Friday', 'Holiday Gifts', 'New Year', 'Brand Refresh', 'Loyalty Push', 'Webinar Series', 'Product Tour', 'Referral Drive', 'Win-back'];
  const campaigns: Row[] = [];
  for (let id = 1; id <= 48; id++) {
    const start = draw.date('2023-01-01', '2024-11-15');
    const ongoing = start > '2024-09-01' && draw.chance(0.7);
    const end = ongoing ? null : addDays(start, draw.int(14, 120));
    campaigns.push([id, `${themes[id % themes.length]} ${start.slice(0, 4)} #${id}`, 1 + (id % 5), start, end !== null && end > '2024-12-31' ? null : end, draw.pick([5000, 10000, 20000, 50000]), draw.weighted(objectives)]);
  }
  const stats: Row[] = [];
  for (const campaign of campaigns) {
    const end = (campaign[4] as string | null) ?? '2024-12-31';
    for (let date = campaign[3] as string; date <= end; date = addDays(date, 3)) {
      const impressions = draw.int(800, 40000);
      const clicks = Math.round(impressions * draw.amount(0.004, 0.05, 4));
      stats.push([stats.length + 1, campaign[0], date, impressions, clicks, Math.round(clicks * draw.amount(0.3, 2.5) * 100) / 100]);
    }
  }
  const leads: Row[] = [];
  for (let id = 1; id <= 2800; id++) {
    const campaign = campaigns[draw.int(0, campaigns.length - 1)];
    const end = (campaign[4] as string | null) ?? '2024-12-31';
    const created = draw.date(campaign[3] as string, end);
    const converted = draw.chance(campaign[2] === 1 ? 0.18 : campaign[2] === 2 ? 0.12 : 0.07) ? 1 : 0;
    leads.push([id, campaign[0], created, draw.pick(['US', 'US', 'GB', 'DE', 'FR', 'NL', 'CA']), draw.weighted([['mobile', 5], ['desktop', 4], ['tablet', 1]] as const), converted, converted ? draw.amount(200, 9000) : null]);
  }
  return writeDatabase(
    'mkt_campaigns',
    `CREATE TABLE channels (channel_id INTEGER PRIMARY KEY, channel_name TEXT NOT NULL);
     CREATE TABLE campaigns (
       campaign_id INTEGER PRIMARY KEY,
       campaign_name TEXT NOT NULL,
       channel_id INTEGER REFERENCES channels(channel_id),
       start_date TEXT,
       end_date TEXT, -- null: still running
       budget REAL,
       objective TEXT
     );
     CREATE TABLE daily_stats (stat_id INTEGER PRIMARY KEY, campaign_id INTEGER REFERENCES campaigns(campaign_id), stat_date TEXT, impressions INTEGER, clicks INTEGER, spend REAL);
     CREATE TABLE leads (lead_id INTEGER PRIMARY KEY, campaign_id INTEGER REFERENCES campaigns(campaign_id), created_date TEXT, country TEXT, device TEXT, converted INTEGER, deal_value REAL);`,
    { channels, campaigns, daily_stats: stats, leads },
    dir,
  );
}
