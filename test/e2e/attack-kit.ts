/**
 * Shared by the framing attack suites: an attacker's site on another loopback origin
 * (127.0.0.2, where the demo build has no access and injects nothing), and what an attacker
 * frame of panel.html can see and do.
 */
import { createServer, type Server } from 'node:http';
import type { Frame, Page } from 'playwright-core';

/** Serves whatever HTML the test puts in `pages`, on http://127.0.0.2:<port>. */
export async function attackerSite() {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.2', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.2:${port}`,
    pages,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** An iframe of `src` laid exactly over where the genuine panel sits, nearly transparent, under a decoy. */
export function decoyPage(frames: { name: string; src: string }[]): string {
  const iframes = frames
    .map(
      (f) => `<iframe name="${f.name}" src="${f.src}" style="position:fixed;top:0;right:0;width:360px;height:100vh;border:0;opacity:0.01;z-index:2"></iframe>`,
    )
    .join('');
  return `<!doctype html><html><body style="margin:0"><button id="decoy" style="position:fixed;top:0;right:0;width:360px;height:100vh;z-index:1">Win a prize!</button>${iframes}</body></html>`;
}

/** The page's child frame of that name, once it has loaded (Playwright reaches into any frame). */
export async function childFrame(page: Page, name: string, timeout = 10_000): Promise<Frame> {
  for (const end = Date.now() + timeout; Date.now() < end; await page.waitForTimeout(50)) {
    const f = page.frames().find((x) => x.name() === name);
    if (f) return f;
  }
  throw new Error(`No frame named ${name} on ${page.url()}`);
}

type Ext = {
  chrome: {
    runtime: {
      sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }>;
      connect(o: { name: string }): { onDisconnect: { addListener(f: () => void): void }; onMessage: { addListener(f: (m: unknown) => void): void } };
    };
  };
};

/** What the background answers a frame that sends these requests itself (as compromised code in it would). */
export function requestsFrom(frame: Frame, requests: [string, object][]) {
  return frame.evaluate(
    (list) =>
      Promise.all(
        list.map(([type, payload]) =>
          (globalThis as unknown as Ext).chrome.runtime.sendMessage({ type, payload }).catch((e: Error) => ({ ok: false, error: e.message })),
        ),
      ),
    requests,
  );
}

/** Whether a port opened from this frame is still open after `ms` (the background drops unbound panels' ports) and what it heard. */
export function portFrom(frame: Frame, ms = 1500) {
  return frame.evaluate(
    (wait) =>
      new Promise<{ open: boolean; heard: number }>((done) => {
        const port = (globalThis as unknown as Ext).chrome.runtime.connect({ name: 'panel' });
        let open = true;
        let heard = 0;
        port.onDisconnect.addListener(() => (open = false));
        port.onMessage.addListener(() => heard++);
        setTimeout(() => done({ open, heard }), wait);
      }),
    ms,
  );
}

/** The probes a page can make for a URL: fetch, an image, an iframe's load and where it landed. */
export function probe(page: Page, url: string) {
  return page.evaluate(async (u) => {
    const fetched = await fetch(u).then(
      (r) => `status ${r.status}`,
      (e: Error) => `error ${e.name}`,
    );
    const img = await new Promise<string>((done) => Object.assign(new Image(), { onload: () => done('load'), onerror: () => done('error'), src: u }));
    const iframe = await new Promise<string>((done) => {
      const f = document.createElement('iframe');
      const t = setTimeout(() => done('no load event'), 5000);
      f.onload = () => (clearTimeout(t), done('load'));
      f.src = u;
      document.body.append(f);
    });
    return { fetched, img, iframe };
  }, url);
}
