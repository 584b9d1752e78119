import { defineConfig } from 'vitest/config';

// The bench's own pure parts (statistics, attribution, budgets, the pack generator):
//   npx vitest run --config test/bench/vitest.config.ts
export default defineConfig({
  test: { root: new URL('../..', import.meta.url).pathname, include: ['test/bench/**/*.test.ts'], environment: 'node' },
});
