/**
 * The panel frame's boot, measured alone: every main-thread task of the panel's renderer from
 * its navigation to "ready" (cc-panel loses cc-panel--loading) and for a second after, read
 * from a Chrome trace, so tasks under 50 ms are seen too (a longtask observer reports only
 * longer ones, and misses the navigation commit, which runs before it can be installed). Each
 * task's CPU (thread) time is given beside its wall time: on this shared 2-core machine the
 * gap is time the thread waited for a core, which no code change in the panel removes.
 *   npm run build:demo && npx jiti test/bench/panel-boot.ts [flags]
 *   --runs=N          measured boots per build (default 12)
 *   --cold            a fresh browser per boot: the panel's renderer, its code cache and font
 *                     lookups start cold (a browser start)
 *   --restart         the extension's process ended before each boot (its service worker stopped,
 *                     no page of it open): the panel and the worker start afresh in a warm
 *                     browser, as when npm run bench switches Cuecard off and on
 *   --extension=DIR   a demo build to measure; repeat it to compare builds, boot by boot
 *                     alternating (e.g. a copy of .output/demo/chrome-mv3 made before a change)
 *   --page=index.html the demo page to open
 *   --outline         trace every default category and print what fills the longest tasks
 *   --profile         V8 CPU samples too: which functions run in those tasks (inflates times)
 *   --poll            wait for ready the way test/bench/page-load.ts does (polling the frame)
 *   --tasks           list every task of 2 ms or more from navigation to a second after ready
 *   --save=DIR        write each run's trace there (opens in DevTools' Performance panel)
 * bootMarks and bootOnce are exported to trace a boot in another setting, e.g. the bench's own
 * switch (test/bench/browsers.ts): add bootMarks as an init script, then call bootOnce.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { demoServer, EXTENSION_PATH, launch, panelFrame, type Browser } from '../e2e/harness';
import { label, longest, outline, panelThread, phases, sampledFunctions, type Task, type TraceEvent } from './panel-boot-trace';
import { alternate, median, round, sleep } from './stats';

export interface Opts {
  profile: boolean;
  outline: boolean;
  poll: boolean;
  tasks: boolean;
  save?: string;
}
interface Reported {
  start: number;
  duration: number;
}
interface Run {
  commitMs: number;
  bootMs: number;
  bootCpuMs: number;
  afterMs: number;
  afterCpuMs: number;
  reported: Reported[];
  readyFromPanelNav: number;
  readyFromPageNav: number;
  lines: string[];
}

const READY_MARK = 'cc-boot-ready';
const AFTER_READY_US = 1_000_000;

/** Runs in every frame at document start. In the panel frame: its long tasks as the bench's probe sees them, and readiness. */
export function bootMarks(): void {
  if (location.protocol !== 'chrome-extension:' || location.pathname !== '/panel.html') return;
  const longTasks: { start: number; duration: number }[] = [];
  (window as unknown as { __ccLongTasks?: unknown }).__ccLongTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    const el = document.querySelector('[data-testid="cc-panel"]');
    if (!el || el.classList.contains('cc-panel--loading')) return;
    performance.mark('cc-boot-ready');
    // Said on the console, so the runner need not poll the frame (its polling would run on the measured thread).
    console.debug(`cc-boot-ready ${JSON.stringify({ panelNav: performance.timeOrigin, ready: performance.timeOrigin + performance.now() })}`);
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
}

export async function traced(cdp: CDPSession, opts: Opts, body: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  const cats = ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute', '__metadata'];
  if (opts.profile) cats.push('disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires', 'disabled-by-default-devtools.timeline');
  if (opts.outline) cats.push('*');
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: cats } });
  await body();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

class NoPanel extends Error {}
const isPanelUrl = (extensionId: string) => (url: string) => url.startsWith(`chrome-extension://${extensionId}/panel.html`);

/** Opens `url`, returns the panel's clock readings once it is ready, and its long tasks a second later. */
async function openUntilReady(page: Page, b: Browser, url: string, opts: Opts) {
  let onReady!: (t: { panelNav: number; ready: number }) => void;
  const ready = new Promise<{ panelNav: number; ready: number }>((r) => (onReady = r));
  page.on('console', (m) => {
    if (m.text().startsWith(`${READY_MARK} `)) onReady(JSON.parse(m.text().slice(READY_MARK.length + 1)) as { panelNav: number; ready: number });
  });
  await page.goto(url, { waitUntil: 'load' });
  if (opts.poll)
    await (await panelFrame(page, b.extensionId)).waitForFunction(() => document.querySelector('[data-testid="cc-panel"]:not(.cc-panel--loading)'));
  // A page loaded before the background injects into the site (just after install) gets no panel.
  for (let i = 0; !page.frames().some((f) => isPanelUrl(b.extensionId)(f.url())); i++) {
    if (i > 100) throw new NoPanel(`No panel frame on ${url}`);
    await sleep(50);
  }
  const times = await Promise.race([ready, sleep(15_000).then(() => Promise.reject(new Error(`The panel did not become ready on ${url}`)))]);
  const pageNav = await page.evaluate(() => performance.timeOrigin);
  await sleep(AFTER_READY_US / 1000);
  const frame = page.frames().find((f) => isPanelUrl(b.extensionId)(f.url()));
  const reported = (await frame?.evaluate(() => (window as unknown as { __ccLongTasks: Reported[] }).__ccLongTasks)) ?? [];
  return { ...times, pageNav, reported };
}

export async function bootOnce(b: Browser, url: string, opts: Opts): Promise<Run> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    let r!: Awaited<ReturnType<typeof openUntilReady>>;
    const events = await traced(cdp, opts, async () => {
      r = await openUntilReady(page, b, url, opts);
    });
    if (opts.save) writeFileSync(join(opts.save, `panel-boot-${Date.now()}.json`), JSON.stringify({ traceEvents: events }));
    const readyMs = r.ready - r.panelNav;
    const th = panelThread(events, READY_MARK, readyMs);
    const ph = phases(events, th, AFTER_READY_US);
    const all = [...ph.commit, ...ph.boot, ...ph.after];
    const lines = r.reported.map((lt) => {
      // The frame's clock → the trace's, through the ready mark seen on both.
      const at = th.ready + (lt.start - readyMs) * 1000;
      // The longest trace task overlapping the reported one (clocks agree to about a millisecond).
      const overlapping = all.filter((t) => t.start < at + lt.duration * 1000 && t.start + t.dur > at);
      const near = overlapping.reduce((a, t) => (t.dur > a.dur ? t : a), overlapping[0] ?? { start: at, dur: 0 });
      return `  reported by the frame: ${lt.duration.toFixed(0)} ms at +${lt.start.toFixed(0)} ms ≈ trace task of ${(near.dur / 1000).toFixed(1)} ms: ${label(events, th, near)}`;
    });
    const describe = (t: Task) => [
      `  task of ${(t.dur / 1000).toFixed(1)} ms${cpu(t)} at ${at(t)}: ${label(events, th, t)}`,
      ...(opts.outline ? outline(events, th, t).map((l) => `    ${l}`) : []),
      ...sampledFunctions(events, th, t).map(([f, n]) => `    sampled ${String(n).padStart(4)}  ${f}`),
    ];
    const at = (t: Task) => `+${((t.start - th.start) / 1000).toFixed(0)} ms`;
    const cpu = (t: Task) => (t.cpu === undefined ? '' : ` (cpu ${(t.cpu / 1000).toFixed(1)})`);
    if (opts.tasks)
      lines.push(
        ...all
          .filter((t) => t.dur >= 2000)
          .map(
            (t) =>
              `  ${at(t).padStart(8)} ${(t.dur / 1000).toFixed(1).padStart(6)} ms${cpu(t)} ${t.start > th.ready ? '(after ready) ' : ''}${label(events, th, t)}`,
          ),
      );
    lines.push(
      ...[...all]
        .sort((a, b) => b.dur - a.dur)
        .slice(0, opts.outline || opts.profile ? 6 : 2)
        .flatMap(describe),
    );
    const boot = longest(ph.boot);
    const after = longest(ph.after);
    return {
      commitMs: longest(ph.commit).ms,
      bootMs: boot.ms,
      bootCpuMs: boot.cpuMs,
      afterMs: after.ms,
      afterCpuMs: after.cpuMs,
      reported: r.reported,
      readyFromPanelNav: readyMs,
      readyFromPageNav: r.ready - r.pageNav,
      lines,
    };
  } finally {
    await page.close();
  }
}

/** One boot, retried while the background has not injected into the demo site yet. */
async function measured(b: Browser, url: string, opts: Opts): Promise<Run> {
  for (let tries = 0; ; tries++) {
    try {
      return await bootOnce(b, url, opts);
    } catch (err) {
      if (!(err instanceof NoPanel) || tries > 10) throw err;
    }
  }
}

/**
 * Stops every service worker (through CDP) while no extension page is open, so the extension's
 * renderer process exits and the next panel boots in a new one, with its worker starting too:
 * what npm run bench gets by switching Cuecard off and on between loads.
 */
async function restartExtensionProcess(b: Browser): Promise<void> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await page.close();
  }
  await sleep(500);
}

async function open(extensionPath: string): Promise<Browser> {
  const b = await launch({ extensionPath });
  await b.context.addInitScript(bootMarks);
  return b;
}

const stat = (xs: number[]) => `median ${round(median(xs), 1)}, max ${round(Math.max(...xs), 1)}`;

function summary(build: string, runs: Run[]): string[] {
  const reported = runs.flatMap((r) => r.reported.map((t) => t.duration));
  return [
    `${build} (${runs.length} runs)`,
    `  longest task, first script → ready (ms): ${stat(runs.map((r) => r.bootMs))}; its CPU time: ${stat(runs.map((r) => r.bootCpuMs))}`,
    `  longest task in the second after ready (ms): ${stat(runs.map((r) => r.afterMs))}; its CPU time: ${stat(runs.map((r) => r.afterCpuMs))}`,
    `  longest task before the first script (navigation commit, Chromium's) (ms): ${stat(runs.map((r) => r.commitMs))}`,
    `  long tasks the frame itself reported (what the bench counts): ${reported.length}${reported.length ? `, max ${Math.max(...reported).toFixed(0)} ms` : ''}`,
    `  ready from the panel's navigation start (ms): ${stat(runs.map((r) => r.readyFromPanelNav))}`,
    `  ready from the page's navigation start (ms): ${stat(runs.map((r) => r.readyFromPageNav))}`,
  ];
}

export async function benchPanelBoot(argv: string[]): Promise<void> {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const runs = Number(flag('runs') ?? 12);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${flag('runs')}`);
  const opts: Opts = {
    profile: argv.includes('--profile'),
    outline: argv.includes('--outline'),
    poll: argv.includes('--poll'),
    tasks: argv.includes('--tasks'),
    save: flag('save'),
  };
  if (opts.save) mkdirSync(opts.save, { recursive: true });
  const cold = argv.includes('--cold');
  const restart = argv.includes('--restart');
  const builds = argv.filter((a) => a.startsWith('--extension=')).map((a) => a.slice(12));
  if (!builds.length) builds.push(EXTENSION_PATH);
  const server = await demoServer();
  const url = `${server.url}/${flag('page') ?? 'index.html'}`;
  const load0 = loadavg()[0]!;
  const out = new Map<string, Run[]>(builds.map((d) => [d, []]));
  const report = (build: string, r: Run) => {
    out.get(build)!.push(r);
    console.log(
      `${basename(build)} run ${out.get(build)!.length}: first script → ready ${r.bootMs.toFixed(1)} ms (cpu ${r.bootCpuMs.toFixed(1)}), after ready ${r.afterMs.toFixed(1)} ms (cpu ${r.afterCpuMs.toFixed(1)}), commit ${r.commitMs.toFixed(1)} ms, reported ${r.reported.length}; ready ${r.readyFromPanelNav.toFixed(0)} ms (${r.readyFromPageNav.toFixed(0)} from the page's navigation)`,
    );
    for (const line of r.lines) console.log(line);
  };
  const warm = new Map<string, Browser>();
  try {
    if (!cold) {
      for (const d of builds) {
        warm.set(d, await open(d));
        // Two unmeasured boots: the first panel in a browser is the --cold case.
        for (let i = 0; i < 2; i++) await measured(warm.get(d)!, url, opts);
      }
    }
    for (let i = 0; i < runs; i++) {
      const order = builds.length === 2 ? alternate(i, builds[0]!, builds[1]!) : builds;
      for (const d of order) {
        if (restart) {
          await restartExtensionProcess(warm.get(d)!);
          report(d, await measured(warm.get(d)!, url, opts));
        } else if (!cold) report(d, await bootOnce(warm.get(d)!, url, opts));
        else {
          const b = await open(d);
          try {
            report(d, await measured(b, url, opts));
          } finally {
            await b.close();
          }
        }
      }
    }
    const mode = `${cold ? 'cold' : restart ? "extension's process restarted before each boot" : 'warm'}, ${opts.profile ? 'CPU sampling on (times inflated)' : 'no sampling'}${opts.outline ? ', all trace categories' : ''}`;
    console.log(`\n${url.slice(server.url.length + 1)}: ${mode}; load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`);
    for (const [d, rs] of out) console.log(summary(d, rs).join('\n'));
  } finally {
    for (const b of warm.values()) await b.close();
    await server.close();
  }
}

if (process.argv[1]?.endsWith('panel-boot.ts')) await benchPanelBoot(process.argv.slice(2));
