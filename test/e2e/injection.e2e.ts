/**
 * When the content script arrives: after the CRM page's load event (never during it), in
 * frames that load later (an iframe added by the page, a frameset link), and once per frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launch, panelFrame, type Browser } from './harness';
import { sitesReady } from './ready';
import { procedure, setOptions, startProcedure, step } from './flows';
import { fillVariables } from '../../lib/pack/text';
import { startDemoServer } from '../demo/server.mjs';

const PROFILE = { company: '华夏通信', agentId: '10086-0321' };
const greeting = step(procedure('inbound-phone'), 'greet').phrases!.find((p) => p.id === 'greeting')!;
const TEXT = fillVariables(greeting.text['zh-CN']!, PROFILE).text;
const IMAGE_DELAY_MS = 2500;

// A console page whose load event waits for one slow image, as a CRM's would for a slow banner.
const SLOW_PAGE = `<!doctype html><meta charset="utf-8"><title>slow</title>
<textarea id="early" rows="3" cols="40"></textarea><img src="/__slow.gif" alt="">`;
// A console that styles its own root's right margin (as a page framing itself might).
const MARGIN_PAGE = `<!doctype html><meta charset="utf-8"><title>margin</title><style>html { margin-right: 24px }</style>
<textarea id="early" rows="3" cols="40"></textarea>`;
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  server = await startDemoServer({
    port: 0,
    host: '127.0.0.1',
    extraRoutes: async (req, res) => {
      if (req.url === '/__margin.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(MARGIN_PAGE);
        return true;
      }
      if (req.url === '/__slow.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(SLOW_PAGE);
        return true;
      }
      if (req.url !== '/__slow.gif') return false;
      await new Promise((r) => setTimeout(r, IMAGE_DELAY_MS));
      res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' }).end(GIF);
      return true;
    },
  });
  browser = await launch();
  await sitesReady(browser);
  await setOptions(browser, PROFILE);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Shows the greeting step in the panel (starting a run when none shows it). */
async function greetingStep(page: Page): Promise<Frame> {
  const panel = await panelFrame(page, browser.extensionId);
  await panel.locator('[data-testid="cc-insert-greeting"], [data-testid="cc-start-inbound-phone-phone"], [data-testid="cc-new-run"]').first().waitFor();
  if (!(await panel.getByTestId('cc-insert-greeting').isVisible())) await startProcedure(panel, 'inbound-phone', 'phone');
  await expect.poll(() => panel.getByTestId('cc-phrase-greeting').textContent()).toBe(TEXT);
  return panel;
}

async function insert(panel: Frame): Promise<void> {
  await panel.getByTestId('cc-insert-greeting').click();
  await expect.poll(() => panel.getByTestId('cc-insert-result').textContent()).not.toBe('');
}

describe('the content script', () => {
  it('does not run while the page is loading; once loaded, inserts go to the field focused before', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    // Every script world created in the page; ours are the ones with the extension's origin.
    const ours: number[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin.includes(browser.extensionId)) ours.push(Date.now());
    });
    await cdp.send('Runtime.enable');
    await page.goto(`${server.url}/__slow.html`, { waitUntil: 'domcontentloaded' });
    // The agent starts typing before the page has finished loading.
    await page.locator('#early').click();
    await page.keyboard.type('客户来电：');
    await page.waitForTimeout(1200); // a document_idle content script would have run by now
    expect(await page.evaluate(() => document.readyState)).toBe('interactive');
    expect(ours).toEqual([]);
    expect(await page.locator('cuecard-panel').count()).toBe(0);

    await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: IMAGE_DELAY_MS + 5000 });
    const panel = await greetingStep(page);
    expect(ours.length).toBeGreaterThan(0);
    await insert(panel);
    expect(await page.locator('#early').inputValue()).toBe('客户来电：' + TEXT);
    await page.close();
  });

  it('reserves the docked panel width from the first layout, so mounting it after load moves nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/__slow.html`, { waitUntil: 'domcontentloaded' });
    const rightEdge = () => page.locator('#early').evaluate((el) => [el.getBoundingClientRect().right, document.documentElement.clientWidth]);
    const before = await rightEdge();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('360px');
    expect(await page.locator('cuecard-panel').count()).toBe(0); // reserved by a stylesheet, not by our script
    await panelFrame(page, browser.extensionId);
    expect(await rightEdge()).toEqual(before);
    // Collapsed, the page gets its full width back; opened again, the width is given up again.
    const panel = await panelFrame(page, browser.extensionId);
    await panel.getByTestId('cc-collapse').click();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('360px');
    // A page with a right margin of its own gets exactly that back when the panel collapses,
    // though the reserving stylesheet outranks the page's.
    await page.goto(`${server.url}/__margin.html`);
    const margin = () => page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
    expect(await margin()).toBe('360px');
    const framed = await panelFrame(page, browser.extensionId);
    await framed.getByTestId('cc-collapse').click();
    await expect.poll(margin).toBe('24px');
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(margin).toBe('360px');
    // A frameset document has nowhere to show the panel: its frames keep the full width (a
    // frameset is laid out to the viewport, whatever margin its root has).
    await page.goto(`${server.url}/frameset.html`);
    await panelFrame(page, browser.extensionId);
    const frames = await page.locator('frame').evaluateAll((els) => els.map((f) => Math.round(f.getBoundingClientRect().right)));
    expect(frames).toContain(await page.evaluate(() => innerWidth));
    await page.close();
  });

  it('reaches an iframe the page adds after loading, once: the insert lands there exactly once', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/index.html`);
    const panel = await greetingStep(page);
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.name = 'late';
      f.src = 'iframe-form.html';
      document.body.append(f);
    });
    const late = await expect
      .poll(() => page.frame({ name: 'late' })?.url() ?? '')
      .toContain('iframe-form.html')
      .then(() => page.frame({ name: 'late' })!);
    await late.waitForLoadState();
    // Reload the frame a few times: each load asks the background again, and must not add a copy.
    for (let i = 0; i < 3; i++) await late.evaluate(() => location.reload()).catch(() => undefined);
    await expect
      .poll(() =>
        page
          .frame({ name: 'late' })
          ?.evaluate(() => document.readyState)
          .catch(() => ''),
      )
      .toBe('complete');
    const frame = page.frame({ name: 'late' })!;
    await frame.locator('#sub-notes').click();
    // The content script arrives a moment after the frame's load: insert until it has.
    await expect
      .poll(async () => {
        await frame.locator('#sub-notes').fill('');
        await frame.locator('#sub-notes').click();
        await insert(panel);
        return frame.locator('#sub-notes').inputValue();
      })
      .toBe(TEXT);
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    await page.close();
  });

  it('follows a frameset link: the new page in the main frame gets the panel and takes inserts', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/frameset.html`);
    await panelFrame(page, browser.extensionId);
    const nav = page.frame({ name: 'nav' })!;
    await Promise.all([page.waitForEvent('framenavigated', (f) => f.name() === 'main' && f.url().includes('tab=ticket')), nav.locator('#nav-ticket').click()]);
    const main = page.frame({ name: 'main' })!;
    await main.waitForLoadState();
    const panel = await greetingStep(page);
    expect(panel.parentFrame()).toBe(main);
    await main.locator('#notes').click();
    await insert(panel);
    expect(await main.locator('#notes').inputValue()).toBe(TEXT);
    await page.close();
  });
});
