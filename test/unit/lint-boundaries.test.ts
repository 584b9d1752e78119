// The import boundaries of eslint.config.js, checked against code that breaks them: a zone
// that stopped matching (a renamed folder, a pattern typo) would otherwise pass silently.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const imports = (...specs: string[]) => specs.map((s, i) => `import * as m${i} from '${s}';\nexport const x${i} = m${i};`).join('\n');

describe('import boundaries', () => {
  it('keeps the pure core free of the browser, WXT, Dexie, Preact, components and tests', async () => {
    for (const file of ['lib/engine/x.ts', 'lib/pack/x.ts', 'lib/distribution/x.ts', 'lib/settings/x.ts']) {
      const found = await restricted(
        file,
        imports('wxt/browser', 'dexie', 'preact/hooks', 'zustand/vanilla', '@/components/actions', '../../test/demo/server.mjs'),
      );
      expect(found, file).toHaveLength(6);
    }
  });

  it('keeps components/ and test/ out of every lib/ folder, and test/ out of entrypoints and components', async () => {
    expect(await restricted('lib/messaging/x.ts', imports('../../components/actions', '@/components/App', '../../test/e2e/harness'))).toHaveLength(3);
    expect(await restricted('components/x.tsx', imports('../test/e2e/harness'))).toHaveLength(1);
    expect(await restricted('entrypoints/background/x.ts', imports('@/test/e2e/harness'))).toHaveLength(1);
  });

  it('keeps the options components on the OptionsApi, and test/ out of them', async () => {
    const found = await restricted(
      'components/options/X.tsx',
      imports('wxt/browser', '../../lib/messaging/client', '../../lib/panel-page/actions', '../../test/e2e/harness'),
    );
    expect(found).toHaveLength(4);
    expect(await restricted('components/options/X.tsx', imports('@/lib/options/api', 'preact/hooks'))).toEqual([]);
  });

  it('keeps content-script modules free of storage and UI frameworks', async () => {
    expect(await restricted('lib/page/x.ts', imports('dexie', 'preact'))).toHaveLength(2);
    expect(await restricted('lib/panel-host/x.ts', imports('wxt/browser'))).toHaveLength(1);
  });

  it('lets each zone import what it is for', async () => {
    expect(await restricted('lib/store/x.ts', imports('zustand/vanilla', '../engine/reduce'))).toEqual([]);
    expect(await restricted('lib/db/x.ts', imports('dexie'))).toEqual([]);
    expect(await restricted('components/x.tsx', imports('preact/hooks', '@/lib/store/use-store'))).toEqual([]);
    expect(await restricted('lib/engine/x.test.ts', imports('../../test/bench/pack-gen'))).toEqual([]);
  });
});
