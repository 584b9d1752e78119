/**
 * How the panel sits in the CRM page: docked open (the page gives up its width), collapsed to
 * a slim tab that covers no CRM control, toggled by the tab, the collapse button and
 * Alt+Shift+K from either side, remembered across reloads, and hosted by a frameset's main frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { currentTitle, procedure, startProcedure, step } from './flows';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const CONTROLS = 'input, textarea, select, button, a';

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rect = { x: number; y: number; width: number; height: number };

/** The host element's box and the page's own right margin, read in the frame that hosts it. */
async function layout(host: Frame): Promise<{ box: Rect; margin: string; pageRight: number; viewport: number }> {
  return host.evaluate(() => {
    const r = document.querySelector('cuecard-panel')!.getBoundingClientRect();
    return {
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      margin: getComputedStyle(document.documentElement).marginRight,
      pageRight: document.documentElement.getBoundingClientRect().right,
      // The frame's width less any scrollbar, in standards and quirks mode (CSSOM View, clientWidth).
      viewport: document.scrollingElement!.clientWidth,
    };
  });
}

const isOpen = async (host: Frame) => (await layout(host)).box.width > 200;

async function expectOpen(host: Frame, panel: Frame) {
  await expect.poll(() => isOpen(host)).toBe(true);
  await panel.getByTestId('cc-panel').waitFor();
  const { box, margin, pageRight } = await layout(host);
  expect(margin).toBe(`${box.width}px`); // docked: the CRM gives up the panel's width
  expect(pageRight).toBeCloseTo(box.x, 0);
}

async function expectCollapsed(host: Frame, panel: Frame) {
  await expect.poll(async () => (await layout(host)).box.width).toBeLessThan(40);
  await panel.getByTestId('cc-tab').waitFor();
  const { box, margin, pageRight, viewport } = await layout(host);
  expect(box.x + box.width).toBeCloseTo(viewport, 0);
  expect(box.height).toBeLessThan(150);
  expect(margin).toBe('0px');
  expect(pageRight).toBeCloseTo(viewport, 0);
}

/** A CRM page with the panel open, whatever an earlier test left in the settings. */
async function openPage(path = '/index.html', hostFrame = (p: Page) => p.mainFrame()) {
  const page = await browser.context.newPage();
  await page.goto(server.url + path);
  const panel = await panelFrame(page, browser.extensionId);
  const host = hostFrame(page);
  if (!(await isOpen(host))) await panel.getByTestId('cc-tab').click();
  await expectOpen(host, panel);
  return { page, panel, host };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('panel layout in the CRM page', () => {
  it('collapses to a slim tab that covers no CRM control and gives the page its margin back; the tab reopens it', async () => {
    const { page, panel, host } = await openPage();
    await panel.getByTestId('cc-collapse').click();
    await expectCollapsed(host, panel);
    const { box } = await layout(host);
    for (const scroll of ['top', 'bottom'] as const) {
      await page.evaluate((to) => window.scrollTo(0, to === 'top' ? 0 : document.documentElement.scrollHeight), scroll);
      const controls = await page.evaluate(
        (sel) =>
          Array.from(document.querySelectorAll(sel), (el) => {
            const r = el.getBoundingClientRect();
            return { id: el.id || el.tagName, x: r.x, y: r.y, width: r.width, height: r.height };
          }).filter((r) => r.width > 0 && r.height > 0),
        CONTROLS,
      );
      expect(controls.length).toBeGreaterThan(20);
      expect(
        controls.filter((c) => overlaps(c, box)).map((c) => c.id),
        `scrolled to ${scroll}`,
      ).toEqual([]);
    }
    await panel.getByTestId('cc-tab').click();
    await expectOpen(host, panel);
    await page.close();
  });

  it('Alt+Shift+K in the CRM page toggles the panel, and the key does not reach the field', async () => {
    const { page, panel, host } = await openPage();
    const name = page.locator('#cust-name');
    await name.click();
    await name.pressSequentially('张三');
    await page.keyboard.press('Alt+Shift+K');
    await expectCollapsed(host, panel);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cust-name');
    await page.keyboard.press('Alt+Shift+K');
    await expectOpen(host, panel);
    expect(await name.inputValue()).toBe('张三');
    await page.close();
  });

  it('Alt+Shift+K toggles it with the focus in a same-origin or cross-origin iframe of the CRM', async () => {
    const { page, panel, host } = await openPage('/iframes.html');
    for (const [name, field] of [
      ['same', '#sub-notes'],
      ['cross', '#cross-notes'],
    ] as const) {
      await expect.poll(() => page.frame({ name })?.url() ?? '').toMatch(/iframe-(form|cross)\.html/);
      const frame = page.frame({ name })!;
      await frame.locator(field).click();
      await page.keyboard.press('Alt+Shift+K');
      await expectCollapsed(host, panel);
      await page.keyboard.press('Alt+Shift+K');
      await expectOpen(host, panel);
      expect(await frame.locator(field).inputValue(), `${name} frame`).toBe('');
    }
    await page.close();
  });

  it('Alt+Shift+K inside the panel toggles it', async () => {
    const { page, panel, host } = await openPage();
    await panel.getByTestId('cc-collapse').focus();
    await page.keyboard.press('Alt+Shift+K');
    await expectCollapsed(host, panel);
    await panel.getByTestId('cc-tab').focus();
    await page.keyboard.press('Alt+Shift+K');
    await expectOpen(host, panel);
    await page.close();
  });

  it("collapsing in one tab collapses the panel in the agent's other CRM tabs too", async () => {
    const a = await openPage();
    const b = await openPage('/widgets.html');
    await a.panel.getByTestId('cc-collapse').click();
    await expectCollapsed(a.host, a.panel);
    await expectCollapsed(b.host, b.panel); // not a wide frame showing only the tab
    await b.panel.getByTestId('cc-tab').click();
    await expectOpen(b.host, b.panel);
    await expectOpen(a.host, a.panel);
    await a.page.close();
    await b.page.close();
  });

  it('the open or collapsed state survives a reload', async () => {
    const { page, panel, host } = await openPage();
    await panel.getByTestId('cc-collapse').click();
    await expectCollapsed(host, panel);
    await page.reload();
    const collapsed = await panelFrame(page, browser.extensionId);
    await expectCollapsed(page.mainFrame(), collapsed);
    await collapsed.getByTestId('cc-tab').click();
    await expectOpen(page.mainFrame(), collapsed);
    await page.reload();
    await expectOpen(page.mainFrame(), await panelFrame(page, browser.extensionId));
    await page.close();
  });

  it('on a frameset page the panel sits in the main frame and is usable there', async () => {
    const mainFrame = (p: Page) => p.frame({ name: 'main' })!;
    const { page, panel, host } = await openPage('/frameset.html', mainFrame);
    expect(panel.parentFrame()).toBe(host);
    expect(host.url()).toContain('/main.html');
    const { box, viewport } = await layout(host);
    expect(box.x + box.width).toBeCloseTo(viewport, 0);
    await startProcedure(panel, 'inbound-phone', 'phone');
    const inbound = procedure('inbound-phone');
    await expect.poll(() => currentTitle(panel)).toContain(step(inbound, inbound.start).title['zh-CN']);
    await panel.getByTestId('cc-collapse').click();
    await expectCollapsed(host, panel);
    await panel.getByTestId('cc-tab').click();
    await expectOpen(host, panel);
    // The agent's focus may be in the narrow nav frame, which does not host the panel.
    await page.frame({ name: 'nav' })!.locator('#nav-search').click();
    await page.keyboard.press('Alt+Shift+K');
    await expectCollapsed(host, panel);
    await page.keyboard.press('Alt+Shift+K');
    await expectOpen(host, panel);
    await page.close();
  });
});
