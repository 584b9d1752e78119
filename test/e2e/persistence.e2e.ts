/**
 * Progress lives in the extension's IndexedDB (through the background): it survives a
 * reload, a browser restart on the same profile and clearing the CRM site's data, and
 * the CRM page's own IndexedDB holds nothing of ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { currentTitle, procedure, setOptions, startProcedure, step, tickRequired } from './flows';

let server: Awaited<ReturnType<typeof demoServer>>;
let browser: Browser;
const inbound = procedure('inbound-phone');
const first = step(inbound, inbound.start);
const second = step(inbound, first.next!);

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(b: Browser): Promise<{ page: Page; panel: Frame }> {
  const page = await b.context.newPage();
  await page.goto(server.url + '/index.html');
  return { page, panel: await panelFrame(page, b.extensionId) };
}

/** The state the agent would see: step title and which checklist boxes are ticked. */
async function snapshot(panel: Frame) {
  await panel.getByTestId('cc-step-title').waitFor();
  const ticked = await panel
    .locator('input[type=checkbox][data-testid^="cc-item-"]:checked')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  return { title: await currentTitle(panel), ticked: ticked.sort() };
}

describe('progress survives', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;

  it('a page reload', async () => {
    const { page, panel } = await open(browser);
    await startProcedure(panel, inbound.id, 'phone');
    await tickRequired(panel, first);
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain(second.title['zh-CN']);
    const item = second.checklist![0]!;
    await panel.getByTestId(`cc-item-${item.id}`).check();
    before = await snapshot(panel);
    expect(before.ticked).toContain(`cc-item-${item.id}`);

    await page.reload();
    const again = await panelFrame(page, browser.extensionId);
    await expect.poll(() => snapshot(again)).toEqual(before);
    await page.close();
  });

  it('clearing the CRM site data, and the page sees no database of ours', async () => {
    const { page } = await open(browser);
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(names).toEqual([]);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.url, storageTypes: 'all' });
    await page.reload();
    const panel = await panelFrame(page, browser.extensionId);
    await expect.poll(() => snapshot(panel)).toEqual(before);
    await page.close();
  });

  it('closing and relaunching the browser on the same profile', async () => {
    const dir = browser.userDataDir;
    await browser.close({ keepProfile: true });
    browser = await launch({ userDataDir: dir });
    const { page, panel } = await open(browser);
    await expect.poll(() => snapshot(panel), { timeout: 15_000 }).toEqual(before);
    await page.close();
  });
});
