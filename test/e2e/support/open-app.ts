import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { AppPage } from '../pages/app-page.js';
import { launchBrowser } from './launch-browser.js';

/** The app open in a desktop-sized page, on a fresh thread. */
export interface OpenApp {
  page: Page;
  app: AppPage;
}

/**
 * Registers the enclosing `describe`'s hooks: before its tests, launches Chromium, opens the app
 * served by the global setup on a new thread and hands the page to `ready`; after them, closes
 * the browser (on the sample datasource). A callback rather than a return value, because the page exists only once
 * `beforeAll` has run.
 */
export function useAppInNewThread(ready: (opened: OpenApp) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const app = new AppPage(page, inject('insightxUrl'));
    await app.open();
    // Other spec files register datasources; these tests ask about the sample data.
    await app.useDatasource('sample');
    await app.newThread();
    ready({ page, app });
  });
  afterAll(async () => {
    await browser?.close();
  });
}
