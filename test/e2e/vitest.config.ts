import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): Debian's Chromium driven by playwright-core against a
 * real InsightX server with the embedded analyst. One file at a time: each starts its own
 * server and browser, and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
