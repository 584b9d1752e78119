/**
 * The docked panel hides no CRM control (issue 14.2): on every demo page, at 1024, 1280 and
 * 1366 px and at 200 % browser zoom, no visible interactive element has its centre under the
 * panel (test/e2e/covered-kit.ts). Fixed and sticky headers, toolbars and dialogs anchored to the
 * panel's edge stay visible and clickable, a dialog the page opens later too, and collapsing
 * the panel puts their styles back exactly; a right-to-left page docks the panel on the left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { coveredControls, DEMO_PAGES, launchWindowed, panelBox, setZoom } from './covered-kit';
import { buildEditorPages } from '../bench/covered-controls';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const WAIT = { timeout: 10_000 };

beforeAll(async () => {
  buildEditorPages(); // the editor pages are demo pages too
  server = await demoServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A demo page at `width` px (and browser zoom `zoom`), its panel docked open. */
async function docked(path: string, width: number, zoom = 1, b = browser): Promise<{ page: Page; panel: Frame }> {
  const page = await b.context.newPage();
  if (zoom === 1) await page.setViewportSize({ width, height: 800 });
  await page.goto(server.url + path);
  if (zoom !== 1) {
    await setZoom(await b.worker(), page.url(), zoom);
    await expect.poll(() => page.evaluate(() => Math.round(innerWidth)), WAIT).toBe(Math.round(width / zoom));
  }
  const panel = await panelFrame(page, b.extensionId);
  // Open it if an earlier test left it collapsed (a click on a tab mid-swap is simply repeated).
  await expect
    .poll(async () => {
      if (await panel.getByTestId('cc-panel').isVisible()) return true;
      await panel
        .getByTestId('cc-tab')
        .click({ timeout: 1000 })
        .catch(() => undefined);
      return false;
    }, WAIT)
    .toBe(true);
  return { page, panel };
}

const SIZES = [
  { width: 1024, zoom: 1 },
  { width: 1280, zoom: 1 },
  { width: 1366, zoom: 1 },
  { width: 1366, zoom: 2 },
];

describe('controls under the docked panel', () => {
  for (const { width, zoom } of SIZES) {
    it(`none on any demo page at ${width} px, ${zoom * 100} % zoom`, async () => {
      // Zoom is the browser's own (tabs.setZoom), in a window of that width: see setZoom.
      const b = zoom === 1 ? browser : await launchWindowed(width);
      const found: Record<string, string[]> = {};
      for (const path of DEMO_PAGES) {
        const { page } = await docked(path, width, zoom, b);
        if (path === '/shapes/frames.html') await page.click('#add-frame'); // the frame added after load counts too
        // Pinned elements are moved shortly after the panel docks (and after each page change).
        await expect
          .poll(async () => {
            const { covered, seen } = await coveredControls(page, b.extensionId);
            expect(seen, `${path}: no controls seen, the measurement would prove nothing`).toBeGreaterThan(0);
            return covered.map((c) => `${c.id} in ${c.frame}`);
          }, WAIT)
          .toEqual([]);
        found[path] = [];
        await page.close();
      }
      if (b !== browser) await b.close();
      expect(Object.keys(found)).toEqual(DEMO_PAGES);
    }, 240_000);
  }

  it('sees a control under the panel when there is one (the measurement can fail)', async () => {
    const { page } = await docked('/shapes/fixed.html', 1280);
    const panel = await panelBox(page);
    // A control in the page's flow that a transform pushes under the panel: not a pinned element.
    await page.evaluate((x) => {
      const b = document.createElement('button');
      b.id = 'planted';
      b.textContent = 'planted';
      b.style.cssText = `transform: translate(${x + 20}px, 300px)`;
      document.body.prepend(b);
    }, panel.x);
    const { covered } = await coveredControls(page, browser.extensionId);
    expect(covered.map((c) => c.id)).toEqual(['planted']);
    await page.close();
  });

  it('keeps fixed and sticky toolbars, a corner popup and a late dialog clickable, and puts their styles back when it collapses', async () => {
    const { page, panel } = await docked('/shapes/fixed.html', 1024);
    const box = await panelBox(page);
    const pinned = [
      '#tb-search',
      '#tb-logout',
      '#st-call',
      '#st-hold',
      '#st-transfer',
      '#chat-send',
      '#chat-reply',
      '#help',
      '#act-save',
      '#act-close',
      '#fab',
    ];
    const rightEdge = (sel: string) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().right);
    for (const sel of pinned) await expect.poll(() => rightEdge(sel), { ...WAIT, message: sel }).toBeLessThanOrEqual(box.x);
    // Clickable: Playwright's actionability check hits the element itself at its centre.
    for (const sel of pinned) await page.locator(sel).click({ trial: true, timeout: 3000 });
    // The full-width header got narrower, not pushed off the left edge.
    expect(await page.locator('#top-bar').evaluate((el) => el.getBoundingClientRect().left)).toBe(0);
    // A dialog the page opens later at the right edge is moved too.
    await page.click('#open-dialog');
    await expect.poll(() => rightEdge('#dlg-ok'), WAIT).toBeLessThanOrEqual(box.x);
    await page.locator('#dlg-cancel').click({ timeout: 3000 });

    await panel.getByTestId('cc-collapse').click();
    await panel.getByTestId('cc-tab').waitFor(WAIT);
    const styles = () =>
      page.evaluate(() => ({
        fab: ['position', 'right', 'bottom', 'left', 'max-width'].map((p) => {
          const style = document.getElementById('fab')!.style;
          return `${p}: ${style.getPropertyValue(p)} ${style.getPropertyPriority(p)}`.trim();
        }),
        // No inline style left (an emptied style attribute renders the same as none).
        tools: document.getElementById('side-tools')!.getAttribute('style') || null,
        chatRight: getComputedStyle(document.getElementById('chat')!).right,
        margin: getComputedStyle(document.documentElement).marginRight,
      }));
    await expect
      .poll(styles, WAIT)
      .toEqual({ fab: ['position: fixed', 'right: 8px important', 'bottom: 96px', 'left:', 'max-width:'], tools: null, chatRight: '16px', margin: '0px' });
    await panel.getByTestId('cc-tab').click();
    await panel.getByTestId('cc-panel').waitFor(WAIT);
    await expect.poll(() => rightEdge('#st-call'), WAIT).toBeLessThanOrEqual(box.x);
    await page.close();
  });

  it('docks on the left of a right-to-left page, and moves the toolbar pinned to that edge', async () => {
    const { page, panel } = await docked('/shapes/rtl.html', 1280);
    const box = await panelBox(page);
    expect(box.x).toBe(0);
    const root = () =>
      page.evaluate(() => ({ left: getComputedStyle(document.documentElement).marginLeft, right: getComputedStyle(document.documentElement).marginRight }));
    expect(await root()).toEqual({ left: `${box.width}px`, right: '0px' });
    const leftEdge = (sel: string) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().left);
    for (const sel of ['#st-call', '#st-hold', '#tb-search', '#tb-logout', '#cust-name', '#notes']) {
      await expect.poll(() => leftEdge(sel), { ...WAIT, message: sel }).toBeGreaterThanOrEqual(box.x + box.width);
      await page.locator(sel).click({ trial: true, timeout: 3000 });
    }
    await panel.getByTestId('cc-collapse').click();
    await panel.getByTestId('cc-tab').waitFor(WAIT);
    // The tab renders inside the frame first; the host frame is resized by the next message.
    await expect.poll(async () => (await panelBox(page)).width, WAIT).toBeLessThan(40);
    expect((await panelBox(page)).x).toBe(0);
    await expect.poll(root, WAIT).toEqual({ left: '0px', right: '0px' });
    expect((await page.locator('#side-tools').getAttribute('style')) || null).toBeNull();
    await page.close();
  });
});
