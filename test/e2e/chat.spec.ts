import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppPage } from './pages/app-page.js';
import { hasChromium } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

const QUESTION = "What's the failure rate for Android users?";

describe.skipIf(!hasChromium)('asking a question in the browser', () => {
  let page: Page;
  let app: AppPage;

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });

  it('streams the answer with toasts, then shows the SQL, the table and the chart', async () => {
    await app.ask(QUESTION);
    await expect.poll(() => app.input.getAttribute('placeholder')).toMatch(/Generating…|Ask a question/);
    await app.waitForAnswer();
    await app.screenshot('01-answer');

    const answer = (await app.lastAnswer().innerText()).trim();
    expect(answer).toMatch(/%/);
    const toasts = await app.toasts();
    expect(toasts).toContain('Using SQL Agent');
    expect(toasts.some((text) => /^Agent called run_sql$/.test(text))).toBe(true);
    // A run emits a toast per agent and tool; only the latest few stay on screen.
    expect(toasts.length).toBeGreaterThan(3);
    expect(await page.getByTestId('toast').count()).toBeLessThanOrEqual(3);

    await app.openTab('Code');
    const sql = await page.getByTestId('code-sql').innerText();
    expect(sql).toMatch(/SELECT/i);
    expect(sql.toLowerCase()).toContain('android');
    await app.screenshot('02-code');

    await app.openTab('Results');
    await page.getByTestId('results-table').waitFor();
    expect(await page.getByTestId('results-table').getByRole('row').count()).toBeGreaterThan(1);
    await app.screenshot('03-results');

    await app.openTab('Chart');
    await app.waitForChartState('rendered');
    await expect.poll(() => app.chartFrame().locator('body').innerText()).not.toBe('');
    // The KPI shows the rate as the answer says it ("5.46%"), not as the raw ratio 0.05.
    const rate = /\d+(?:\.\d+)?%/.exec(answer)?.[0];
    expect(rate).toBeDefined();
    expect(await app.chartFrame().locator('body').innerText()).toContain(rate);
    await app.screenshot('04-chart');
  });

  it('re-renders the chart with a new type without a new request', async () => {
    await app.openTab('Chart');
    await app.waitForChartState('rendered');
    const before = app.requests.length;
    const svgBefore = await app.chartFrame().locator('body').innerHTML();
    await app.setChartType('bar');
    await expect.poll(() => app.chartFrame().locator('body').innerHTML(), { timeout: 10_000 }).not.toBe(svgBefore);
    await app.waitForChartState('rendered');
    await app.setChartType('table');
    await expect.poll(() => app.chartFrame().locator('table').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const apiRequests = app.requests.slice(before).filter((request) => new URL(request.url()).pathname.startsWith('/api/'));
    expect(apiRequests.map((request) => request.url())).toEqual([]);
    await app.screenshot('05-chart-type-changed');
  });

  it('saves thumbs-up feedback with a correction', async () => {
    const saved = page.waitForResponse((response) => /\/api\/messages\/[^/]+\/feedback$/.test(new URL(response.url()).pathname));
    await page.getByRole('button', { name: 'Good answer' }).last().click();
    expect((await saved).ok()).toBe(true);
    await page.getByText('Feedback saved').last().waitFor();

    const corrected = page.waitForResponse((response) => /\/feedback$/.test(new URL(response.url()).pathname));
    await page.getByRole('button', { name: 'Suggest a correction' }).last().click();
    await page.getByPlaceholder('What should the answer have been?').fill('Android only, last 30 days');
    await page.getByRole('button', { name: 'Send correction' }).last().click();
    const response = await corrected;
    expect(response.ok()).toBe(true);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ rating: 'up', correction: 'Android only, last 30 days' });
  });

  it('shows the Data DNA, the usage and the raw events in the debug panel', async () => {
    await app.openTab('Data DNA');
    await page.getByTestId('dna').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('dna').innerText()).toMatch(/rows/);
    await page.getByTestId('datasource-badge').first().waitFor();
    await page.getByRole('button', { name: 'Debug', exact: true }).click();
    expect(await page.getByTestId('debug-panel').innerText()).toContain('run-end');
    await app.screenshot('06-dna-debug');
    await page.getByRole('button', { name: 'Debug', exact: true }).click();
  });

  it('works in the dark theme and at half a laptop screen', async () => {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await app.screenshot('07-dark');
    await page.setViewportSize({ width: 640, height: 800 });
    await expect.poll(() => page.getByRole('button', { name: 'Workspace', exact: true }).isVisible()).toBe(true);
    await app.screenshot('08-narrow');
    await page.getByRole('button', { name: 'Workspace', exact: true }).click();
    await app.screenshot('09-narrow-workspace');
    await page.getByRole('button', { name: 'Close workspace panel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });
});
