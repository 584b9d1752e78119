/**
 * Click on a checklist item → the run written to IndexedDB by the background → shown ticked.
 * Measured in the panel frame on its own clock, from the click event's timeStamp to the later
 * of (a) the item rendered ticked by the panel (its row gets `cc-item--done`; the checkbox
 * itself flips natively at once, so it proves nothing) and (b) the `run.put` reply arriving.
 * The reply is seen by wrapping chrome.runtime.sendMessage from outside (frame.evaluate), so
 * the production panel carries no test hook. Beside it, in the same browser and the same
 * loop: a raw IndexedDB put of the very run object the panel sent, in the service worker.
 */
import type { Frame, Worker } from 'playwright-core';
import { panelFrame } from '../e2e/harness';
import type { Condition } from './browsers';
import { sleep } from './stats';

const PROCEDURE = 'shift-prep';
const ITEM = 'workspace-tidy';

interface Put {
  sentAt: number;
  replyAt: number;
  run: unknown;
}
type TickWindow = { __ccTick: { puts: Put[]; onReply?: () => void } };

/** In the panel frame: record every run.put, when it went out and when its reply came back. */
function wrapSend() {
  type Api = { runtime: { sendMessage: (...args: unknown[]) => unknown } };
  const w = window as unknown as TickWindow & { chrome: Api; browser?: Api };
  if (w.__ccTick) return;
  w.__ccTick = { puts: [] };
  // WXT's `browser` is chrome in Chromium; wrap `browser` too in case a build polyfills it.
  for (const api of new Set([w.chrome, w.browser].filter((a): a is Api => !!a))) {
    const original = api.runtime.sendMessage;
    api.runtime.sendMessage = function (this: unknown, ...args: unknown[]) {
      const msg = args[0] as { type?: string; payload?: { run?: unknown } };
      const reply = original.apply(this, args);
      if (msg?.type === 'run.put' && reply instanceof Promise) {
        const put: Put = { sentAt: performance.now(), replyAt: 0, run: msg.payload?.run };
        w.__ccTick.puts.push(put);
        const done = (at: number) => {
          put.replyAt = at;
          w.__ccTick.onReply?.();
        };
        void reply.then(
          () => done(performance.now()),
          () => done(-1),
        );
      }
      return reply;
    };
  }
}

/** Arms the watch, then resolves once the next click's tick is shown and persisted. */
function armTick(item: string) {
  const w = window as unknown as TickWindow & { __ccArmed?: Promise<{ clickAt: number; domAt: number; replyAt: number; run: unknown }> };
  const box = document.querySelector(`[data-testid="cc-item-${item}"]`)!;
  const row = box.closest('li')!;
  const seen = w.__ccTick.puts.length;
  w.__ccArmed = new Promise((resolve, reject) => {
    let clickAt = 0;
    let domAt = 0;
    // Called on each event rather than polled, so the watch adds no work to the panel.
    const check = () => {
      const put = w.__ccTick.puts.slice(seen).find((p) => p.sentAt >= clickAt);
      if (put?.replyAt === -1) reject(new Error('run.put failed'));
      else if (clickAt && domAt && put?.replyAt) {
        w.__ccTick.onReply = undefined;
        resolve({ clickAt, domAt, replyAt: put.replyAt, run: put.run });
      }
    };
    w.__ccTick.onReply = check;
    box.addEventListener('click', (e) => void (clickAt = e.timeStamp), { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (!row.classList.contains('cc-item--done')) return;
      domAt = performance.now();
      mo.disconnect();
      check();
    });
    mo.observe(row, { attributes: true, attributeFilter: ['class'] });
  });
}

/** In the service worker: time one raw put of `json` into a database of our own. */
async function rawPut(json: string): Promise<number> {
  const g = globalThis as unknown as { __ccBaseline?: IDBDatabase };
  g.__ccBaseline ??= await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open('cuecard-bench-baseline', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('runs', { keyPath: 'id' });
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const run = JSON.parse(json);
  const t0 = performance.now();
  await new Promise((ok, fail) => {
    const tx = g.__ccBaseline!.transaction('runs', 'readwrite');
    tx.objectStore('runs').put(run);
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  return performance.now() - t0;
}

async function storedTicks(worker: Worker, runId: string): Promise<string[]> {
  return worker.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('cuecard');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const run = await new Promise<{ ticks?: Record<string, unknown> } | undefined>((ok, fail) => {
      const get = db.transaction('runs').objectStore('runs').get(id);
      get.onsuccess = () => ok(get.result);
      get.onerror = () => fail(get.error);
    });
    db.close();
    return Object.keys(run?.ticks ?? {});
  }, runId);
}

async function toggle(panel: Frame) {
  await panel.getByTestId(`cc-item-${ITEM}`).click();
}

export async function benchTick(c: Condition, url: string, rounds: number, warmup = 2) {
  if (!c.ext) throw new Error('benchTick needs the condition with Cuecard enabled');
  await c.activate();
  // Asked for at each use, never kept: after a re-enable the earlier worker handle is dead.
  const ext = c.ext;
  const worker = () => ext.worker();
  const page = await c.context.newPage();
  try {
    await page.goto(url);
    const panel = await panelFrame(page, c.ext.extensionId);
    await panel.getByTestId(`cc-start-${PROCEDURE}`).click();
    await panel.getByTestId(`cc-item-${ITEM}`).waitFor();
    await panel.evaluate(wrapSend);
    const shown: number[] = [];
    const domMs: number[] = [];
    const replyMs: number[] = [];
    const baseline: number[] = [];
    let runId = '';
    for (let i = 0; i < warmup + rounds; i++) {
      await panel.evaluate(armTick, ITEM);
      await toggle(panel);
      const t = await panel.evaluate(
        () => (window as unknown as { __ccArmed: Promise<{ clickAt: number; domAt: number; replyAt: number; run: { id: string } }> }).__ccArmed,
      );
      const base = await (await worker()).evaluate(rawPut, JSON.stringify(t.run));
      runId = t.run.id;
      if (i >= warmup) {
        shown.push(Math.max(t.domAt, t.replyAt) - t.clickAt);
        domMs.push(t.domAt - t.clickAt);
        replyMs.push(t.replyAt - t.clickAt);
        baseline.push(base);
      }
      // Untick (not measured) so the next click ticks again, and let its write finish.
      await toggle(panel);
      await panel.waitForFunction(
        (item) => !document.querySelector(`[data-testid="cc-item-${item}"]`)!.closest('li')!.classList.contains('cc-item--done'),
        ITEM,
      );
      await sleep(150);
    }
    // The tick must really have reached the database: tick once more and read it back.
    await toggle(panel);
    await sleep(500);
    const ticks = await storedTicks(await worker(), runId);
    if (!ticks.includes(ITEM)) throw new Error(`The tick of "${ITEM}" was not found in IndexedDB (run ${runId} has ticks ${JSON.stringify(ticks)})`);
    await (
      await worker()
    ).evaluate(() => {
      (globalThis as unknown as { __ccBaseline?: IDBDatabase }).__ccBaseline?.close();
      indexedDB.deleteDatabase('cuecard-bench-baseline');
    });
    return { shown, domMs, replyMs, baseline };
  } finally {
    await page.close();
  }
}
