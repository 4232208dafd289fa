import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../support/postgres-database.js';
import { postgresProblem, requireService } from '../support/services.js';
import { AppPage } from './pages/app-page.js';
import { hasChromium, launchBrowser } from './support/launch-browser.js';

const available = requireService('postgres', await postgresProblem(), 'Testing a PostgreSQL connection from the datasources dialog');

describe.runIf(available && hasChromium)('connecting a PostgreSQL database from the datasources dialog', () => {
  let browser: Browser;
  let page: Page;
  let database: ScratchPostgresDatabase;

  beforeAll(async () => {
    database = await createScratchPostgresDatabase('webconnect');
    await database.run([
      'CREATE TABLE branches (branch_id integer PRIMARY KEY, city text NOT NULL)',
      'CREATE TABLE tellers (teller_id integer PRIMARY KEY, branch_id integer REFERENCES branches, full_name text)',
      "INSERT INTO branches VALUES (1, 'Porto'), (2, 'Lisbon')",
      "INSERT INTO tellers VALUES (1, 1, 'Ana'), (2, 1, 'Rui'), (3, 2, 'Eva')",
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await new AppPage(page, inject('insightxUrl')).open();
  });

  afterAll(async () => {
    await browser?.close();
    await database?.drop();
  });

  it('tests the connection (tables and the write warning), then adds it and shows its Data DNA', async () => {
    await page.getByRole('button', { name: 'Datasources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByRole('radio', { name: 'Connect' }).check();
    const name = `branches_${database.name.slice(-6)}`;
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Kind').selectOption('postgres');
    await dialog.getByLabel('Connection URL').fill(database.url);

    const tested = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/datasources/test');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    expect((await tested).status()).toBe(200);
    const result = dialog.getByRole('status', { name: 'Connection test' });
    await result.waitFor();
    expect(await result.innerText()).toContain('Connection works: 2 tables');
    // The test account (postgres) can write: the dialog says so before anything is registered.
    expect(await result.innerText()).toMatch(/can/);
    const listed = (await (await page.request.get(new URL('/api/datasources', inject('insightxUrl')).toString())).json()) as { datasources: { name: string }[] };
    expect(listed.datasources.map((source) => source.name)).not.toContain(name);

    const registered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/datasources' && response.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Add datasource' }).click();
    expect((await registered).status()).toBe(201);
    await dialog.getByTestId('dna').filter({ hasText: 'tellers' }).waitFor({ timeout: 60_000 });
    const dna = await dialog.getByTestId('dna').innerText();
    expect(dna).toContain('branches');
    expect(dna).toContain('3 rows');
    await page.keyboard.press('Escape');
    await page.request.delete(new URL(`/api/datasources/${name}`, inject('insightxUrl')).toString());
  });

  it('shows the error of a connection that fails', async () => {
    await page.getByRole('button', { name: 'Datasources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByRole('radio', { name: 'Connect' }).check();
    await dialog.getByLabel('Name').fill('nowhere');
    await dialog.getByLabel('Kind').selectOption('postgres');
    const url = new URL(database.url);
    url.pathname = `/${database.name}_missing`;
    await dialog.getByLabel('Connection URL').fill(url.toString());
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/does not exist/);
    await page.keyboard.press('Escape');
  });
});
