/**
 * A stand-in for the Studio page in pick.e2e.ts: an empty page on its own origin (the Studio
 * address set in options) that speaks the bridge's window-message protocol
 * (lib/pick/bridge-types.ts) as Studio's Anchors pane does, and keeps every message it receives
 * so the test can check that no CRM value ever reaches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

export async function studioServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Studio stand-in</title></head><body><h1>Studio</h1></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((r) => server.close(() => r())) };
}

/** Collect every window message the page receives, from the start of each document. */
export async function recordMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __received: unknown[] };
    w.__received = [];
    window.addEventListener('message', (e) => w.__received.push(e.data));
  });
}

export const received = (page: Page) => page.evaluate(() => JSON.stringify((window as unknown as { __received: unknown[] }).__received));

/** Post a bridge request from `page` and resolve with the reply (as Studio would). */
export function ask(page: Page, op: 'pick' | 'snapshot', kind: 'field' | 'control' = 'field'): Promise<{ ok: boolean; [k: string]: unknown }> {
  return page.evaluate(
    ([op, kind]) =>
      new Promise((resolve) => {
        const id = `r${Math.random().toString(36).slice(2)}`;
        window.addEventListener('message', function on(e) {
          const d = e.data as { bridge?: string; dir?: string; id?: string; reply?: unknown };
          if (d?.bridge !== 'cuecard-studio' || d.dir !== 'reply' || d.id !== id) return;
          window.removeEventListener('message', on);
          resolve(d.reply as { ok: boolean });
        });
        window.postMessage({ bridge: 'cuecard-studio', dir: 'request', id, op, kind }, location.origin);
      }),
    [op, kind] as const,
  );
}

/** The bridge content script announced itself (it runs on the Studio origin only). */
export const bridgeReady = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __received: Array<{ dir?: string }> }).__received.some((m) => m?.dir === 'ready'), undefined, {
    timeout: 15_000,
  });
