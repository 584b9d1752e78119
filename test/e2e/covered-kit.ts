/**
 * "Does the docked panel hide a CRM control?" measured the same way by the page-shape e2e tests
 * (test/e2e/shapes-layout.e2e.ts) and the bench (test/bench/covered-controls.ts): the visible
 * interactive elements of every frame of the page (buttons, links, inputs, selects, textareas,
 * [role=button], focusable [tabindex], in open shadow roots too) whose centre, in the page's
 * viewport, lies inside the panel's box. All in CSS px of the top page, so the same numbers
 * hold under browser zoom.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Frame, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, chromiumArgs, type Browser } from './harness';

/**
 * Every page of the demo CRM an agent works in (the hostile/ pages are attacks, and
 * nav/iframe-form/iframe-cross/account-frame are parts of frameset.html, iframes.html and
 * account.html).
 */
export const DEMO_PAGES = [
  '/index.html',
  '/customer.html',
  '/main.html',
  '/frameset.html',
  '/iframes.html',
  '/widgets.html',
  '/spa.html#/customer',
  '/banner.html',
  '/gbk.html',
  '/heavy.html',
  '/shapes/shadow.html',
  '/shapes/frames.html',
  '/shapes/reopen.html',
  '/shapes/fixed.html',
  '/shapes/rtl.html',
  '/account.html',
  // The reply editors (built from npm by test/fixtures/crm/editors/build.mjs before use).
  '/editors/index.html',
  '/editors/ckeditor.html',
  '/editors/tinymce.html',
  '/editors/tinymce-iframe.html',
  '/editors/quill.html',
  '/editors/prosemirror.html',
  '/editors/lexical.html',
  '/editors/slate.html',
  '/editors/codemirror.html',
  '/editors/beforeinput.html',
  '/editors/closed-shadow.html',
];

export type Box = { x: number; y: number; width: number; height: number };
export type Control = { id: string; frame: string; cx: number; cy: number };

const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex="-1"])';

/** The visible interactive elements of one frame, centres in that frame's viewport. */
function controlsIn(frame: Frame): Promise<Control[]> {
  return frame.evaluate((sel) => {
    const out: Control[] = [];
    const walk = (scope: Document | ShadowRoot) => {
      for (const el of Array.from(scope.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches(sel) || el.tagName.startsWith('CUECARD-')) continue;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        // Only what is in this frame's viewport now: the rest is scrolled away, not covered.
        if (cx < 0 || cy < 0 || cx > innerWidth || cy > innerHeight) continue;
        out.push({ id: el.id || el.tagName.toLowerCase(), frame: location.href, cx, cy });
      }
    };
    walk(document);
    return out;
  }, INTERACTIVE);
}

/**
 * Where a frame's viewport starts in its parent's viewport, how far it reaches, and the scale
 * from the frame's CSS px to its parent's (not 1 when the parent is shown smaller with CSS zoom).
 */
async function contentBox(frame: Frame): Promise<(Box & { scale: number }) | null> {
  const el = await frame.frameElement().catch(() => null);
  if (!el) return null;
  const inner = await frame.evaluate(() => innerWidth).catch(() => 0);
  return el.evaluate((f: Element, innerWidth: number) => {
    const r = f.getBoundingClientRect();
    const cs = getComputedStyle(f);
    const frameEl = f as HTMLElement;
    const chrome = frameEl.offsetWidth - frameEl.clientWidth + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
    const scale = innerWidth > 0 ? r.width / (innerWidth + chrome) : 1;
    const x = r.left + (f.clientLeft + parseFloat(cs.paddingLeft)) * scale;
    const y = r.top + (f.clientTop + parseFloat(cs.paddingTop)) * scale;
    return { x, y, width: innerWidth * scale, height: (frameEl.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)) * scale, scale };
  }, inner);
}

/** Every control of the page in top-viewport coordinates, clipped by the frames they sit in. */
async function pageControls(page: Page, isPanel: (f: Frame) => boolean): Promise<Control[]> {
  const all: Control[] = [];
  for (const frame of page.frames()) {
    if (isPanel(frame) || frame.isDetached()) continue;
    let controls = await controlsIn(frame).catch(() => [] as Control[]);
    for (let f: Frame | null = frame; f?.parentFrame(); f = f.parentFrame()) {
      const box = await contentBox(f);
      if (!box) {
        controls = [];
        break;
      }
      controls = controls
        .map((c) => ({ ...c, cx: c.cx * box.scale, cy: c.cy * box.scale }))
        .filter((c) => c.cx >= 0 && c.cy >= 0 && c.cx <= box.width && c.cy <= box.height)
        .map((c) => ({ ...c, cx: c.cx + box.x, cy: c.cy + box.y }));
    }
    all.push(...controls);
  }
  return all;
}

/** The panel host's box in the top viewport (it lives in the top page or a frameset's frame). */
export async function panelBox(page: Page): Promise<Box> {
  for (const frame of page.frames()) {
    const box = await frame
      .evaluate(() => {
        const r = document.querySelector('cuecard-panel')?.getBoundingClientRect();
        return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
      })
      .catch(() => null);
    if (!box) continue;
    let b: Box = box;
    for (let f: Frame | null = frame; f?.parentFrame(); f = f.parentFrame()) {
      const c = await contentBox(f);
      if (c) b = { x: c.x + b.x * c.scale, y: c.y + b.y * c.scale, width: b.width * c.scale, height: b.height * c.scale };
    }
    return b;
  }
  throw new Error(`No Cuecard panel host on ${page.url()}`);
}

/** The controls whose centre lies under the panel (an empty list is the goal), and how many were seen. */
export async function coveredControls(page: Page, extensionId: string): Promise<{ covered: Control[]; seen: number; panel: Box }> {
  const isPanel = (f: Frame) => f.url().startsWith('chrome-extension://') || f.url().includes(extensionId);
  const panel = await panelBox(page);
  const controls = await pageControls(page, isPanel);
  const covered = controls.filter((c) => c.cx >= panel.x && c.cx <= panel.x + panel.width && c.cy >= panel.y && c.cy <= panel.y + panel.height);
  return { covered, seen: controls.length, panel };
}

type Tabs = {
  query(q: object): Promise<Array<{ id?: number; url?: string }>>;
  setZoomSettings(id: number, s: { scope: 'per-tab' }): Promise<void>;
  setZoom(id: number, zoom: number): Promise<void>;
};

/**
 * Real browser zoom (what Ctrl + does), set through the extension's own tabs API for this tab
 * only. Playwright's deviceScaleFactor changes the pixel density and leaves the CSS viewport as
 * it is; zoom shrinks the CSS viewport (1366 px at 200 % lays out 683 CSS px), which is what
 * squeezes a CRM beside the panel.
 */
export async function setZoom(worker: Worker, url: string, factor: number): Promise<void> {
  await worker.evaluate(
    async ([href, zoom]) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
      const tab = (await tabs.query({})).find((t) => t.url === href);
      if (tab?.id === undefined) throw new Error(`no tab at ${href}`);
      await tabs.setZoomSettings(tab.id, { scope: 'per-tab' });
      await tabs.setZoom(tab.id, zoom);
    },
    [url, factor] as const,
  );
}

/**
 * A browser whose pages have the window's own size (no viewport emulation), `width` px wide:
 * Playwright's viewport emulation pins the CSS viewport, so browser zoom would not shrink it.
 */
export async function launchWindowed(width: number, height = 800): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cuecard-zoom-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(), `--window-size=${width},${height}`],
    locale: 'zh-CN',
    viewport: null,
  });
  const isOurs = (w: Worker) => w.url().endsWith('/background.js');
  const worker = async () => context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 }));
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    worker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
