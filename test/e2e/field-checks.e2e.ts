/**
 * Field checks before Save (issue 13.2), in real Chromium with the built demo extension on the
 * demo CRM's account form, checked by the default pack's rules: block rules hold the agent's
 * Save until the fields are fixed (or overridden with a reason), warning rules note the field
 * and let Save through, and no value read from the page is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, inputOpen, launch, panelFrame, type Browser } from './harness';
import { procedure, setOptions, startProcedure } from './flows';
import { closedTexts, crmActions, storedRuns } from './guard-kit';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const WAIT = { timeout: 8000 };
const PHONE = '13812345678';

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await setOptions(browser, { mode: 'newHire' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openForm(): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/account.html');
  const panel = await panelFrame(page, browser.extensionId);
  await startProcedure(panel, procedure('inbound-phone').id, 'phone');
  // The checks are armed once the locks (same state, same push) are drawn.
  await expect.poll(async () => (await closedTexts(page, 'cc-guard-lock')).length, WAIT).toBeGreaterThan(0);
  return { page, panel };
}

const notes = (page: Page) => closedTexts(page, 'cc-check-note');

describe('field checks before Save', () => {
  it('a block rule holds Save and says what is missing; fixed, Save goes through', async () => {
    const { page } = await openForm();
    await page.fill('#acct-phone', '1381234'); // too short for the pattern
    await page.click('#acct-save');
    expect(await crmActions(page)).toEqual([]);
    // Every failing rule beside its field: the two block rules; the empty notes break no warn rule.
    await expect.poll(() => notes(page), WAIT).toEqual(['联系电话：格式不正确', '业务类型：必填']);
    expect(await closedTexts(page, 'cc-check-say')).toEqual([]);
    expect((await closedTexts(page, 'cc-guard-held'))[0]).toContain('Cuecard 已暂停保存');
    // Enter in a field submits the form through the same Save button: held too.
    await page.press('#acct-phone', 'Enter');
    expect(await crmActions(page)).toEqual([]);

    await page.fill('#acct-phone', PHONE);
    await page.selectOption('#acct-type', { label: '投诉' });
    await page.fill('#acct-notes', '客户来电咨询套餐资费，已解答');
    await page.click('#acct-save');
    expect(await crmActions(page)).toEqual(['saved']);
    expect(await notes(page)).toEqual([]);
    // Values were only checked: nothing of them is in any stored run.
    expect(JSON.stringify(await storedRuns(browser))).not.toContain(PHONE);
    await page.close();
  });

  it('warning mode shows the note beside the field and lets Save through', async () => {
    const { page } = await openForm();
    await page.fill('#acct-phone', PHONE);
    await page.selectOption('#acct-type', { label: '咨询' });
    await page.fill('#acct-notes', '短');
    await page.click('#acct-save');
    expect(await crmActions(page)).toEqual(['saved']);
    await expect.poll(() => notes(page), WAIT).toEqual(['处理备注：至少 5 个字']);
    expect((await closedTexts(page, 'cc-check-say'))[0]).toContain('请检查标出的字段');
    // Editing the flagged field clears the note.
    await page.fill('#acct-notes', '短信套餐变更已说明');
    await expect.poll(() => notes(page), WAIT).toEqual([]);
    await page.close();
  });

  it('a held Save can be overridden with a reason: recorded with the failing rules, one Save passes', async () => {
    const { page, panel } = await openForm();
    await page.click('#acct-save');
    expect(await crmActions(page)).toEqual([]);
    await inputOpen(panel);
    await expect.poll(() => panel.getByTestId('cc-held-name').textContent(), WAIT).toBe('联系电话, 业务类型');
    await panel.getByTestId('cc-held-override').click();
    await panel.getByTestId('cc-held-reason').fill('客户拒绝提供号码');
    await panel.getByTestId('cc-held-confirm').click();
    await panel.getByTestId('cc-held-recorded').waitFor(WAIT);
    await page.click('#acct-save');
    expect(await crmActions(page)).toEqual(['saved']);
    await page.click('#acct-save'); // still failing: held again
    expect(await crmActions(page)).toEqual(['saved']);
    const run = (await storedRuns(browser)).find((r) => r.overrides?.length);
    expect(run?.overrides).toEqual([
      { kind: 'check', target: 'account-save', rules: ['phone', 'need-type'], reason: '客户拒绝提供号码', stepId: 'greet', at: expect.any(Number) },
    ]);
    await page.close();
  });
});
