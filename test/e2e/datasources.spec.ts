import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppPage } from './pages/app-page.js';
import { hasChromium, launchBrowser } from './support/launch-browser.js';

describe.skipIf(!hasChromium)('adding a datasource', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;
  const dataDir = inject('insightxDataDir');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    app = new AppPage(page, inject('insightxUrl'));
    await app.open();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!dataDir)('registers a CSV file and shows its Data DNA once profiled', async () => {
    const regions = ['north', 'south', 'east', 'west'];
    const lines = ['region,amount,sold_on', ...Array.from({ length: 400 }, (_, index) => `${regions[index % 4]},${(index * 7) % 500}.5,2025-0${(index % 9) + 1}-1${index % 10}`)];
    // The default data folder, `<dataDir>/files`: the only place besides uploads a workspace may register files from.
    const file = path.join(dataDir, 'files', 'shop_sales.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    await page.getByRole('button', { name: 'Datasources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByLabel('Connect').check();
    await dialog.getByLabel('Name').fill('shop_sales');
    await dialog.getByLabel('Kind').selectOption('file');
    await dialog.getByLabel('Path on the server').fill(file);
    const registered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/datasources' && response.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Add datasource' }).click();
    expect((await registered).status()).toBe(201);
    await dialog.getByTestId('dna').waitFor({ timeout: 60_000 });
    const dna = await dialog.getByTestId('dna').innerText();
    expect(dna).toContain('400 rows');
    expect(dna).toMatch(/region/);
    await app.screenshot('14-datasource-dna');
    await dialog.getByRole('button', { name: /shop_sales/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Datasources' }).innerText()).toContain('shop_sales');
  });

  it('uploads a CSV from the browser, profiles it, and answers a question about it', async () => {
    // 12,345 in all: the number the answer must give.
    const csv = ['order_id,region,revenue', '1,north,1000', '2,south,2000', '3,east,3000', '4,west,4000', '5,north,2345', ''].join('\n');
    await page.getByRole('button', { name: 'Datasources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByLabel('Upload a CSV or Parquet file').check();
    await dialog.getByLabel('File', { exact: true }).setInputFiles({ name: 'web orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The name follows the file, made into one the server accepts.
    expect(await dialog.getByLabel('Name').inputValue()).toBe('web_orders');
    // The upload and the profiling each show their progress, however briefly for a small file.
    await page.evaluate(`(() => {
      window.__progress = [];
      new MutationObserver(() => {
        for (const id of ['upload-progress', 'dna-progress']) {
          if (document.querySelector('[data-testid="' + id + '"]') && !window.__progress.includes(id)) window.__progress.push(id);
        }
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/datasources/upload');
    await dialog.getByRole('button', { name: 'Add datasource' }).click();
    expect((await uploaded).status()).toBe(201);
    await dialog.getByTestId('dna').filter({ hasText: 'web_orders' }).waitFor({ timeout: 60_000 });
    const dna = await dialog.getByTestId('dna').innerText();
    expect(dna).toContain('5 rows');
    expect(dna).toContain('revenue');
    expect(await page.evaluate<string[]>('window.__progress')).toEqual(['upload-progress', 'dna-progress']);
    await app.screenshot('15-upload-dna');
    // The new datasource is selected for the next question.
    await expect.poll(() => dialog.getByRole('button', { name: /web_orders/ }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Datasources' }).innerText()).toContain('web_orders');

    await app.newThread();
    await app.ask('What is the total revenue?');
    await app.waitForAnswer();
    const answer = (await app.lastAnswer().innerText()).trim();
    expect(answer).toContain('12,345');
    await app.screenshot('16-upload-answer');
  });
});
