import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppPage } from './pages/app-page.js';
import { hasChromium } from './support/launch-browser.js';
import { useAppInNewThread } from './support/open-app.js';

interface WireEvent {
  id: number;
  type: string;
  block: string;
  data: Record<string, unknown>;
}

/** Splits an SSE body into its event blocks (comments dropped). */
function parseBlocks(body: string): WireEvent[] {
  return body
    .split(/\n\n/)
    .map((block) => block.trim())
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
      const data = JSON.parse(field('data')) as Record<string, unknown>;
      return { id: Number(field('id')), type: field('event'), block: `${block}\n\n`, data };
    });
}

describe.skipIf(!hasChromium)('a dropped stream', () => {
  let page: Page;
  let app: AppPage;

  useAppInNewThread((opened) => {
    ({ page, app } = opened);
  });

  it('resumes with Last-Event-ID and shows the whole answer once', async () => {
    let full: WireEvent[] = [];
    let cutAfter = -1;
    // The connection "drops" halfway: the page gets the first half of the run's events and
    // then the end of the body, with no run-end, exactly as when a proxy cuts the stream.
    await page.route('**/api/threads/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      full = parseBlocks(await response.text());
      const firstText = full.findIndex((event) => event.type === 'text-delta');
      const cut = firstText > 0 ? firstText + 1 : Math.floor(full.length / 2);
      cutAfter = full[cut - 1].id;
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: full.slice(0, cut).map((event) => event.block).join('') });
    });
    const resumed = page.waitForRequest((request) => /\/api\/runs\/[^/]+\/events$/.test(new URL(request.url()).pathname));

    await app.ask("What's the failure rate for Android users?");
    const resumeRequest = await resumed;
    await app.waitForAnswer();
    await page.unroute('**/api/threads/*/messages');
    await app.screenshot('10-resumed');

    expect(full.at(-1)?.type).toBe('run-end');
    expect((await resumeRequest.allHeaders())['last-event-id']).toBe(String(cutAfter));
    const expectedText = full
      .filter((event) => event.type === 'text-delta')
      .map((event) => String(event.data.delta))
      .join('');
    const shown = (await app.lastAnswer().innerText()).replace(/\s+/g, ' ').trim();
    const expectedWords = expectedText.replace(/[*_`#]/g, '').replace(/\s+/g, ' ').trim();
    expect(shown).toBe(expectedWords);

    // Every step appears once: the debug panel lists each event of the run exactly once.
    await page.getByRole('button', { name: 'Debug', exact: true }).click();
    const listed = await page.getByTestId('debug-panel').locator('li').allInnerTexts();
    const seqs = listed.map((line) => Number(/^#(\d+)/.exec(line)?.[1]));
    expect(seqs).toEqual(full.map((event) => event.id));
  });
});
