/**
 * The cost of guarded controls and field checks (issue 13.1, 13.2) on the 10,000-row page, rules
 * declared against none, in the same page and browser (Cuecard switched off, so only this code
 * runs): lib/page/guard.ts bundled as the content script bundles it, injected into heavy.html,
 * and given the default pack's locked state (every guard locked, the account form's checks) or
 * an empty one. Figures: apply() on the heavy page, then the mutation burst (burst.ts's churn)
 * with the lock rings following it: churn tasks done, script time and long tasks, each way.
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
import { round, sleep } from './stats';
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

type Run = { applyMs: number; tasks: number; scriptMs: number; longTasks: number; longestMs: number };

async function once(c: Condition, url: string, code: string, state: unknown, burstMs: number): Promise<Run> {
  const { page, cdp } = await openTab(c);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: code });
    await sleep(300);
    const applyMs = await page.evaluate((s) => {
      const lib = (window as unknown as { __ccGuardLib: typeof import('../../lib/page/guard') }).__ccGuardLib;
      const g = lib.createPageGuards(window, { held: () => undefined });
      (window as unknown as { __ccGuards: unknown }).__ccGuards = g;
      const t0 = performance.now();
      g.apply(s as Parameters<typeof g.apply>[0]);
      return performance.now() - t0;
    }, state);
    const before = await metrics(cdp);
    const run = await page.evaluate(churn, burstMs);
    await sleep(300); // the last batched redraw
    const after = await metrics(cdp);
    const longTasks = (await page.evaluate(() => (window as unknown as { __ccBench: Probe }).__ccBench.longTasks)).filter(
      (t) => t.start + t.duration >= run.from && t.start <= run.to + 300,
    );
    return {
      applyMs,
      tasks: run.tasks,
      scriptMs: after.scriptMs - before.scriptMs,
      longTasks: longTasks.length,
      longestMs: Math.max(0, ...longTasks.map((t) => t.duration)),
    };
  } finally {
    await page.close();
  }
}

export async function guardFigures(without: Condition, base: string, burstMs = 5000): Promise<Results> {
  const pack = JSON.parse(readFileSync(resolve(ROOT, 'public/packs/default.json'), 'utf8')) as Pack;
  const url = `${base}/heavy.html`;
  const declared = { ...guardState([pack], undefined, 'zh-CN'), top: url, words: guardWords('zh-CN') };
  const none = { sites: [], contact: false, words: guardWords('zh-CN') };
  const code = await guardBundle();
  const rules = await once(without, url, code, declared, burstMs);
  const noRules = await once(without, url, code, none, burstMs);
  return {
    guardApplyHeavyMs: round(rules.applyMs, 2),
    guardBurstTasksRules: rules.tasks,
    guardBurstTasksNoRules: noRules.tasks,
    guardBurstScriptRulesMs: round(rules.scriptMs),
    guardBurstScriptNoRulesMs: round(noRules.scriptMs),
    guardBurstLongTasksRules: rules.longTasks,
    guardBurstLongTasksNoRules: noRules.longTasks,
    guardBurstLongestRulesMs: round(rules.longestMs),
  };
}
