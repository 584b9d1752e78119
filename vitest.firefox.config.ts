import { defineConfig } from 'vitest/config';

// The Firefox subset: Debian's firefox-esr over WebDriver BiDi with the Firefox demo build
// (`npm run build:demo:firefox`), one file at a time like the Chromium e2e suite.
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.ff.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
