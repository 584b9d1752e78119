/**
 * Launches Debian's Chromium with the built demo extension (`npm run build:demo`) and
 * serves the demo CRM on localhost. Each test file gets its own browser profile.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { startDemoServer } from '../demo/server.mjs';

export const EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/demo/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  worker(): Promise<Worker>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/** `extraExtensions`: more unpacked extensions to load beside Cuecard (the bench's switch). */
export function chromiumArgs(extensionPath = EXTENSION_PATH, extraExtensions: string[] = []): string[] {
  const paths = [extensionPath, ...extraExtensions].join(',');
  const args = [
    `--disable-extensions-except=${paths}`,
    `--load-extension=${paths}`,
    // The closed network refuses Chromium's background connections; don't make them.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--lang=zh-CN',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

/**
 * `keepWelcome`: leave the first-run welcome tab open (test/e2e/options.e2e.ts). Other suites
 * start on a fresh profile without it, as they did before it existed: a tab that opens on its
 * own, at a moment of its choosing, would take the focus from the page under test.
 */
export async function launch(
  opts: { userDataDir?: string; extensionPath?: string; locale?: string; extraExtensions?: string[]; keepWelcome?: boolean } = {},
): Promise<Browser> {
  const extensionPath = opts.extensionPath ?? EXTENSION_PATH;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build:demo\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'cuecard-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(extensionPath, opts.extraExtensions),
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  // Cuecard's worker is told apart from other extensions' by its script, then by its id; found
  // anew on each call, so a worker restarted (or the extension re-enabled) is the live one.
  const script = `/${(JSON.parse(readFileSync(join(extensionPath, 'manifest.json'), 'utf8')) as { background: { service_worker: string } }).background.service_worker}`;
  let extensionId = '';
  const ours = (w: Worker) => new URL(w.url()).pathname === script && (!extensionId || new URL(w.url()).host === extensionId);
  const worker = async () => context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }));
  extensionId = new URL((await worker()).url()).host;
  // Only a fresh profile is welcomed (lib/background/welcome.ts); builds from before the
  // welcome open none, so the wait is bounded.
  if (!opts.userDataDir && !opts.keepWelcome) {
    for (let waited = 0; waited < 8000; waited += 100) {
      const welcome = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/options.html#welcome`));
      if (welcome) {
        await welcome.close();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    context,
    extensionId,
    userDataDir,
    worker,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a frame URL is Cuecard's panel.html. The content script frames it at its dynamic URL
 * (`use_dynamic_url`: chrome-extension://<per-session uuid>/panel.html#<ticket>); Chromium 156
 * reports the frame's URL with the extension id all the same, a later one may report the uuid.
 */
export function isPanelUrl(url: string, extensionId: string): boolean {
  const m = /^chrome-extension:\/\/([^/]+)\/panel\.html(?:[?#]|$)/.exec(url);
  return !!m && (m[1] === extensionId || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(m[1]!));
}

/**
 * The panel's frame inside a CRM page (an extension page, cross-origin to the CRM): the one that
 * shows the panel, not a frame of panel.html that the background refused (attack tests make those).
 */
export async function panelFrame(page: Page, extensionId: string, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => isPanelUrl(f.url(), extensionId) && new URL(f.url()).hash.length > 1);
    if (frame && !frame.isDetached()) {
      try {
        await frame.waitForSelector('[data-testid="cc-panel"], [data-testid="cc-tab"]', { timeout: Math.max(1000, deadline - Date.now()) });
        return frame;
      } catch (err) {
        // The host was removed and re-attached (a page sweeping unknown elements): that frame is
        // gone, a new one is coming. Anything else is a real failure.
        if (!frame.isDetached()) throw err;
      }
    }
    await page.waitForTimeout(50);
  }
  // What there was instead, so a failure says where the chain broke (injection, mount, frame).
  const host = await page
    .evaluate(() => {
      const h = document.querySelector('cuecard-panel');
      return h ? `present, style "${h.getAttribute('style') ?? ''}"` : 'none';
    })
    .catch((e: Error) => e.message);
  throw new Error(
    `The Cuecard panel did not appear on ${page.url()} within ${timeout} ms: host element ${host}; frames ${page
      .frames()
      .map((f) => f.url())
      .join(', ')}`,
  );
}

export async function demoServer() {
  return startDemoServer({ port: 0, host: '127.0.0.1' });
}

/** Extension-origin page, e.g. to read the extension's IndexedDB through the background. */
export async function extensionPage(b: Browser, path = '/options.html'): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}${path}`);
  return page;
}

/**
 * Until the panel acts on real input: while its tab is in the background, covered, or for
 * 500 ms after it is fully shown again, the clickjacking guard holds clicks and keys
 * (lib/panel-page/visibility.ts marks it on the panel's root).
 */
export function inputOpen(panel: Frame): Promise<void> {
  return panel.locator('html[data-cc-input="open"]').waitFor({ state: 'attached', timeout: 10_000 });
}
