import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): Debian's Chromium driven by playwright-core against a
 * real InsightX server with the embedded analyst, started once for the run (global setup).
 * One file at a time: each launches its own browser, and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
