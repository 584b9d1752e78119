/**
 * Everything measured in Chromium, in one pass over the one live browser, Cuecard switched on
 * ("with") and off ("without") before each sample (browsers.ts, switch.ts).
 */
import type { Pair } from './browsers';
import { burstOnce } from './burst';
import { profileLoad } from './cpu-profile';
import { attributeLongTasks, byLoadPhase } from './long-tasks';
import { benchLoads, loadOnce, type LoadSample } from './page-load';
import type { Results } from './report';
import { SETTLE_MS } from './switch';
import { benchTick } from './tick';
import { guardFigures } from './guards';
import { mb, median, pairedExcess, progress, ratioInterval, round, share } from './stats';

/** index.html and heavy.html loads per round of the others (see browserFigures). */
export const LIGHT_ROUNDS = 4;
export const HEAVY_ROUNDS = 2;

const med = (xs: LoadSample[], pick: (s: LoadSample) => number | undefined) => median(xs.map(pick).filter((x): x is number => x !== undefined));

/**
 * Median of with/without within each round: the two loads of a round ran seconds apart, so
 * this cancels slow drift in machine load that the ratio of the two medians does not.
 */
const pairedRatio = (run: { with: LoadSample[]; without: LoadSample[] }) => round(median(run.with.map((s, i) => s.loadMs / run.without[i]!.loadMs)), 3);

export async function browserFigures(pair: Pair, base: string, rounds: number, notes: string[]): Promise<Results> {
  const r: Results = {};
  const index = `${base}/index.html`;
  const heavy = `${base}/heavy.html`;
  // Each enable restarts Cuecard's process; its first panel (on index.html, not counted in the
  // loads below) is a cold boot, measured here on its own. The "with" loads then see the warm
  // process an agent has after the first CRM page of the day (switch.ts, firstPanel).
  const cold: LoadSample[] = [];
  pair.onFirstPanel(async () => {
    cold.push(await loadOnce(pair.with, index, { activate: false }));
  });

  progress(' index.html loads, alternating with / without');
  // Four times the rounds: a load of this small page takes ~150 ms, and how much one varies
  // on this machine puts the ratio of two 20-load medians ±6 % from run to run (the budget is
  // 5 %); the interval below shows what remains.
  const light = await benchLoads(pair, index, rounds * LIGHT_ROUNDS, 2, { heap: true });
  r.pageLoadWithMs = med(light.with, (s) => s.loadMs);
  r.pageLoadWithoutMs = med(light.without, (s) => s.loadMs);
  r.pageLoadRatio = round(r.pageLoadWithMs / r.pageLoadWithoutMs, 3);
  r.pageLoadPairedRatio = pairedRatio(light);
  [r.pageLoadRatioLow, r.pageLoadRatioHigh] = ratioInterval(
    light.with.map((s) => s.loadMs),
    light.without.map((s) => s.loadMs),
  ).map((x) => round(x, 3));
  r.panelFirstMs = med(light.with, (s) => s.panelFirstMs);
  r.panelReadyMs = med(light.with, (s) => s.panelReadyMs);
  r.pageHeapWithMB = mb(med(light.with, (s) => s.heapUsed));
  r.pageHeapWithoutMB = mb(med(light.without, (s) => s.heapUsed));
  r.panelHeapMB = mb(med(light.with, (s) => s.panelHeapUsed));
  r.scriptDurationLoadWithMs = med(light.with, (s) => s.scriptMs);
  r.scriptDurationLoadWithoutMs = med(light.without, (s) => s.scriptMs);

  progress(' heavy.html (10,000 rows) loads, alternating with / without');
  // One warm-up pair: a 10,000-row load takes seconds on a busy machine. Twice the rounds: one
  // load takes 4–9 s here, and at 20 rounds the ratio's 95 % interval was 0.97–1.33.
  const heavyRun = await benchLoads(pair, heavy, rounds * HEAVY_ROUNDS, 1);
  r.heavyPageLoadWithMs = med(heavyRun.with, (s) => s.loadMs);
  r.heavyPageLoadWithoutMs = med(heavyRun.without, (s) => s.loadMs);
  r.heavyPageLoadRatio = round(r.heavyPageLoadWithMs / r.heavyPageLoadWithoutMs, 3);
  r.heavyPageLoadPairedRatio = pairedRatio(heavyRun);
  [r.heavyPageLoadRatioLow, r.heavyPageLoadRatioHigh] = ratioInterval(
    heavyRun.with.map((s) => s.loadMs),
    heavyRun.without.map((s) => s.loadMs),
  ).map((x) => round(x, 3));
  r.heavyPanelReadyMs = med(heavyRun.with, (s) => s.panelReadyMs);
  r.scriptDurationHeavyWithMs = med(heavyRun.with, (s) => s.scriptMs);
  r.scriptDurationHeavyWithoutMs = med(heavyRun.without, (s) => s.scriptMs);
  // What the extension adds on a page with none of the pack's fields (issue 14.5: it must not
  // grow with the page). Paired per round: steadier than the difference of the two medians.
  r.scriptDurationHeavyExcessMs = pairedExcess(
    heavyRun.with.map((s) => s.scriptMs),
    heavyRun.without.map((s) => s.scriptMs),
  );

  // Profiled apart from the timed loads (sampling slows the page it samples).
  progress(' content script CPU profiles during index.html loads (with the extension)');
  const profiles: { totalMs: number; longestMs: number }[] = [];
  for (let i = 0; i < rounds; i++) profiles.push(await profileLoad(pair.with, index));
  r.contentScriptLoadMs = median(profiles.map((p) => p.totalMs));
  // The CPU time beside scriptDurationHeavyExcessMs: steadier than a load time on this machine.
  progress(' content script CPU profiles during heavy.html loads (with the extension)');
  const heavyProfiles: { totalMs: number; longestMs: number }[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(rounds / 2)); i++) heavyProfiles.push(await profileLoad(pair.with, heavy));
  r.contentScriptHeavyMs = median(heavyProfiles.map((p) => p.totalMs));

  progress(' 10 s mutation burst, with the extension');
  const burstWith = await burstOnce(pair.with, index);
  progress(' 10 s mutation burst, without');
  const burstWithout = await burstOnce(pair.without, index);
  r.burstTasksWith = burstWith.tasks;
  r.burstTasksWithout = burstWithout.tasks;
  r.burstScriptWithMs = burstWith.scriptMs;
  r.burstScriptWithoutMs = burstWithout.scriptMs;
  r.contentScriptBurstMs = burstWith.contentScriptMs;
  r.contentScriptLongestMs = Math.max(...profiles.map((p) => p.longestMs), ...heavyProfiles.map((p) => p.longestMs), burstWith.contentScriptLongestMs ?? 0);

  progress(' guards and field checks on heavy.html: rules declared vs none, load and burst');
  Object.assign(r, await guardFigures(pair.without, base));
  const burstPair = { with: [burstWith], without: [burstWithout] };
  const lt = attributeLongTasks([light, heavyRun, burstPair]);
  r.extensionLongTasks = lt.total;
  r.extensionLongTasksLoad = attributeLongTasks([light, heavyRun]).total;
  r.extensionLongTasksBurst = attributeLongTasks([burstPair]).total;
  const panelTasks = [...light.with, ...heavyRun.with, burstWith].flatMap((s) => s.panelLongTasks.map((t) => t.duration));
  r.panelLongTaskMaxMs = panelTasks.length ? Math.max(...panelTasks) : 0;
  r.extensionLongTasksPanelFrame = lt.panelFrame;
  r.extensionLongTasksPageAttributed = lt.pageAttributed;
  r.extensionLongTasksPageExcess = lt.pageExcess;
  r.pageExcessUncounted = lt.pageExcessRaw - lt.pageExcess;
  const groupNames = ['index.html loads', 'heavy.html loads', 'burst'];
  notes.push(
    `the page's own long tasks, with / without, and the sign test's p for an excess (counted if < 0.05): ` +
      lt.groups.map((g, i) => `${groupNames[i]} ${g.with} / ${g.without}, p = ${g.p.toPrecision(2)}${g.counted ? ' (counted)' : ''}`).join('; '),
  );
  r.pageOwnLongTasksWith = lt.pageOwnWith;
  r.pageOwnLongTasksWithout = lt.pageOwnWithout;
  // Where the page's own long tasks fall: before the load event's end they delay the load,
  // after it they hold up the agent's first clicks. Native work for a content script (its
  // isolated world, API bindings) is not under the script's URL in the CPU profile; these
  // counts, with against without, are what can show it.
  const phaseWith = byLoadPhase([...light.with, ...heavyRun.with]);
  const phaseWithout = byLoadPhase([...light.without, ...heavyRun.without]);
  r.pageLongTasksDuringLoadWith = phaseWith.duringLoad;
  r.pageLongTasksDuringLoadWithout = phaseWithout.duringLoad;
  r.pageLongTasksAfterLoadWith = phaseWith.afterLoad;
  r.pageLongTasksAfterLoadWithout = phaseWithout.afterLoad;
  if (lt.pageExcessRaw > 0 && r.contentScriptLongestMs < 50) {
    notes.push(
      `the page had ${lt.pageExcessRaw} more long task(s) with the extension than without (${lt.pageExcess} of them beyond chance), yet the content script's own code never ran 50 ms unbroken (longest ${round(r.contentScriptLongestMs)} ms); ` +
        `the page's own long tasks before the load event's end: ${phaseWith.duringLoad} with, ${phaseWithout.duringLoad} without; after it: ${phaseWith.afterLoad} with, ${phaseWithout.afterLoad} without`,
    );
  }

  const coldTasks = cold.flatMap((s) => s.panelLongTasks.map((t) => t.duration));
  r.coldPanelBoots = cold.length;
  r.coldPanelLongTasks = coldTasks.length;
  r.coldPanelBootsWithLongTask = cold.filter((s) => s.panelLongTasks.length > 0).length;
  r.coldPanelBootLongTaskShare = round(share(r.coldPanelBootsWithLongTask, cold.length), 3);
  if (cold.length < 32) notes.push(`only ${cold.length} cold panel boots: a full run (10 rounds) gives 32 or more`);
  r.coldPanelLongTaskMaxMs = coldTasks.length ? Math.max(...coldTasks) : 0;
  r.coldPanelReadyMs = med(cold, (s) => s.panelReadyMs);

  progress(' checklist tick → stored → shown, beside a raw IndexedDB put');
  const tick = await benchTick(pair.with, index, rounds);
  r.tickToShownMs = median(tick.shown);
  r.tickDomMs = median(tick.domMs);
  r.tickReplyMs = median(tick.replyMs);
  r.idbPutBaselineMs = median(tick.baseline);
  const sw = pair.switches();
  notes.push(
    `one browser: Cuecard was switched off ${sw.disabled} and on ${sw.enabled} times (chrome.management, test/bench/switch-ext), each sample after a ${SETTLE_MS} ms settle; ` +
      `${sw.primed} time(s) its background stored its sites (cuecardSites) only after the bench opened a blank tab`,
  );
  return r;
}
