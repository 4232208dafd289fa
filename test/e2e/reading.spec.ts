import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppPage } from './pages/app-page.js';
import { hasChromium } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

describe.skipIf(!hasChromium)('how the analyst read the question', () => {
  let page: Page;
  let app: AppPage;

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });

  it('shows the reading of an answered question, each word tied to what it mapped to', async () => {
    await app.ask('How many payments failed by device type?');
    await app.waitForAnswer();
    const reading = page.getByTestId('reading').last();
    await reading.waitFor();
    expect(await reading.getByTestId('restatement').innerText()).toMatch(/Count of payments where status is 'failed', by device_type/);
    expect(await reading.locator('[data-role="filter"]').allInnerTexts()).toEqual(['failed']);
    expect(await reading.locator('[data-unaccounted]').count()).toBe(0);
    await app.screenshot('reading-01-answered');
  });

  it('marks a word it cannot place, offers choices, and a click answers the chosen one', async () => {
    await app.ask('How many payments from android phones by tier?');
    await app.waitForAnswer();
    const reading = page.getByTestId('reading').last();
    await reading.waitFor();
    expect(await reading.locator('[data-unaccounted]').allInnerTexts()).toEqual(['phones']);
    expect(await reading.innerText()).toMatch(/Partly read as/);
    const options = page.getByTestId('clarify-option');
    expect(await options.count()).toBeGreaterThan(0);
    expect(await app.lastAnswer().innerText()).not.toMatch(/\d{3,}/);
    await app.screenshot('reading-02-unknown-word');

    const chosen = (await options.first().innerText()).trim();
    await options.first().click();
    await app.waitForAnswer();
    await expect.poll(() => page.getByTestId('question').last().innerText()).toBe(chosen);
    await expect.poll(() => page.getByTestId('reading').last().locator('[data-unaccounted]').count()).toBe(0);
    expect(await app.lastAnswer().innerText()).toMatch(/\d/);
    await app.screenshot('reading-03-chosen');
  });
});
