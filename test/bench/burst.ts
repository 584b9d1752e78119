/**
 * Ten seconds of DOM churn on the demo CRM page, once with and once without the extension:
 * a page script adds and removes rows with inputs, rewrites text and attributes, and now and
 * then adds a node beside <body> (where the panel host lives, watched by lib/panel-host).
 * Each churn task is small (a few ms), so a long task in the window is someone else's.
 */
import { panelFrame } from '../e2e/harness';
import { metrics, openTab, type Condition } from './browsers';
import { startProfiler, stopProfiler, timeUnder } from './cpu-profile';
import type { LongTask, Probe } from './probe';
import { sleep } from './stats';

export interface BurstResult {
  /** Churn tasks the page completed: fewer with the extension would mean it slowed the page. */
  tasks: number;
  mutations: number;
  scriptMs: number;
  pageLongTasks: LongTask[];
  panelLongTasks: LongTask[];
  /** Content script time sampled during the burst (with the extension only). */
  contentScriptMs?: number;
  contentScriptLongestMs?: number;
}

/** Runs in the CRM page (main world). Resolves after `ms` with counts and the window's bounds. */
export function churn(ms: number): Promise<{ tasks: number; mutations: number; from: number; to: number }> {
  const box = document.createElement('div');
  box.id = 'bench-churn';
  document.body.append(box);
  const from = performance.timeOrigin + performance.now();
  const end = performance.now() + ms;
  let tasks = 0;
  let mutations = 0;
  return new Promise((resolve) => {
    const step = () => {
      if (performance.now() >= end) {
        box.remove();
        resolve({ tasks, mutations, from, to: performance.timeOrigin + performance.now() });
        return;
      }
      for (let i = 0; i < 20; i++) {
        const row = document.createElement('div');
        row.className = `row r${(tasks + i) % 7}`;
        row.textContent = `第 ${tasks} 批 row ${i}`;
        if (i % 5 === 0) row.append(Object.assign(document.createElement('input'), { value: String(i), name: `f${i}` }));
        box.append(row);
        mutations++;
      }
      while (box.childElementCount > 400) {
        box.firstElementChild!.remove();
        mutations++;
      }
      for (let i = 0; i < 10; i++) {
        const el = box.children[(tasks * 13 + i * 31) % box.childElementCount] as HTMLElement;
        el.setAttribute('data-x', String(tasks));
        el.firstChild!.textContent = `更新 ${tasks}.${i}`;
        mutations += 2;
      }
      if (tasks % 50 === 0) {
        const stray = document.createElement('span');
        document.documentElement.append(stray);
        stray.remove();
        mutations += 2;
      }
      tasks++;
      setTimeout(step, 0);
    };
    step();
  });
}

type Stamped = { longTasks: LongTask[] };
const within = (tasks: LongTask[], from: number, to: number) => tasks.filter((t) => t.start + t.duration >= from && t.start <= to);

export async function burstOnce(c: Condition, url: string, ms = 10_000): Promise<BurstResult> {
  const { page, cdp } = await openTab(c);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const frame = c.ext ? await panelFrame(page, c.ext.extensionId) : undefined;
    await frame?.waitForFunction(() => (window as unknown as { __ccBench?: Probe }).__ccBench?.panelReadyAt);
    await sleep(500);
    // Sampling costs both conditions alike; 1 ms keeps a 10 s profile small.
    await startProfiler(cdp, 1000);
    const before = await metrics(cdp);
    const run = await page.evaluate(churn, ms);
    const after = await metrics(cdp);
    const profile = await stopProfiler(cdp);
    const read = (f: typeof page | NonNullable<typeof frame>) => f.evaluate(() => (window as unknown as { __ccBench: Stamped }).__ccBench.longTasks);
    const result: BurstResult = {
      tasks: run.tasks,
      mutations: run.mutations,
      scriptMs: after.scriptMs - before.scriptMs,
      pageLongTasks: within(await read(page), run.from, run.to),
      panelLongTasks: frame ? within(await read(frame), run.from, run.to) : [],
    };
    if (c.ext) {
      const cs = timeUnder(profile, `chrome-extension://${c.ext.extensionId}/`);
      result.contentScriptMs = cs.totalMs;
      result.contentScriptLongestMs = cs.longestMs;
    }
    return result;
  } finally {
    await page.close();
  }
}
