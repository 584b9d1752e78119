/**
 * Shared setup for the storage e2e suites (storage-runs, storage-privacy): one browser with the
 * demo build, the demo CRM, and helpers that read and write the extension's IndexedDB from its
 * service worker and send protocol messages from an extension frame.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';

/** The extension APIs these tests call inside the panel frame and the service worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  notifications: { create(...args: unknown[]): unknown };
};

export type StoredRun = { id: string; rev: number; ticks: Record<string, number>; label?: string; [k: string]: unknown };

export function storageKit() {
  let server: Awaited<ReturnType<typeof demoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await demoServer();
    browser = await launch();
    await sitesReady(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<{ page: Page; panel: Frame }> {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/index.html');
    return { page, panel: await panelFrame(page, browser.extensionId) };
  }

  /** Reads (or, with `put`, writes behind every panel's back) one record of the extension's IndexedDB in the worker. */
  async function db<T>(store: string, key: string, put?: unknown): Promise<T> {
    const worker = await browser.worker();
    return worker.evaluate(
      ([s, k, value]) =>
        new Promise<T>((ok, fail) => {
          const req = indexedDB.open('cuecard');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(s, value === undefined ? 'readonly' : 'readwrite');
            const r = value === undefined ? tx.objectStore(s).get(k) : tx.objectStore(s).put(value);
            tx.oncomplete = () => (req.result.close(), ok(r.result as T));
            tx.onerror = () => fail(tx.error);
          };
        }),
      [store, key, put] as const,
    );
  }

  /** How many records a store holds. */
  async function count(store: string): Promise<number> {
    const worker = await browser.worker();
    return worker.evaluate(
      (s) =>
        new Promise<number>((ok, fail) => {
          const req = indexedDB.open('cuecard');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const r = req.result.transaction(s).objectStore(s).count();
            r.onsuccess = () => (req.result.close(), ok(r.result));
          };
        }),
      store,
    );
  }

  return {
    get browser() {
      return browser;
    },
    open,
    db,
    count,
  };
}

/** The contact a panel shows: its switcher's selection ('' for the picker). */
export const shown = (panel: Frame) =>
  panel
    .locator('[data-testid="cc-runs"] select')
    .inputValue()
    .catch(() => '');

/** Sends one protocol message from a panel frame, as the panel's own code does. */
export function sendFrom<T>(panel: Frame, type: string, payload: unknown): Promise<T> {
  return panel.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const) as Promise<T>;
}
