/**
 * Sensitive CRM controls wait for identity verification (issue 13.1), in real Chromium with the
 * built demo extension on the demo CRM's account page (test/fixtures/crm/account.html), guarded
 * by the default pack's site context: a real click is held until the contact's 2.2 item is
 * ticked, then the CRM works untouched; an override's reason is recorded in the run; forged page
 * events unlock nothing; late, re-rendered, framed and shadow-root controls are guarded too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, inputOpen, type Browser } from './harness';
import { procedure, setOptions, startProcedure, step, tickRequired } from './flows';
import { closedTexts, crmActions, storedRuns } from './guard-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const inbound = procedure('inbound-phone');
const WAIT = { timeout: 8000 };

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The account page with a fresh contact open in its panel (so nobody is verified yet). */
async function openAccount(): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/account.html');
  const panel = await panelFrame(page, browser.extensionId);
  await startProcedure(panel, inbound.id, 'phone');
  await panel.getByTestId('cc-step-title').waitFor();
  // Locks are drawn once the content script has heard from the background.
  await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThanOrEqual(3);
  return { page, panel };
}

async function verify(panel: Frame) {
  await inputOpen(panel);
  await tickRequired(panel, step(inbound, 'greet'));
  await panel.getByTestId('cc-next').click();
  await panel.getByTestId('cc-item-identity-verified').check();
}

describe('guarded controls', () => {
  it('holds a real click until identity is verified, then the CRM works untouched', async () => {
    const { page, panel } = await openAccount();
    await page.click('#btn-change-plan');
    await page.click('#btn-reset-password'); // guarded by its button text (labelText)
    await page.click('#btn-balance'); // not sensitive: never held
    expect(await crmActions(page)).toEqual(['balance']);
    // The page says why, beside the control; the panel opens with the way on.
    await expect.poll(() => closedTexts(page, 'cc-guard-held'), WAIT).toEqual([expect.stringContaining('请先核实客户身份（2.2）')]);
    await expect.poll(() => panel.getByTestId('cc-held-name').textContent(), WAIT).toBe('重置密码');

    await verify(panel);
    // Unlocked by the background once the tick is stored: the marks go, and clicks go through.
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBe(0);
    await page.click('#btn-change-plan');
    await page.click('#btn-reset-password');
    expect(await crmActions(page)).toEqual(['balance', 'change-plan', 'reset-password']);
    // Unticking locks again: the state follows the contact, not a one-time unlock.
    await panel.getByTestId('cc-item-identity-verified').uncheck();
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThanOrEqual(3);
    await page.click('#btn-change-plan');
    expect(await crmActions(page)).toEqual(['balance', 'change-plan', 'reset-password']);
    await page.close();
  });

  it('an override takes a reason, is recorded in the run, and lets exactly one click through', async () => {
    const { page, panel } = await openAccount();
    await page.click('#btn-reset-password');
    await inputOpen(panel);
    await panel.getByTestId('cc-held-override').click();
    const reason = '客户在营业厅现场，主管已批准';
    await panel.getByTestId('cc-held-reason').fill(reason);
    await panel.getByTestId('cc-held-confirm').click();
    await panel.getByTestId('cc-held-recorded').waitFor(WAIT);
    expect(await crmActions(page)).toEqual([]);
    await page.click('#btn-reset-password');
    await page.click('#btn-reset-password'); // the pass was for one click
    expect(await crmActions(page)).toEqual(['reset-password']);

    const runs = await storedRuns(browser);
    const run = runs.find((r) => r.overrides?.length);
    expect(run?.overrides).toEqual([{ kind: 'guard', target: 'reset-password', reason, stepId: 'greet', at: expect.any(Number) }]);
    await page.close();
  });

  it('a page script cannot unlock anything: forged clicks, events and messages change no lock', async () => {
    const { page } = await openAccount();
    await page.evaluate(() => {
      // .click() from the page is the page's own business (documented): its handler runs...
      (document.querySelector('#btn-change-plan') as HTMLButtonElement).click();
      // ...but nothing a page can send reaches the guard's state or passes.
      const host = document.querySelector('cuecard-guard');
      host?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      window.postMessage({ type: 'content.guards', state: { sites: [], contact: true }, pass: { kind: 'guard', target: 'change-plan' } }, '*');
      document.dispatchEvent(new CustomEvent('cuecard:verified', { detail: true }));
      host?.remove(); // sweeping our marks away does not unlock either
    });
    expect(await crmActions(page)).toEqual(['change-plan']);
    await page.click('#btn-change-plan');
    await page.click('#btn-reset-password');
    expect(await crmActions(page)).toEqual(['change-plan']);
    // The marks come back at the next draw (a re-render) and the lock holds.
    await page.click('#rerender-actions');
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('guards late, re-rendered, framed and shadow-root controls', async () => {
    const { page, panel } = await openAccount();
    await page.waitForSelector('#late-change-plan');
    await page.click('#late-change-plan');
    await page.click('#rerender-actions');
    await page.click('#btn-change-plan'); // a fresh element after the re-render
    await page.locator('#shadow-change-plan').click(); // open shadow root (Playwright pierces it)
    const frame = page.frame({ name: 'account-frame' })!;
    await frame.click('#frame-change-plan');
    expect(await crmActions(page)).toEqual([]);
    expect(await crmActions(frame)).toEqual([]);
    // Every one of them carries a lock mark: 2 row buttons + late + shadow here, 1 in the frame.
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBe(5);

    await verify(panel);
    await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBe(0);
    await page.click('#late-change-plan');
    await page.locator('#shadow-change-plan').click();
    await frame.click('#frame-change-plan');
    expect(await crmActions(page)).toEqual(['late-change-plan', 'shadow-change-plan']);
    expect(await crmActions(frame)).toEqual(['frame-change-plan']);
    await page.close();
  });
});
