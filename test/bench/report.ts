import { HUB_ROWS } from './hub-report';

/** Budgets, and the table `npm run bench` prints (and the README's Performance section shows). */

export type Results = Record<string, number | string | undefined>;

export interface Budget {
  key: string;
  max: number;
  label: string;
}

export const BUDGETS: Budget[] = [
  { key: 'contentScriptGzipBytes', max: 16 * 1024, label: '≤ 16 KB' }, // 15 KB before the guards (issue 13)
  { key: 'pageLoadRatio', max: 1.05, label: '≤ 1.05' },
  { key: 'heavyPageLoadRatio', max: 1.05, label: '≤ 1.05' },
  { key: 'extensionLongTasks', max: 0, label: '0' },
  { key: 'scriptDurationHeavyExcessMs', max: 20, label: '≤ 20 ms' },
  { key: 'coldPanelBootLongTaskShare', max: 0.05, label: '≤ 5 %' },
  { key: 'tickToShownMs', max: 16, label: '≤ 16 ms' },
];

export interface Verdict {
  key: string;
  value: number | undefined;
  label: string;
  /** undefined when the figure was not measured (e.g. --quick, or a sub-bench failed). */
  pass: boolean | undefined;
}

export function checkBudgets(results: Results): Verdict[] {
  return BUDGETS.map(({ key, max, label }) => {
    const v = results[key];
    const value = typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    return { key, value, label, pass: value === undefined ? undefined : value <= max };
  });
}

/** Rows of the table, in reading order: [key, unit, what it is]. */
export const ROWS: [string, string, string][] = [
  ['contentScriptGzipBytes', 'B', 'content scripts, gzip -9'],
  ['panelBundleGzipBytes', 'B', 'panel html + js + css, gzip -9'],
  ['backgroundGzipBytes', 'B', 'background worker, gzip -9'],
  ['pageLoadWithMs', 'ms', 'index.html load, with extension'],
  ['pageLoadWithoutMs', 'ms', 'index.html load, without'],
  ['pageLoadRatio', '×', 'with / without (ratio of the medians)'],
  ['pageLoadPairedRatio', '×', 'median of with / without in each round'],
  ['pageLoadRatioLow', '×', 'pageLoadRatio, 95 % bootstrap interval: low'],
  ['pageLoadRatioHigh', '×', '… high'],
  ['heavyPageLoadWithMs', 'ms', 'heavy.html (10,000 rows) load, with'],
  ['heavyPageLoadWithoutMs', 'ms', 'heavy.html load, without'],
  ['heavyPageLoadRatio', '×', 'with / without (ratio of the medians)'],
  ['heavyPageLoadPairedRatio', '×', 'median of with / without in each round'],
  ['heavyPageLoadRatioLow', '×', 'heavyPageLoadRatio, 95 % bootstrap interval: low'],
  ['heavyPageLoadRatioHigh', '×', '… high'],
  ['scriptDurationHeavyWithMs', 'ms', 'heavy.html main-thread script time, with (CDP ScriptDuration)'],
  ['scriptDurationHeavyWithoutMs', 'ms', 'heavy.html main-thread script time, without'],
  ['scriptDurationHeavyExcessMs', 'ms', 'what the extension adds there: median of with − without per round'],
  ['contentScriptHeavyMs', 'ms', 'content script main-thread time per heavy.html load (profiled)'],
  ['extensionLongTasks', '', 'long tasks > 50 ms from the extension (load + burst)'],
  ['extensionLongTasksPanelFrame', '', '… of which in the panel frame'],
  ['panelLongTaskMaxMs', 'ms', 'longest of those'],
  ['extensionLongTasksPageExcess', '', '… of which page tasks beyond the without arm (sign test)'],
  ['pageExcessUncounted', '', 'page tasks beyond the without arm within chance (not counted)'],
  ['coldPanelBoots', '', 'first panels after Cuecard started (fresh process), apart'],
  ['coldPanelLongTasks', '', 'long tasks > 50 ms in those panel frames'],
  ['coldPanelBootsWithLongTask', '', 'cold boots that had one'],
  ['coldPanelBootLongTaskShare', '', 'their share of the cold boots'],
  ['coldPanelLongTaskMaxMs', 'ms', 'longest of those'],
  ['coldPanelReadyMs', 'ms', 'navigation start → panel ready, cold'],
  ['contentScriptLoadMs', 'ms', 'content script main-thread time per load (profiled)'],
  ['contentScriptLongestMs', 'ms', 'its longest unbroken stretch (index loads, burst)'],
  ['contentScriptBurstMs', 'ms', 'content script time during the 10 s mutation burst'],
  ['burstTasksWith', '', 'page churn tasks done in 10 s, with'],
  ['burstTasksWithout', '', 'page churn tasks done in 10 s, without'],
  // guards (issue 13.1, 13.2): test/bench/guards.ts
  ['guardRounds', '', 'guards: pairs of heavy.html loads, rules declared / none, alternating'],
  ['guardApplyHeavyMs', 'ms', 'guards + field checks: apply() on heavy.html, rules declared'],
  ['guardSettleScriptRulesMs', 'ms', 'page script time from load to 1 s after apply, rules declared'],
  ['guardSettleScriptNoRulesMs', 'ms', 'the same, no rules'],
  ['guardSettleLongTasksRules', '', 'long tasks in that window, rules declared (all rounds)'],
  ['guardSettleLongTasksNoRules', '', 'long tasks in that window, no rules (all rounds)'],
  ['guardBurstTasksRules', '', 'heavy.html churn tasks in 5 s, guards locked + checks'],
  ['guardBurstTasksNoRules', '', 'heavy.html churn tasks in 5 s, no rules'],
  ['guardBurstScriptRulesMs', 'ms', 'page script time in that burst, rules declared'],
  ['guardBurstScriptNoRulesMs', 'ms', 'page script time in that burst, no rules'],
  ['guardBurstLongTasksRules', '', 'long tasks in that burst, rules declared'],
  ['guardBurstLongTasksNoRules', '', 'long tasks in that burst, no rules'],
  ['guardBurstLongestRulesMs', 'ms', 'longest of them, rules declared'],
  ['panelFirstMs', 'ms', 'navigation start → panel element exists'],
  ['panelReadyMs', 'ms', 'navigation start → panel ready (state loaded, content shown)'],
  ['tickToShownMs', 'ms', 'click → shown ticked and stored'],
  ['tickDomMs', 'ms', 'click → shown ticked'],
  ['idbPutBaselineMs', 'ms', 'raw IndexedDB put of the same run'],
  ['packValidateMs', 'ms', 'parsePack, 1,000 procedures'],
  ['jsonParseBaselineMs', 'ms', 'JSON.parse of the same text'],
  ['pageHeapWithMB', 'MB', 'CRM page JS heap, with (incl. content script)'],
  ['pageHeapWithoutMB', 'MB', 'CRM page JS heap, without'],
  ['panelHeapMB', 'MB', 'panel frame JS heap'],
  ['searchMs20k', 'ms', 'palette search, 20,000 phrases, per query'],
  ['fuseBaselineMs20k', 'ms', 'Fuse.js, same corpus and queries'],
  ['searchRatio', '×', 'Fuse / ours'],
  // hubbench: the hub at 10,000 agents (test/bench/hub-bench.ts)
  ...HUB_ROWS,
];

const show = (v: number | string | undefined) => (v === undefined ? '—' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v);

/** A Markdown table: it reads in a terminal and pastes into the README as is. */
export function formatTable(results: Results, verdicts: Verdict[], extraKeys: string[] = []): string {
  const budgetOf = new Map(verdicts.map((v) => [v.key, v]));
  const rows = [...ROWS, ...extraKeys.map((k): [string, string, string] => [k, '', 'pack host (test/bench/pack-host.mjs)'])];
  const lines = ['| figure | value | unit | what | budget | ok |', '| --- | ---: | --- | --- | --- | --- |'];
  for (const [key, unit, what] of rows) {
    const b = budgetOf.get(key);
    const ok = !b ? '' : b.pass === undefined ? 'not measured' : b.pass ? 'pass' : 'FAIL';
    lines.push(`| ${key} | ${show(results[key])} | ${unit} | ${what} | ${b?.label ?? ''} | ${ok} |`);
  }
  return lines.join('\n');
}
