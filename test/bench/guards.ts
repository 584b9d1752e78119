/**
 * The cost of guarded controls and field checks (issue 13.1, 13.2) on the 10,000-row page, rules
 * declared against none, in the same page and browser (Cuecard switched off, so only this code
 * runs): lib/page/guard.ts bundled as the content script bundles it, injected into heavy.html,
 * and given the default pack's locked state (every guard locked, the account form's checks) or
 * an empty one. Figures: apply() on the heavy page, then the mutation burst (burst.ts's churn)
 * with the lock rings following it: churn tasks done, script time and long tasks, each way; and
 * the second after apply (the shadow-root sweep), script time and long tasks, each way.
 * The full extension's load ratio on heavy.html (page-load.ts) already runs with the default
 * pack's rules declared, since its demo site declares them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Condition } from './browsers';
import { metrics, openTab } from './browsers';
import { churn } from './burst';
import type { Probe } from './probe';
import type { Results } from './report';
import { alternate, median, round, sleep } from './stats';
import { guardState } from '../../lib/guards/guard-state';
import { guardWords } from '../../lib/guards/words';
import type { Pack } from '../../lib/pack/schema';

const ROOT = resolve(import.meta.dirname, '../..');

async function guardBundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(ROOT, 'lib/page/guard.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__ccGuardLib',
    target: 'chrome120',
  });
  return out.outputFiles[0]!.text;
}

type Run = {
  applyMs: number;
  settleScriptMs: number;
  settleLongTasks: number;
  tasks: number;
  scriptMs: number;
  longTasks: number;
  longestMs: number;
};

/** The probe's long tasks (any source in the page's process) between two absolute times. */
async function longTasksBetween(page: import('playwright-core').Page, from: number, to: number) {
  const all = await page.evaluate(() => (window as unknown as { __ccBench: Probe }).__ccBench.longTasks);
  return all.filter((t) => t.start + t.duration >= from && t.start <= to);
}

const SETTLE_MS = 1000;

async function once(c: Condition, url: string, code: string, state: unknown, burstMs: number): Promise<Run> {
  const { page, cdp } = await openTab(c);
  try {
    await page.goto(url, { waitUntil: 'load' });
    // As in the extension: the guards arrive after the load event (lib/background/inject.ts).
    const loaded = await metrics(cdp);
    const from = await page.evaluate(() => performance.timeOrigin + performance.now());
    await page.addScriptTag({ content: code });
    const applyMs = await page.evaluate((s) => {
      const lib = (window as unknown as { __ccGuardLib: typeof import('../../lib/page/guard') }).__ccGuardLib;
      const g = lib.createPageGuards(window, { held: () => undefined });
      (window as unknown as { __ccGuards: unknown }).__ccGuards = g;
      const t0 = performance.now();
      g.apply(s as Parameters<typeof g.apply>[0]);
      return performance.now() - t0;
    }, state);
    await sleep(SETTLE_MS); // the shadow-root sweep runs in slices after apply
    const settled = await metrics(cdp);
    const to = await page.evaluate(() => performance.timeOrigin + performance.now());
    const settleLong = await longTasksBetween(page, from, to);
    const run = await page.evaluate(churn, burstMs);
    await sleep(300); // the last batched redraw
    const after = await metrics(cdp);
    const burstLong = await longTasksBetween(page, run.from, run.to + 300);
    return {
      applyMs,
      settleScriptMs: settled.scriptMs - loaded.scriptMs,
      settleLongTasks: settleLong.length,
      tasks: run.tasks,
      scriptMs: after.scriptMs - settled.scriptMs,
      longTasks: burstLong.length,
      longestMs: Math.max(0, ...burstLong.map((t) => t.duration)),
    };
  } finally {
    await page.close();
  }
}

/**
 * `rounds` pairs, rules declared and none alternating (whatever else loads the machine hits
 * both alike); medians of the timings, totals of the long tasks.
 */
export async function guardFigures(without: Condition, base: string, burstMs = 5000, rounds = 3): Promise<Results> {
  const pack = JSON.parse(readFileSync(resolve(ROOT, 'public/packs/default.json'), 'utf8')) as Pack;
  const url = `${base}/heavy.html`;
  const declared = { ...guardState([pack], undefined, 'zh-CN'), top: url, words: guardWords('zh-CN') };
  const none = { sites: [], contact: false, words: guardWords('zh-CN') };
  const code = await guardBundle();
  const rules: Run[] = [];
  const noRules: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [state, into] of alternate(i, [declared, rules] as const, [none, noRules] as const)) into.push(await once(without, url, code, state, burstMs));
  }
  const med = (xs: Run[], k: keyof Run) => round(median(xs.map((x) => x[k])), 2);
  const total = (xs: Run[], k: keyof Run) => xs.reduce((a, x) => a + x[k], 0);
  return {
    guardRounds: rounds,
    guardApplyHeavyMs: med(rules, 'applyMs'),
    guardSettleScriptRulesMs: med(rules, 'settleScriptMs'),
    guardSettleScriptNoRulesMs: med(noRules, 'settleScriptMs'),
    guardSettleLongTasksRules: total(rules, 'settleLongTasks'),
    guardSettleLongTasksNoRules: total(noRules, 'settleLongTasks'),
    guardBurstTasksRules: med(rules, 'tasks'),
    guardBurstTasksNoRules: med(noRules, 'tasks'),
    guardBurstScriptRulesMs: med(rules, 'scriptMs'),
    guardBurstScriptNoRulesMs: med(noRules, 'scriptMs'),
    guardBurstLongTasksRules: total(rules, 'longTasks'),
    guardBurstLongTasksNoRules: total(noRules, 'longTasks'),
    guardBurstLongestRulesMs: round(Math.max(...rules.map((r) => r.longestMs))),
  };
}

/** Alone (Cuecard switched off in the bench's browser): npm run build:demo && npx jiti test/bench/guards.ts [--rounds=3] */
if (process.argv[1]?.endsWith('guards.ts')) {
  const { launchPair, snapshotBuild } = await import('./browsers');
  const { demoServer } = await import('../e2e/harness');
  const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
  const server = await demoServer();
  const snap = snapshotBuild();
  const pair = await launchPair(snap.dir);
  try {
    console.log(JSON.stringify(await guardFigures(pair.without, server.url, 5000, rounds), null, 2));
  } finally {
    await pair.close();
    snap.remove();
    await server.close();
  }
}
