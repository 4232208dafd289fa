import { defineConfig } from 'vitest/config';

/** Unit and component tests of the web app (`npm run test:web`). */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
