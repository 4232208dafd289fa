import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { requireService } from '../../support/services.js';

/** Where the e2e run saves screenshots of the main states (gitignored), for a person to look at. */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** Debian's Chromium (`apt-get install chromium`); playwright downloads no browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without Chromium the browser tests fail, unless INSIGHTX_ALLOW_MISSING=chromium skips them on purpose. */
export const hasChromium = requireService('chromium', existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH}`, 'The browser tests');

/** Launches Chromium headless, with no background traffic. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
