import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'web/**', 'test/e2e/**'],
    // Native engines (DuckDB, SQLite) and child processes are safest in forked workers.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
