#!/usr/bin/env node
// The CLI is TypeScript (lib/cli) sharing the pack code with the extension. In a clone jiti
// runs the sources without a build step; an installed package (npm pack / npm install) has
// no sources and no devDependencies, and runs the bundle scripts/build-package.mjs made.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inClone = existsSync(new URL('../lib/cli/main.ts', import.meta.url));
let main, nodeContext;
if (inClone) {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url);
  ({ main } = await jiti.import('../lib/cli/main.ts'));
  ({ nodeContext } = await jiti.import('../lib/cli/context.ts'));
} else {
  ({ main, nodeContext } = await import('../dist/cuecard.mjs'));
}
// Installed, the files the CLI reads (the default pack, …) sit under dist/ at their repository paths.
process.exitCode = await main(process.argv.slice(2), nodeContext(inClone ? root : `${root}dist/`));
