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
    // One retry: on these shared two-core machines a real-browser test that races a tab switch or
    // a focus change has failed once in a full run and then passed alone (tools, hostile-page).
    // A real failure fails twice; vitest reports every retried test, so a flake stays visible.
    retry: 1,
  },
});
