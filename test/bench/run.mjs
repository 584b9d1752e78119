#!/usr/bin/env node
// Entry of `npm run bench` (after `npm run build:demo`). The bench is TypeScript, loaded with
// jiti like test/bench/search-bench.ts, so it runs on a fresh clone after `npm install`.
import { createJiti } from 'jiti';

const { main } = await createJiti(import.meta.url).import('./main.ts');
process.exit(await main(process.argv.slice(2)));
