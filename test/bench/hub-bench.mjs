// Hub figures (test/bench/hub-bench.ts) on PGlite, and on PostgreSQL when DATABASE_URL is set.
// Usage: node test/bench/hub-bench.mjs [--quick] [--only=pglite|postgres]   → one JSON object on stdout.
import { createJiti } from 'jiti';

const { benchHub } = await createJiti(import.meta.url).import('./hub-bench.ts');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const out = await benchHub({ quick: process.argv.includes('--quick'), databaseUrl: process.env.DATABASE_URL, only });
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
process.exit(out.errors.length ? 1 : 0);
