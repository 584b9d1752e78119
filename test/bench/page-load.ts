/**
 * Page loads with and without the extension, alternating. Per load: the navigation entry's
 * loadEventEnd − startTime, main-thread script time (CDP ScriptDuration), long tasks in the
 * page and in the panel frame, and (with the extension) when the panel appeared and became
 * ready, on the page's clock origin. Optionally the JS heap after a forced GC.
 */
import type { CDPSession, Page } from 'playwright-core';
import { panelFrame } from '../e2e/harness';
import { metrics, openTab, type Condition } from './browsers';
import type { LongTask, Probe } from './probe';
import { alternate, progress, sleep } from './stats';

export interface LoadSample {
  loadMs: number;
  /** The load event's end, absolute (ms since the epoch, like the long tasks' starts). */
  loadAt: number;
  scriptMs: number;
  pageLongTasks: LongTask[];
  panelLongTasks: LongTask[];
  panelFirstMs?: number;
  panelReadyMs?: number;
  heapUsed?: number;
  panelHeapUsed?: number;
}

/** After load (and the panel being ready), both conditions idle this long before readings. */
const SETTLE_MS = 300;

const probeOf = (p: Page | import('playwright-core').Frame) => p.evaluate(() => (window as unknown as { __ccBench: Probe }).__ccBench);

async function gcHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).heapUsed;
}

export async function loadOnce(c: Condition, url: string, opts: { heap?: boolean; activate?: boolean } = {}): Promise<LoadSample> {
  const { page, cdp } = await openTab(c, opts.activate ?? true);
  try {
    const before = await metrics(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { loadMs: n.loadEventEnd - n.startTime, loadEnd: n.loadEventEnd, origin: performance.timeOrigin };
    });
    const sample: LoadSample = { loadMs: nav.loadMs, loadAt: nav.origin + nav.loadEnd, scriptMs: 0, pageLongTasks: [], panelLongTasks: [] };
    let panelCdp: CDPSession | undefined;
    if (c.ext) {
      const frame = await panelFrame(page, c.ext.extensionId);
      await frame
        .waitForFunction(() => (window as unknown as { __ccBench?: Probe }).__ccBench?.panelReadyAt, null, { timeout: 15_000 })
        .catch(async (e) => {
          const host = await page.evaluate(() => document.querySelector('cuecard-panel')?.getAttribute('style'));
          const inner = await frame.evaluate(() => [
            innerWidth,
            innerHeight,
            matchMedia('(max-width: 120px)').matches,
            document.visibilityState,
            document.body.textContent,
          ]);
          throw new Error(`The panel never became ready on ${url}: ${JSON.stringify(await probeOf(frame))} ${JSON.stringify(inner)} host: ${host}`, {
            cause: e,
          });
        });
      const probe = await probeOf(frame);
      sample.panelFirstMs = probe.panelFirstAt - nav.origin;
      sample.panelReadyMs = probe.panelReadyAt - nav.origin;
      await sleep(SETTLE_MS);
      sample.panelLongTasks = (await probeOf(frame)).longTasks;
      if (opts.heap) {
        panelCdp = await c.context.newCDPSession(frame);
        await panelCdp.send('Performance.enable');
        sample.panelHeapUsed = await gcHeap(panelCdp);
      }
    } else {
      await sleep(SETTLE_MS);
    }
    sample.scriptMs = (await metrics(cdp)).scriptMs - before.scriptMs;
    sample.pageLongTasks = (await probeOf(page)).longTasks;
    if (opts.heap) sample.heapUsed = await gcHeap(cdp);
    await panelCdp?.detach();
    return sample;
  } finally {
    await page.close();
  }
}

export interface LoadRun {
  with: LoadSample[];
  without: LoadSample[];
}

/**
 * `rounds` measured pairs after `warmup` unmeasured ones; the order alternates every round.
 * Both conditions share one browser: each load first puts Cuecard in its state (openTab).
 */
export async function benchLoads(
  pair: { with: Condition; without: Condition },
  url: string,
  rounds: number,
  warmup = 2,
  opts: { heap?: boolean } = {},
): Promise<LoadRun> {
  const out: LoadRun = { with: [], without: [] };
  for (let i = 0; i < warmup + rounds; i++) {
    for (const c of alternate(i, pair.with, pair.without)) {
      const s = await loadOnce(c, url, opts);
      if (i >= warmup) out[c.name].push(s);
    }
    if (i >= warmup)
      progress(
        `  ${new URL(url).pathname} round ${i - warmup + 1}/${rounds}: with ${out.with.at(-1)!.loadMs.toFixed(0)} ms, without ${out.without.at(-1)!.loadMs.toFixed(0)} ms`,
      );
  }
  return out;
}
