import { defineConfig } from 'vitest/config';

// Browser-level tests: real Chromium with the built demo extension, one file at a time
// (each launches its own browser; these machines have two cores).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
