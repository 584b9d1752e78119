/**
 * Cuecard on and off inside one browser. "Without" is Cuecard disabled with
 * chrome.management.setEnabled, called from the worker of a second, bench-only extension
 * (switch-ext/: the "management" permission and an empty service worker). That extension is
 * loaded in both conditions, so whatever it costs cancels out.
 *
 * A switch is complete only when it has really taken effect: disabled, Cuecard's service
 * worker is gone; enabled, its worker runs again and its background is ready, i.e. it has
 * written the site patterns it injects into (a non-empty array under `cuecardSites` in
 * chrome.storage.session, lib/background/sites.ts), and its first panel has booted
 * (firstPanel). Then every activation, switched or not, idles the same SETTLE_MS, so no load
 * starts while switch work is still running.
 */
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Browser } from '../e2e/harness';
import { sleep } from './stats';

// Only what the evaluated functions below use, in the switch's and in Cuecard's worker.
declare const chrome: {
  management: { setEnabled(id: string, enabled: boolean): Promise<void>; get(id: string): Promise<{ enabled: boolean }> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};

export const SWITCH_EXTENSION = resolve(import.meta.dirname, 'switch-ext');
const SWITCH_SCRIPT = '/switch-worker.js';
const SITES_KEY = 'cuecardSites';
export const SETTLE_MS = 500;
const TIMEOUT_MS = 30_000;
const PRIME_AFTER_MS = 500;

export type CuecardState = 'enabled' | 'disabled';
/** 'unknown': a switch was started and did not finish (it threw), so nothing can be assumed. */
export type KnownState = CuecardState | 'unknown';
export type Step = 'enable' | 'disable' | 'await-ready' | 'first-panel' | 'await-gone' | 'settle';

/** What bringing Cuecard from `current` to `wanted` takes. setEnabled is idempotent, so from 'unknown' it is simply redone. */
export function switchSteps(current: KnownState, wanted: CuecardState): Step[] {
  if (current === wanted) return ['settle'];
  return wanted === 'enabled' ? ['enable', 'await-ready', 'first-panel', 'settle'] : ['disable', 'await-gone', 'settle'];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, why: () => string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(50);
  }
  throw new Error(`${what} within ${TIMEOUT_MS / 1000} s: ${why()}`);
}

export class CuecardSwitch {
  state: KnownState = 'unknown';
  readonly switches: Record<CuecardState, number> = { enabled: 0, disabled: 0 };
  /** Times the background needed a blank tab before it stored its sites (awaitReady). */
  primed = 0;
  /**
   * Run once after each enable, before the settle: the first panel after Cuecard (re)started
   * boots in a fresh extension process, as an agent's first CRM page after the browser starts
   * or the extension updates. The bench measures it there (cold boots) so that the samples
   * that follow see the process as it is for the rest of the day: warm.
   */
  firstPanel: () => Promise<void> = async () => undefined;
  private readonly context: BrowserContext;

  constructor(private readonly cuecard: Browser) {
    this.context = cuecard.context;
  }

  private cuecardWorker(): Worker | undefined {
    return this.context.serviceWorkers().find((w) => new URL(w.url()).host === this.cuecard.extensionId);
  }

  /** The switch extension's worker, found anew each time (Playwright drops workers that stop). */
  private async control(): Promise<Worker> {
    const mine = (w: Worker) => new URL(w.url()).pathname === SWITCH_SCRIPT;
    const w =
      this.context.serviceWorkers().find(mine) ??
      (await this.context.waitForEvent('serviceworker', { predicate: mine, timeout: 15_000 }).catch(() => undefined));
    if (!w) throw new Error(`The bench switch extension's worker (${SWITCH_SCRIPT}) is not running: was ${SWITCH_EXTENSION} loaded?`);
    return w;
  }

  private async setEnabled(on: boolean) {
    const id = this.cuecard.extensionId;
    const now = await (
      await this.control()
    ).evaluate(
      async ([id, on]) => {
        await chrome.management.setEnabled(id, on);
        return (await chrome.management.get(id)).enabled;
      },
      [id, on] as const,
    );
    if (now !== on) throw new Error(`chrome.management.setEnabled(${id}, ${on}) left Cuecard ${now ? 'enabled' : 'disabled'}`);
  }

  /**
   * The background stores its sites on install and on the first tab event after its worker
   * starts (lib/background/inject.ts → currentSites), not when merely re-enabled. In
   * a real browser some tab has finished loading before the agent's next CRM page; here the
   * next page would be the measured one, so after a grace period the bench opens and closes
   * one blank tab for it. How often that was needed is reported (`primed`).
   */
  private async awaitReady() {
    let last = 'its service worker did not start';
    let since = 0;
    let blank: Page | undefined;
    try {
      await until(
        "Cuecard's background was not ready after being enabled",
        async () => {
          const w = this.cuecardWorker();
          if (!w) return undefined;
          const sites = await w.evaluate(async (key) => (await chrome.storage.session.get(key))[key], SITES_KEY).catch((e: Error) => `(${e.message})`);
          if (Array.isArray(sites) && sites.length > 0) return true;
          last = `chrome.storage.session "${SITES_KEY}" is ${JSON.stringify(sites)}, expected a non-empty array of match patterns (lib/background/sites.ts)`;
          since ||= Date.now();
          if (!blank && Date.now() - since > PRIME_AFTER_MS) {
            this.primed++;
            blank = await this.context.newPage();
          }
          return undefined;
        },
        () => last,
      );
    } finally {
      await blank?.close();
    }
  }

  private async awaitGone() {
    await until(
      'Cuecard was disabled but its service worker did not stop',
      async () => (this.cuecardWorker() ? undefined : true),
      () => `still running: ${this.cuecardWorker()?.url()}`,
    );
  }

  /** Puts Cuecard in `wanted` and lets the browser settle; every call idles the same time. */
  async activate(wanted: CuecardState): Promise<void> {
    const steps = switchSteps(this.state, wanted);
    if (steps.length > 1) this.state = 'unknown';
    for (const step of steps) {
      if (step === 'enable' || step === 'disable') await this.setEnabled(step === 'enable');
      else if (step === 'await-ready') await this.awaitReady();
      else if (step === 'first-panel') await this.firstPanel();
      else if (step === 'await-gone') await this.awaitGone();
      else await sleep(SETTLE_MS);
    }
    if (steps.length > 1) {
      this.state = wanted;
      this.switches[wanted]++;
    }
  }

  /** Right after launch Cuecard is enabled (it was installed); wait until its background is ready. */
  async start(): Promise<void> {
    await this.control();
    await this.awaitReady();
    this.state = 'enabled';
  }
}
