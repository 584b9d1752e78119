#!/usr/bin/env node
// The CLI is TypeScript (lib/cli) sharing the pack code with the extension; jiti runs it
// without a build step.
import { createJiti } from 'jiti';
import { fileURLToPath } from 'node:url';

const jiti = createJiti(import.meta.url);
const { main } = await jiti.import('../lib/cli/main.ts');
const { nodeContext } = await jiti.import('../lib/cli/context.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
process.exitCode = await main(process.argv.slice(2), nodeContext(root));
