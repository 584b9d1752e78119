/**
 * Picking a guarded control (issue 12 with 13.1, 13.2), in real Chromium with the built demo
 * extension: on the demo CRM's account page, with a fresh contact (so "重置密码" is locked and
 * Save is checked), the lead's Studio (the stand-in of test/e2e/pick-kit.ts) picks the locked
 * button and the checked Save button. The guard stands down for the pick click — which the page
 * still never sees — and holds the agent's real click again once pick mode has ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { procedure, setOptions, startProcedure } from './flows';
import { call } from './coaching-kit';
import { closedTexts, crmActions } from './guard-kit';
import { ask, bridgeReady, recordMessages, studioServer } from './pick-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
let studioSite: Awaited<ReturnType<typeof studioServer>>;
let studio: Page;
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  server = await demoServer();
  studioSite = await studioServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire' });
  const opts = await extensionPage(browser, '/options.html#anchors');
  await opts.getByTestId('cc-opt-studio-address').fill(`${studioSite.url}/studio/`);
  await opts.getByTestId('cc-opt-studio-save').click();
  await opts.getByTestId('cc-opt-studio-current').filter({ hasText: studioSite.url }).waitFor(WAIT);
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

/** The account page with a fresh contact, its locks drawn (nobody verified yet). */
async function lockedAccount(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/account.html`);
  const panel = await panelFrame(page, browser.extensionId);
  await startProcedure(panel, procedure('inbound-phone').id, 'phone');
  await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThanOrEqual(3);
  return page;
}

/** Studio asks for a control; resolves once pick mode is on in the CRM tab, with Studio's pending reply. */
async function startPick(crm: Page): Promise<{ reply: Promise<unknown> }> {
  const reply = ask(studio, 'pick', 'control');
  await crm.bringToFront();
  await crm.locator('cuecard-pick').first().waitFor({ state: 'attached', timeout: 15_000 });
  return { reply };
}

/** Pick mode is over: the agent's real click on the locked button is held, and the page saw nothing. */
async function expectLockHolds(crm: Page) {
  await crm.click('#btn-reset-password');
  await expect.poll(() => closedTexts(crm, 'cc-guard-held'), WAIT).toEqual([expect.stringContaining('请先核实客户身份（2.2）')]);
  expect(await crmActions(crm)).toEqual([]);
}

/** Pick a control from Studio with a real click on `selector` in the CRM. */
async function pickControl(crm: Page, selector: string) {
  const { reply } = await startPick(crm);
  await crm.click(selector);
  // A guard that swallows the pick click leaves the reply pending forever: fail fast, by name.
  const late = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`pick of ${selector} never answered`)), 20_000).unref());
  return Promise.race([reply, late]);
}

describe('picking guarded controls', { timeout: 120_000 }, () => {
  it('picks the locked button and the checked Save; the guard holds real clicks again afterwards', async () => {
    const crm = await lockedAccount();

    const reset = await pickControl(crm, '#btn-reset-password');
    expect(reset).toMatchObject({ ok: true, matches: 1, loc: { labelText: '重置密码' } });
    const save = await pickControl(crm, '#acct-save');
    expect(save).toMatchObject({ ok: true, matches: 1 });
    expect(JSON.stringify(save)).toMatch(/acct-save|保存/);
    // The pick clicks were the lead's: the page saw neither, and no guard or check spoke.
    expect(await crm.locator('cuecard-pick').count()).toBe(0);
    expect(await crmActions(crm)).toEqual([]);
    expect(await closedTexts(crm, 'cc-guard-held')).toEqual([]);
    expect(await closedTexts(crm, 'cc-check-note')).toEqual([]);

    // Pick mode is over: the agent's real clicks are held as before.
    await crm.click('#btn-reset-password');
    await expect.poll(() => closedTexts(crm, 'cc-guard-held'), WAIT).toEqual([expect.stringContaining('请先核实客户身份（2.2）')]);
    await crm.click('#acct-save');
    await expect.poll(() => closedTexts(crm, 'cc-check-note'), WAIT).toContain('业务类型：必填');
    await crm.click('#btn-balance'); // not sensitive: the page works
    expect(await crmActions(crm)).toEqual(['balance']);
    await crm.close();
  });

  it('Esc ends pick mode on the account page and the lock holds at once', async () => {
    const crm = await lockedAccount();
    // Starting the contact left keyboard focus in the panel's frame: Esc is for the page.
    await crm.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const { reply } = await startPick(crm);
    await crm.keyboard.press('Escape');
    expect(await reply).toEqual({ ok: false, reason: 'cancelled' });
    await expectLockHolds(crm);
    await crm.close();
  });

  it('Esc in the panel ends pick mode too (the lead clicked into the panel meanwhile)', async () => {
    const crm = await lockedAccount();
    const { reply } = await startPick(crm);
    const panel = await panelFrame(crm, browser.extensionId);
    await panel.getByTestId('cc-panel').click({ position: { x: 20, y: 200 } }); // a click in the frame: not on the page
    expect(await panel.evaluate(() => document.hasFocus())).toBe(true);
    await crm.keyboard.press('Escape');
    expect(await reply).toEqual({ ok: false, reason: 'cancelled' });
    await expect.poll(() => crm.locator('cuecard-pick').count(), WAIT).toBe(0);
    await expectLockHolds(crm);
    await crm.close();
  });

  it('Esc in the panel of another tab leaves the pick going on', async () => {
    const crm = await lockedAccount();
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/index.html`);
    const otherPanel = await panelFrame(other, browser.extensionId);
    await otherPanel.getByTestId('cc-panel').waitFor(WAIT);
    const { reply } = await startPick(crm);
    let answered = false;
    void reply.then(() => (answered = true));
    expect(await call(otherPanel, 'pick.cancel')).toEqual({ cancelled: false });
    expect(answered).toBe(false);
    expect(await crm.locator('cuecard-pick').count()).toBeGreaterThan(0);
    await crm.click('#btn-reset-password');
    expect(await reply).toMatchObject({ ok: true, loc: { labelText: '重置密码' } });
    await other.close();
    await crm.close();
  });
});
