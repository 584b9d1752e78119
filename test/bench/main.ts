/**
 * `npm run bench`: builds the demo extension (package.json), then measures it here and writes
 * bench-results.json at the repo root. Flags: --quick (skip the minutes-long search bench),
 * --strict (exit 1 when a budget fails), --rounds=N (timed rounds per figure, default 10),
 * --extension=DIR (measure another unpacked demo build, e.g. an older commit's).
 * Method and budgets: README, "Performance".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoServer } from '../e2e/harness';
import { chromiumVersion, launchPair, snapshotBuild } from './browsers';
import { browserFigures } from './browser-figures';
import { benchPackValidate } from './pack-validate';
import { BUDGETS, checkBudgets, formatTable, type Results } from './report';
import { bundleSizes } from './sizes';
import { progress, round } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');

export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const strict = argv.includes('--strict');
  const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 10);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a positive whole number, got "${argv.find((a) => a.startsWith('--rounds='))}"`);
  const results: Results = {};
  const notes: string[] = [];
  const errors: string[] = [];
  if (rounds < 10) notes.push(`--rounds=${rounds}: fewer than the 10 rounds the budgets are meant for`);
  const step = async (name: string, fn: () => Promise<void> | void) => {
    progress(name);
    try {
      await fn();
    } catch (err) {
      errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      progress(`  failed: ${errors.at(-1)}`);
    }
  };

  const extension = argv.find((a) => a.startsWith('--extension='))?.slice(12);
  if (extension) notes.push(`measured the build in ${extension}`);
  const build = snapshotBuild(extension && resolve(extension));
  try {
    await step('bundle sizes', () => {
      const { panelFiles, ...sizes } = bundleSizes(build.dir);
      Object.assign(results, sizes);
      notes.push(`panel bundle: ${panelFiles.join(', ')}`);
    });
    await step('parsePack on 1,000 procedures (Node)', () => {
      const r = benchPackValidate(1000, Math.max(rounds, 10));
      Object.assign(results, { ...r, packValidateRatio: round(r.packValidateMs / r.jsonParseBaselineMs) });
    });
    // Studio (issue 12): bundle size, time to interactive and compile-as-you-type on 1,000 procedures.
    await step('studio: bundle, time to interactive, keystroke → compile (1,000 procedures)', async () => {
      const { benchStudio } = await import('./studio-bench');
      const st = await benchStudio(Math.min(rounds, 5));
      for (const [k, v] of Object.entries(st)) results[k] = round(v);
      notes.push(
        `studio (1,000 procedures): bundle ${round(st.studioBundleKB)} KB (${round(st.studioBundleGzipKB)} KB gzip), time to interactive ${round(st.studioTtiMs1k)} ms, keystroke → compile shown ${round(st.studioKeystrokeCompileMs1k)} ms beside a plain compile ${round(st.studioPlainCompileMs1k)} ms (×${round(st.studioKeystrokeRatio)})`,
      );
    });
    await step('browsers: loads, long tasks, burst, panel, tick, heap', async () => {
      const pair = await launchPair(build.dir);
      const server = await demoServer();
      try {
        Object.assign(results, await browserFigures(pair, server.url, rounds, notes));
      } finally {
        await pair.close();
        await server.close();
      }
    });
  } finally {
    build.remove();
  }

  const hostKeys: string[] = [];
  const packHost = join(import.meta.dirname, 'pack-host.mjs');
  if (existsSync(packHost)) {
    await step('pack host (test/bench/pack-host.mjs)', async () => {
      const mod = (await import(pathToFileURL(packHost).href)) as { benchPackHost?: () => Promise<Record<string, unknown>> };
      if (typeof mod.benchPackHost !== 'function') throw new Error('pack-host.mjs does not export benchPackHost()');
      for (const [k, v] of Object.entries(await mod.benchPackHost())) {
        results[k] = typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
        hostKeys.push(k);
      }
    });
  } else notes.push('pack-host figures skipped: test/bench/pack-host.mjs is not there yet');

  // hubbench: hub figures on PGlite and PostgreSQL (test/bench/hub-bench.ts). Seeding 18 M summaries' roll-ups
  // dominates: ~3 min on PostgreSQL, over 10 on PGlite on a loaded 2-core machine; --quick is 10× smaller.
  await step('hub: ingestion, dashboard pages, memory (PGlite, PostgreSQL)', async () => {
    const { benchHub } = await import('./hub-bench.ts'); // not './hub-bench': that resolves to the .mjs runner, which exits
    const { hubFigures, hubNotes, postgresForBench } = await import('./hub-report');
    const pg = postgresForBench();
    if (pg.note) notes.push(pg.note);
    const out = await benchHub({ quick, databaseUrl: pg.url });
    Object.assign(results, hubFigures(out), { hubPages: JSON.stringify(Object.fromEntries(out.results.map((r) => [r.backend, r.pages]))) });
    notes.push(...hubNotes(out));
    errors.push(...out.errors);
  });

  if (quick) notes.push('--quick: search bench skipped (searchMs20k, fuseBaselineMs20k, searchRatio)');
  else {
    await step('palette search at 20,000 phrases (takes a few minutes)', async () => {
      const { benchSearch } = await import('./search-bench');
      const s = await benchSearch();
      Object.assign(results, { searchMs20k: s.searchMs20k, fuseBaselineMs20k: s.fuseBaselineMs20k, searchRatio: round(s.ratio), searchQueries: s.queries });
    });
  }

  const verdicts = checkBudgets(results);
  const report = {
    date: new Date().toISOString(),
    machine: { chromium: chromiumVersion(), node: process.version, cpus: cpus().length, loadavg: loadavg().map((x) => round(x)) },
    rounds,
    results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
    budgets: verdicts.map((v) => ({ ...v, max: BUDGETS.find((b) => b.key === v.key)!.max })),
    notes,
    errors,
  };
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(formatTable(results, verdicts, hostKeys));
  for (const n of notes) console.log(`note: ${n}`);
  for (const e of errors) console.log(`ERROR: ${e}`);
  const failed = verdicts.filter((v) => v.pass === false).map((v) => v.key);
  console.log(
    `\n${failed.length ? `Budgets failed: ${failed.join(', ')}` : 'All measured budgets pass.'} Written: bench-results.json (${report.machine.chromium}, load average ${report.machine.loadavg.join(' ')})`,
  );
  if (errors.length) return 1;
  return strict && failed.length ? 1 : 0;
}
