/**
 * Pick on CRM and masked snapshots (issue 12), in real Chromium with the built extension: the
 * lead's Studio page (a stand-in speaking the bridge protocol, test/e2e/pick-kit.ts) asks the
 * extension to pick a field in the demo CRM — top page, same-origin frame, open shadow root —
 * and to save a masked snapshot; the anchors are then tested against it. No CRM value may reach
 * Studio, and a page that is not the Studio address gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPackAnchors } from '../../lib/pick/check-pack';
import { nodeDocument } from '../../lib/pick/node-dom';
import { anchorPackFiles } from '../../lib/pick/test-pack';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { ask, bridgeReady, received, recordMessages, studioServer } from './pick-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
let studioSite: Awaited<ReturnType<typeof studioServer>>;
let studio: Page;
/** Distinctive values typed into the CRM: none may leave the page. */
const SECRETS = ['Xiaoming-Zhang-77', '13987654321', 'zxm@secret.example', '张晓明'];
const requests: string[] = [];

async function crmPage(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/${path}`);
  await panelFrame(page, browser.extensionId); // the content script is live in the page
  return page;
}

/** Start a pick from Studio, then click `selector` in the CRM (a real, trusted click). */
async function pickIn(crm: Page, click: () => Promise<void>, kind: 'field' | 'control' = 'field') {
  const reply = ask(studio, 'pick', kind);
  await crm.bringToFront();
  await crm.locator('cuecard-pick').first().waitFor({ state: 'attached', timeout: 15_000 });
  await click();
  return reply;
}

beforeAll(async () => {
  server = await demoServer();
  studioSite = await studioServer();
  browser = await launch();
  browser.context.on('request', (r) => requests.push(`${r.url()} ${r.postData() ?? ''}`));
  // The lead allows their Studio in Options → Anchors (access to its site is asked at the click).
  const opts = await extensionPage(browser, '/options.html#anchors');
  await opts.getByTestId('cc-opt-studio-address').fill(`${studioSite.url}/studio/`);
  await opts.getByTestId('cc-opt-studio-save').click();
  await opts.getByTestId('cc-opt-studio-current').filter({ hasText: studioSite.url }).waitFor({ timeout: 15_000 });
  await opts.close();
  studio = await browser.context.newPage();
  await recordMessages(studio);
  await studio.goto(`${studioSite.url}/studio/`);
  await bridgeReady(studio);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await studioSite?.close();
});

describe('pick on the CRM page', { timeout: 90_000 }, () => {
  it('picks a field by its label cell; the page never sees the click and the field keeps no focus', async () => {
    const crm = await crmPage('customer.html');
    await crm.fill('#cust-name', SECRETS[3]!);
    await crm.evaluate(() => {
      (window as unknown as { pageClicks: number }).pageClicks = 0;
      document.addEventListener('click', () => (window as unknown as { pageClicks: number }).pageClicks++, true);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const reply = await pickIn(crm, async () => {
      await crm.evaluate(() => document.getElementById('lg-phone')!.click()); // synthetic: ignored
      await crm.click('#cust-name');
    });
    expect(reply).toEqual({ ok: true, loc: { labelText: '客户姓名' }, matches: 1 });
    expect(await crm.evaluate(() => (window as unknown as { pageClicks: number }).pageClicks)).toBe(1); // only the synthetic one
    expect(await crm.evaluate(() => document.activeElement?.id ?? '')).not.toBe('cust-name');
    expect(await crm.locator('cuecard-pick').count()).toBe(0);
    await crm.close();
  });

  it('picks a field in a same-origin frame, with the frame named', async () => {
    const crm = await crmPage('iframes.html');
    const frame = crm.frameLocator('#same-frame');
    await frame.locator('#sub-name').waitFor();
    const reply = ask(studio, 'pick', 'field');
    await crm.bringToFront();
    await frame.locator('cuecard-pick').waitFor({ state: 'attached', timeout: 15_000 });
    await frame.locator('#sub-ticket').click();
    expect(await reply).toEqual({ ok: true, loc: { labelText: '工单号 Ticket', frame: 'same' }, matches: 1 });
    await crm.close();
  });

  it('picks a field inside an open shadow root, and Esc cancels', async () => {
    const crm = await crmPage('widgets.html');
    const reply = await pickIn(crm, () => crm.locator('#shadow-input').click());
    expect(reply).toMatchObject({ ok: true, matches: 1, loc: { labelText: expect.stringContaining('回访记录') } });
    const cancelled = await pickIn(crm, () => crm.keyboard.press('Escape'));
    expect(cancelled).toEqual({ ok: false, reason: 'cancelled' });
    await crm.close();
  });
});

describe('masked snapshots and anchor tests', { timeout: 90_000 }, () => {
  it('saves a snapshot with every value masked; anchors pass on it and a broken one fails by name', async () => {
    const crm = await crmPage('customer.html');
    await crm.fill('#cust-name', SECRETS[0]!);
    await crm.fill('#lg-phone', SECRETS[1]!);
    await crm.fill('#notes', `${SECRETS[2]} ${SECRETS[3]}`);
    await studio.bringToFront();
    const reply = (await ask(studio, 'snapshot')) as { ok: boolean; text: string; page: string };
    expect(reply.ok).toBe(true);
    expect(reply.page).toBe(`${server.url}/customer.html`);
    for (const v of [...SECRETS, '王小明', '13812345678', 'ACC-2008-0417', 'T20080808001']) expect(reply.text).not.toContain(v);
    expect(reply.text).toContain('客户姓名：');

    // The pick from the first test ({ labelText: 客户姓名 }) and a selector the page has not.
    const files = anchorPackFiles('#mobile-number', 'http://127.0.0.1/*');
    const failures = checkPackAnchors({ ...files, 'snapshots/customer.json': reply.text }, nodeDocument);
    expect(failures.map((f) => f.message)).toContain('field customer.phone (selector "#mobile-number") matches nothing in snapshot "customer"');
    expect(failures.map((f) => f.anchor)).not.toContain('field customer.name');
    await crm.close();
  });

  it('no CRM value reached Studio: not in any message, request or file', async () => {
    const all = `${await received(studio)}\n${requests.join('\n')}`;
    for (const v of SECRETS) expect(all).not.toContain(v);
  });

  it('a page that is not the Studio address can neither pick nor take a snapshot', async () => {
    const crm = await crmPage('customer.html');
    const forged = await crmPage('index.html'); // the CRM's origin, not Studio's
    await recordMessages(forged);
    await forged.reload();
    // The bridge runs on the Studio host, any port (match patterns have none): the background's
    // exact-origin check is what refuses this page.
    await bridgeReady(forged);
    for (const op of ['pick', 'snapshot'] as const) {
      expect(await ask(forged, op)).toEqual({ ok: false, reason: `Message refused: "studio.${op}" may not be sent from a web page.` });
    }
    expect(await crm.locator('cuecard-pick').count()).toBe(0);
    expect(await received(forged)).not.toContain('客户姓名');
    await forged.close();
    await crm.close();
  });
});
