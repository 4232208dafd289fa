import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatPercent } from '../../src/analyst/format-number.js';
import { AppPage } from './pages/app-page.js';
import { hasChromium, launchBrowser } from './support/launch-browser.js';

const DEVICES = ['Android', 'iOS', 'Web'];
const METHODS = ['UPI', 'Card', 'Wallet'];
const REGIONS = ['North', 'South', 'East', 'West'];

/** 900 payments: Android payments by UPI fail one in two, every other payment one in ten. */
function payments(): { device: string; method: string; region: string; failed: boolean }[] {
  return Array.from({ length: 900 }, (_, id) => {
    const device = DEVICES[id % 3];
    const method = METHODS[Math.floor(id / 3) % 3];
    return { device, method, region: REGIONS[Math.floor(id / 9) % 4], failed: device === 'Android' && method === 'UPI' ? id % 2 === 0 : id % 10 === 0 };
  });
}

const rate = (rows: { failed: boolean }[]) => rows.filter((row) => row.failed).length / rows.length;

/**
 * Issue 10, "Checked by": in one thread on an uploaded file, a rate by device type, "Why is
 * that?" (a driver analysis with its numbers), "Which of these are outliers?" (Python on the
 * previous result), then a reload and the question again: the same datasource, shown on the answer.
 */
describe.skipIf(!hasChromium)('follow-ups in one thread on an uploaded file', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;
  const rows = payments();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    app = new AppPage(page, inject('insightxUrl'));
    await app.open();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const lastTurn = () => page.getByTestId('turn').last();

  async function askAndWait(question: string): Promise<string> {
    const before = await page.getByTestId('turn').count();
    await app.ask(question);
    await expect.poll(() => page.getByTestId('turn').count()).toBe(before + 1);
    await app.waitForAnswer();
    return (await app.lastAnswer().innerText()).trim();
  }

  it('keeps the datasource across a reload and answers "why" and "which are outliers" from the previous answer', async () => {
    const csv = ['payment_id,device_type,payment_method,region,status', ...rows.map((row, id) => `${id + 1},${row.device},${row.method},${row.region},${row.failed ? 'failed' : 'success'}`), ''].join('\n');
    await page.getByRole('button', { name: 'Datasources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByLabel('Upload a CSV or Parquet file').check();
    await dialog.getByLabel('File', { exact: true }).setInputFiles({ name: 'device payments.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await dialog.getByLabel('Name').inputValue()).toBe('device_payments');
    await dialog.getByRole('button', { name: 'Add datasource' }).click();
    await dialog.getByTestId('dna').filter({ hasText: 'device_payments' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Datasources' }).innerText()).toContain('device_payments');

    await app.newThread();
    const android = rows.filter((row) => row.device === 'Android');
    const rest = rows.filter((row) => row.device !== 'Android');
    const first = await askAndWait('What is the failure rate by device type?');
    expect(first).toContain(`Android ${formatPercent(rate(android))}`);
    expect(await lastTurn().getByTestId('answer-datasource').innerText()).toBe('Datasource: device_payments');

    const why = await askAndWait('Why is that?');
    expect(why).toContain(`device_type = Android has failure rate ${formatPercent(rate(android))}`);
    expect(why).toContain(`against ${formatPercent(rate(rest))} for the rest`);
    // UPI is where Android differs most: its numbers, computed here from the file.
    const upi = (group: typeof rows) => group.filter((row) => row.method === 'UPI');
    expect(why).toContain(`payment_method = UPI (${formatPercent(upi(android).length / android.length)} of the segment): ${formatPercent(rate(upi(android)))} in the segment vs ${formatPercent(rate(upi(rest)))} in the rest`);
    expect(why).toMatch(/\(association\), not what causes/);
    expect(await lastTurn().getByTestId('answer-datasource').innerText()).toBe('Datasource: device_payments');
    await app.screenshot('30-why-driver-analysis');

    const outliers = await askAndWait('Which of these are outliers?');
    expect(await lastTurn().innerText()).toContain('PYTHON_ONLY');
    expect(outliers).toMatch(/z-score/);
    await app.screenshot('31-outliers-previous-result');

    await page.reload();
    await page.getByRole('button', { name: '+ New thread' }).waitFor();
    await expect.poll(() => page.getByTestId('turn').count()).toBe(3);
    await expect.poll(() => page.getByRole('button', { name: 'Datasources' }).innerText()).toContain('device_payments');
    const again = await askAndWait('What is the failure rate by device type?');
    expect(again).toContain(`Android ${formatPercent(rate(android))}`);
    expect(await lastTurn().getByTestId('answer-datasource').innerText()).toBe('Datasource: device_payments');
    await app.screenshot('32-after-reload-same-datasource');
  });
});
