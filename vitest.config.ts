import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit and component tests. Browser-level tests run from vitest.e2e.config.ts against the built extension.
export default defineConfig({
  plugins: [WxtVitest()],
  // Vitest 4 runs on Vite 8, which transforms with oxc (WXT's build still uses Vite 7 + esbuild).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/bench/**/*.test.ts',
      'test/hub/**/*.test.ts',
      'test/cli/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20000,
  },
});
