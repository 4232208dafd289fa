import type { FrameLocator, Locator, Page, Request } from 'playwright-core';
import { screenshotPath } from '../support/launch-browser.js';

/**
 * Runs in the page before the app: records the text of every toast as it appears, since
 * toasts vanish after a few seconds. A string, because this file is compiled for Node.
 */
const RECORD_TOASTS = `
window.__toasts = [];
const observe = () => new MutationObserver(() => {
  for (const toast of document.querySelectorAll('[data-testid="toast"]')) {
    if (toast.dataset.seen) continue;
    toast.dataset.seen = '1';
    window.__toasts.push((toast.firstElementChild?.textContent ?? '').trim());
  }
}).observe(document.documentElement, { childList: true, subtree: true });
if (document.documentElement) observe(); else document.addEventListener('DOMContentLoaded', observe);
`;

/** The InsightX page as a person uses it: threads, the question box, the answer, the workspace. */
export class AppPage {
  /** Every request the page made, in order (to prove a chart re-render queried nothing). */
  readonly requests: Request[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('request', (request) => this.requests.push(request));
  }

  /** Opens the app and starts recording every toast that appears (toasts vanish after a few seconds). */
  async open(path = '/'): Promise<void> {
    await this.page.addInitScript({ content: RECORD_TOASTS });
    await this.page.goto(new URL(path, this.baseUrl).href);
    await this.page.getByRole('button', { name: '+ New thread' }).waitFor();
  }

  async newThread(): Promise<void> {
    const created = this.page.waitForResponse((response) => response.url().endsWith('/api/threads') && response.request().method() === 'POST');
    await this.page.getByRole('button', { name: '+ New thread' }).click();
    await created;
    // The new thread is empty: wait until the previous thread's turns are gone from the view.
    await this.page.getByTestId('turn').first().waitFor({ state: 'detached' });
  }

  /**
   * Selects a datasource in the Datasources dialog, as a person would. A new thread keeps the
   * selected one, and opening the app selects the latest thread's: tests that mean the sample say so.
   */
  async useDatasource(name: string): Promise<void> {
    const header = this.page.getByRole('button', { name: 'Datasources' });
    await header.click();
    const dialog = this.page.getByRole('dialog', { name: 'Datasources' });
    await dialog.getByRole('list', { name: 'Datasources' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    await this.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  get input(): Locator {
    return this.page.getByLabel('Ask a question about your data');
  }

  /** Types the question and presses Enter, as a person would. */
  async ask(question: string): Promise<void> {
    await this.input.fill(question);
    await this.input.press('Enter');
  }

  /** Waits until the run ended and the input is usable again. */
  async waitForAnswer(): Promise<void> {
    // A locator, not waitForFunction: the app's CSP (script-src 'self') refuses string evaluation.
    await this.page.locator('#chat-input:not([disabled])').waitFor({ timeout: 90_000 });
  }

  lastAnswer(): Locator {
    return this.page.getByTestId('answer').last();
  }

  async toasts(): Promise<string[]> {
    return this.page.evaluate<string[]>('window.__toasts');
  }

  async openTab(name: 'Chart' | 'Results' | 'Code' | 'Data DNA'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  chartFrame(): FrameLocator {
    return this.page.frameLocator('[data-testid="viz-frame"]');
  }

  chartStatus(): Locator {
    return this.page.getByTestId('chart-status');
  }

  async waitForChartState(state: 'rendered' | 'error'): Promise<void> {
    if (state === 'error') await this.page.getByTestId('chart-error').waitFor({ timeout: 30_000 });
    else await this.page.locator('[data-testid="chart-status"][data-state="rendered"]').waitFor({ timeout: 30_000 });
  }

  async setChartType(type: string): Promise<void> {
    await this.page.getByLabel('Chart type').selectOption(type);
  }

  async openTemplates(): Promise<void> {
    await this.page.getByRole('button', { name: 'Templates' }).click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name) });
  }
}
