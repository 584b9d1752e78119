/**
 * Shared by the fault suites (faults-*.e2e.ts): one browser with the built demo extension per
 * file, and the ways they reach into it — the current service worker, the extension's
 * IndexedDB read with a connection of its own, stopping the worker as Chrome does, and the
 * demo-only storage fault hook (lib/db/faults.ts).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { currentTitle, procedure, startProcedure, step } from './flows';

export const shift = procedure('shift-prep');
export const title = (id: string) => step(shift, id).title['zh-CN'];

/** Registers the file's beforeAll/afterAll and returns the helpers, bound to its browser. */
export function faultKit() {
  let server: Awaited<ReturnType<typeof demoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await demoServer();
    browser = await launch({ extensionPath: process.env.CUECARD_EXTENSION_PATH });
    await sitesReady(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function until(check: () => Promise<boolean>, timeout = 15_000) {
    for (const end = Date.now() + timeout; !(await check()); await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > end) throw new Error(`Timed out waiting for ${check.toString().slice(0, 120)}`);
    }
  }

  /**
   * Evaluate in whichever service worker is current: it changes when the worker restarts, and
   * a call into a worker that is just stopping never settles, so each try has a deadline.
   */
  async function inWorker<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        const worker = await browser.worker();
        return await Promise.race([
          worker.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
          new Promise<never>((_, fail) => setTimeout(() => fail(new Error('The service worker did not answer in 5 s')), 5000)),
        ]);
      } catch (err) {
        if (i >= 10) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** A record of the extension's IndexedDB (or, without a key, the store's count), read with a connection of its own. */
  function fromDb<T>(store: string, key?: string): Promise<T> {
    return inWorker(
      ([name, k]) =>
        new Promise<T>((ok, fail) => {
          const req = indexedDB.open('cuecard');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const os = req.result.transaction(name).objectStore(name);
            const get = k === undefined ? os.count() : os.get(k);
            get.onsuccess = () => (req.result.close(), ok(get.result as T));
          };
        }),
      [store, key] as const,
    );
  }
  type StoredRun = { ticks: Record<string, number>; path: { stepId: string }[] };
  const storedRun = (id: string) => fromDb<StoredRun | undefined>('runs', id);
  const storedTicks = async (id: string) => Object.keys((await storedRun(id))?.ticks ?? {}).sort();

  async function open(path = '/index.html'): Promise<{ page: Page; panel: Frame }> {
    const page = await browser.context.newPage();
    await page.goto(server.url + path);
    return { page, panel: await panelFrame(page, browser.extensionId) };
  }

  async function ticked(panel: Frame): Promise<string[]> {
    const ids = await panel.locator('input[type=checkbox][data-testid^="cc-item-"]:checked').evaluateAll((els) => els.map((e) => e.id));
    return ids.map((id) => id.replace('cc-item-', '')).sort();
  }

  /** Starts a shift-prep run and returns its id (read from the stored settings). */
  async function startShift(panel: Frame): Promise<string> {
    await startProcedure(panel, shift.id);
    await expect.poll(() => currentTitle(panel)).toContain(title('environment'));
    const id = (await fromDb<{ value: { activeRunId: string } }>('kv', 'settings')).value.activeRunId;
    await expect.poll(() => storedRun(id)).toBeDefined();
    return id;
  }

  /**
   * Stops the extension's service worker as Chrome does when it idles: DevTools' own
   * ServiceWorker.stopWorker, from a session on an extension page (same origin as the worker).
   */
  async function stopWorker({ untilRestarted = false } = {}) {
    await inWorker(() => void ((globalThis as { stopped?: boolean }).stopped = true));
    const ext = await extensionPage(browser, '/pack.schema.json');
    const cdp = await browser.context.newCDPSession(ext);
    const versions = new Map<string, string[]>();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
      for (const v of list) versions.set(v.versionId, [...(versions.get(v.versionId) ?? []), v.runningStatus]);
    });
    await cdp.send('ServiceWorker.enable');
    await until(async () => [...versions.values()].some((s) => s.at(-1) === 'running'), 5000);
    const [versionId, before] = [...versions].find(([, s]) => s.at(-1) === 'running')!;
    const from = before.length;
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    // Open panels reconnect at once, so "stopped" may go by unreported: "starting" proves it too.
    await until(
      async () =>
        versions
          .get(versionId)!
          .slice(from)
          .some((s) => s === 'stopped' || s === 'starting'),
      5000,
    );
    // Open panels' ports start it again when they reconnect: wait for that if asked.
    if (untilRestarted) await until(async () => versions.get(versionId)!.at(-1) === 'running', 15_000);
    await ext.close();
  }
  const sameWorker = () => inWorker(() => (globalThis as { stopped?: boolean }).stopped === true);

  /** The demo build's fault hook (lib/db/faults.ts), in the service worker. */
  function inject(kind: 'failWrites' | 'failReads', count: number, name?: string) {
    type Hook = Record<typeof kind, (n: number, name?: string) => void>;
    return inWorker(([k, n, e]) => (globalThis as unknown as { __cuecardFaults: Hook }).__cuecardFaults[k](n, e), [kind, count, name] as const);
  }

  return {
    get browser() {
      return browser;
    },
    get server() {
      return server;
    },
    until,
    inWorker,
    fromDb,
    storedRun,
    storedTicks,
    open,
    ticked,
    startShift,
    stopWorker,
    sameWorker,
    inject,
  };
}
