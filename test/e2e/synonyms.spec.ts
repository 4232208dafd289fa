import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { AppPage } from './pages/app-page.js';
import { hasChromium } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

const QUESTION = 'How many payments by gadget?';

describe.skipIf(!hasChromium)('a correction that sticks', () => {
  let page: Page;
  let app: AppPage;

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });
  // The server is shared by every spec: the word taught here is removed again.
  afterAll(async () => {
    const base = inject('insightxUrl');
    if (!base) return;
    const { synonyms } = (await (await fetch(`${base}/api/datasources/sample/synonyms`)).json()) as { synonyms: { id: string; word: string }[] };
    for (const synonym of synonyms.filter((entry) => entry.word === 'gadget')) await fetch(`${base}/api/datasources/sample/synonyms/${synonym.id}`, { method: 'DELETE' });
  });

  it('asks about an unknown word; choosing what it means saves it and answers', async () => {
    await app.ask(QUESTION);
    await app.waitForAnswer();
    const reading = page.getByTestId('reading').last();
    await reading.waitFor();
    expect((await reading.locator('[data-unaccounted]').allInnerTexts()).map((text) => text.replace(/\W+$/, ''))).toEqual(['gadget']);
    expect(await page.getByTestId('clarify-option').count()).toBeGreaterThan(0);

    await reading.locator('[data-testid="reading-word"]', { hasText: 'gadget' }).click();
    const menu = page.getByTestId('correction-menu');
    await menu.waitFor();
    await app.screenshot('synonyms-01-menu');
    await menu.getByRole('menuitem', { name: /(^|\.)device_type$/ }).first().click();
    await app.waitForAnswer();
    await expect.poll(() => page.getByTestId('turn').count()).toBe(2);
    await expect.poll(() => page.getByTestId('reading').last().locator('[data-unaccounted]').count()).toBe(0);
    expect((await page.getByTestId('reading').last().locator('[data-role="grouping"]').allInnerTexts()).join(' ')).toMatch(/gadget/);
    expect(await app.lastAnswer().innerText()).toMatch(/\d/);
    expect(await app.toasts()).toContainEqual(expect.stringMatching(/^Saved: “gadget” means \S*device_type$/));
    await app.screenshot('synonyms-02-answered');
  });

  it('reads the same word in a new thread with no question asked, and the DNA panel lists it', async () => {
    await app.newThread();
    await app.ask(QUESTION);
    await app.waitForAnswer();
    const reading = page.getByTestId('reading').last();
    await reading.waitFor();
    expect(await reading.locator('[data-unaccounted]').count()).toBe(0);
    expect(await page.getByTestId('clarify-option').count()).toBe(0);
    expect(await app.lastAnswer().innerText()).toMatch(/\d/);

    await app.openTab('Data DNA');
    const saved = page.getByTestId('saved-synonyms');
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/“gadget” → \S*device_type/);
    await app.screenshot('synonyms-03-dna-panel');
  });
});
