#!/usr/bin/env node
// Entry of `npm run bench` (after `npm run build:demo`). The bench is TypeScript, loaded with
// jiti like test/bench/search-bench.ts, so it runs on a fresh clone after `npm install`.
import { createJiti } from 'jiti';

const { main } = await createJiti(import.meta.url).import('./main.ts');
const code = await main(process.argv.slice(2));
const { coveredControlsStep } = await createJiti(import.meta.url).import('./covered-controls.ts'); // issue 14.2: controls under the panel
const covered = await coveredControlsStep(process.argv.slice(2));
process.exit(code || covered);
