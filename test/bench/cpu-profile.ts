/**
 * Main-thread time of the content script, read from a V8 CPU profile of the CRM page's
 * renderer. The content script runs there (in an isolated world of the same isolate), so
 * sampled stacks that pass through a chrome-extension:// script are its time — including the
 * browser APIs and DOM work it calls, which show as native frames below it.
 */
import type { CDPSession } from 'playwright-core';
import { panelFrame } from '../e2e/harness';
import { openTab, type Condition } from './browsers';
import type { Probe } from './probe';
import { median, sleep } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Sampled ms under `urlPrefix`, and the longest unbroken stretch of such samples. A sample
 * stands for the time until the next one, capped at 10× the typical gap: on a loaded machine
 * the whole renderer can be descheduled between two samples, and that wait is not the
 * script's doing.
 */
export function timeUnder(profile: CpuProfile, urlPrefix: string): { totalMs: number; longestMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const inside = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const yes = byId.get(id)!.callFrame.url.startsWith(urlPrefix) || (up !== undefined && inside(up));
    memo.set(id, yes);
    return yes;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const gaps = samples.map((_, i) => (i + 1 < deltas.length ? deltas[i + 1]! : 0));
  const cap = 10 * median(gaps.filter((g) => g > 0));
  let totalUs = 0;
  let runUs = 0;
  let longestUs = 0;
  samples.forEach((id, i) => {
    const us = Math.min(gaps[i]!, cap);
    if (inside(id)) {
      totalUs += us;
      runUs += us;
      longestUs = Math.max(longestUs, runUs);
    } else runUs = 0;
  });
  return { totalMs: totalUs / 1000, longestMs: longestUs / 1000 };
}

export async function startProfiler(cdp: CDPSession, intervalUs: number): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

export async function stopProfiler(cdp: CDPSession): Promise<CpuProfile> {
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  return profile as CpuProfile;
}

/** One load of `url` with the extension, profiled from navigation to the panel being ready. */
export async function profileLoad(c: Condition, url: string): Promise<{ totalMs: number; longestMs: number }> {
  if (!c.ext) throw new Error('profileLoad needs the condition with Cuecard enabled');
  const { page, cdp } = await openTab(c);
  try {
    // 100 µs: the content script's whole load-time work is a few tens of ms.
    await startProfiler(cdp, 100);
    await page.goto(url, { waitUntil: 'load' });
    const frame = await panelFrame(page, c.ext.extensionId);
    await frame.waitForFunction(() => (window as unknown as { __ccBench?: Probe }).__ccBench?.panelReadyAt);
    await sleep(300);
    return timeUnder(await stopProfiler(cdp), `chrome-extension://${c.ext.extensionId}/`);
  } finally {
    await page.close();
  }
}
