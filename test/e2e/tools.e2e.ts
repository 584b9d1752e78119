/**
 * Agent tools in real Chromium with the built extension on the demo CRM: the search palette
 * (Chinese and pinyin-initials queries, Enter inserts, Ctrl+Enter copies), shortcuts set in
 * Options, keys that never reach the page, page shortcuts, and follow-ups that notify from
 * the service worker with no CRM tab open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { buildIndex, search } from '../../lib/search';
import { demoServer, extensionPage, inputOpen, launch, panelFrame, type Browser } from './harness';
import { defaultPack, startProcedure } from './flows';

/** The bits of the extension API these tests call inside extension pages and the worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data: { followUp: { id: string } } }> };
  alarms: { getAll(): Promise<{ name: string }[]> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const index = buildIndex([defaultPack]);
/** What the palette should list first for a query: the same pure index the panel uses. */
const top = (query: string) => search(index, query, { limit: 5, lang: 'zh-CN' });

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type CrmWindow = Window & { crmLog: { type: string; key?: string; code?: string }[]; crmLogClear(): void };
const pageKeydowns = (page: Page) =>
  page.evaluate(() => (window as unknown as CrmWindow).crmLog.filter((e) => e.type === 'keydown').map((e) => e.code ?? e.key));
const clearLog = (page: Page) => page.evaluate(() => (window as unknown as CrmWindow).crmLogClear());

async function openCrm(): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/index.html');
  return { page, panel: await panelFrame(page, browser.extensionId) };
}

/** Focus the CRM's notes field empty, so the panel's insert goes there. */
async function focusNotes(page: Page) {
  await page.fill('#notes', '');
  await page.click('#notes');
}

/** The agent clicks into the panel (on no control in particular) and presses Ctrl+K. */
async function openPalette(panel: Frame) {
  await panel.locator('.cc-header__title').click();
  await panel.page().keyboard.press('Control+k');
  await panel.getByTestId('cc-palette-input').waitFor();
}

describe('search palette', () => {
  it('finds a phrase by a Chinese query and Enter inserts it into the CRM field', async () => {
    const { page, panel } = await openCrm();
    await focusNotes(page);
    await clearLog(page);
    await openPalette(panel);
    const expected = top('稍等')[0]!;
    expect(expected.kind).toBe('phrase');
    await panel.getByTestId('cc-palette-input').pressSequentially('稍等');
    await expect.poll(() => panel.getByTestId('cc-hit-0').getAttribute('data-id')).toBe(expected.phraseId);
    expect(await panel.getByTestId('cc-palette-preview').textContent()).toContain(expected.text);
    await panel.getByTestId('cc-palette-input').press('Enter');
    await expect.poll(() => page.inputValue('#notes')).toBe(expected.text);
    expect(await panel.getByTestId('cc-palette').count()).toBe(0);
    // Everything typed in the panel stayed in the panel's own document.
    expect(await pageKeydowns(page)).toEqual([]);
    await page.close();
  });

  it('finds a phrase by pinyin initials; arrows move; Esc closes and gives the focus back', async () => {
    const { page, panel } = await openCrm();
    await focusNotes(page);
    await panel.getByTestId('cc-search-open').click();
    const hits = top('gxndnxdd');
    expect(hits[0]!.text).toBe('感谢您的耐心等待。');
    const input = panel.getByTestId('cc-palette-input');
    await input.pressSequentially('gxndnxdd');
    await expect.poll(() => panel.getByTestId('cc-hit-0').getAttribute('data-id')).toBe(hits[0]!.phraseId);
    await input.press('ArrowDown');
    await expect.poll(() => panel.getByTestId('cc-hit-1').getAttribute('aria-selected')).toBe('true');
    await input.press('ArrowUp');
    await input.press('Escape');
    await expect.poll(() => panel.getByTestId('cc-palette').count()).toBe(0);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cc-search-open');
    await panel.getByTestId('cc-search-open').click();
    await input.pressSequentially('gxndnxdd');
    await expect.poll(() => panel.getByTestId('cc-hit-0').getAttribute('data-id')).toBe(hits[0]!.phraseId);
    await input.press('Enter');
    await expect.poll(() => page.inputValue('#notes')).toBe(hits[0]!.text);
    await page.close();
  });

  it('Ctrl+Enter copies the selected phrase, ready to paste', async () => {
    const { page, panel } = await openCrm();
    await openPalette(panel);
    const hits = top('身份');
    const phraseAt = hits.findIndex((h) => h.kind === 'phrase');
    const input = panel.getByTestId('cc-palette-input');
    await input.pressSequentially('身份');
    for (let i = 0; i < phraseAt; i++) await input.press('ArrowDown');
    await expect.poll(() => panel.getByTestId(`cc-hit-${phraseAt}`).getAttribute('aria-selected')).toBe('true');
    await input.press('Control+Enter');
    await expect.poll(() => panel.getByTestId('cc-palette-status').textContent()).toBe('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(hits[phraseAt]!.text);
    await page.close();
  });

  it('Enter on a procedure starts a run of it', async () => {
    const { page, panel } = await openCrm();
    await openPalette(panel);
    await panel.getByTestId('cc-palette-input').pressSequentially('客户投诉处理');
    await expect.poll(() => panel.getByTestId('cc-hit-0').getAttribute('data-kind')).toBe('procedure');
    await panel.getByTestId('cc-palette-input').press('Enter');
    const complaint = defaultPack.procedures.find((p) => p.id === 'complaint')!;
    const first = complaint.steps.find((s) => s.id === complaint.start)!;
    await expect.poll(() => panel.getByTestId('cc-step-title').textContent()).toBe(first.title['zh-CN']);
    await page.close();
  });
});

const title = (panel: Frame) => panel.getByTestId('cc-step-title').textContent();
const inbound = defaultPack.procedures.find((p) => p.id === 'inbound-phone')!;
const stepTitle = (id: string) => inbound.steps.find((s) => s.id === id)!.title['zh-CN'];

describe('keyboard shortcuts', () => {
  it('a combo recorded in Options works in the panel; refused combos say why', async () => {
    const opts = await extensionPage(browser, '/options.html#shortcuts');
    await opts.getByTestId('cc-opt-key-change-next').click();
    await opts.keyboard.press('Alt+B');
    await expect.poll(() => opts.getByTestId('cc-opt-keys-msg').textContent()).toContain('已被“上一步”使用');
    await opts.keyboard.press('Control+L');
    await expect.poll(() => opts.getByTestId('cc-opt-keys-msg').textContent()).toContain('Ctrl+L 是浏览器');
    await opts.keyboard.press('Alt+J');
    await expect.poll(() => opts.getByTestId('cc-opt-key-next').textContent()).toBe('Alt+J');

    const { page, panel } = await openCrm();
    await startProcedure(panel, 'inbound-phone', 'phone');
    await expect.poll(() => title(panel)).toBe(stepTitle('greet'));
    await clearLog(page);
    await inputOpen(panel);
    await panel.locator('.cc-header__title').click();
    await page.keyboard.press('Alt+N');
    await page.waitForTimeout(300);
    expect(await title(panel)).toBe(stepTitle('greet'));
    await page.keyboard.press('Alt+J');
    await expect.poll(() => title(panel)).toBe(stepTitle('verify-identity'));
    // Alt+X ticks the first open item (once the new step's checklist is there); the new Next then goes on.
    await panel.getByTestId('cc-item-identity-verified').waitFor();
    await page.keyboard.press('Alt+X');
    await expect.poll(() => panel.getByTestId('cc-item-identity-verified').isChecked()).toBe(true);
    await page.keyboard.press('Alt+J');
    await expect.poll(() => title(panel)).toBe(stepTitle('listen'));
    // The help overlay lists the keys in force.
    await page.keyboard.press('Shift+Slash');
    await expect.poll(() => panel.getByTestId('cc-help').textContent()).toContain('Alt+J');
    await page.keyboard.press('Escape');
    expect(await pageKeydowns(page)).toEqual([]);

    await opts.getByTestId('cc-opt-keys-reset').click();
    await expect.poll(() => opts.getByTestId('cc-opt-key-next').textContent()).toBe('Alt+N');
    await opts.close();
    await page.close();
  });

  it('page shortcuts: off by default; when on, Alt keys in the CRM page drive the panel and never reach the page', async () => {
    const { page, panel } = await openCrm();
    await startProcedure(panel, 'inbound-phone', 'phone');
    await expect.poll(() => title(panel)).toBe(stepTitle('greet'));
    await page.click('#notes');
    await clearLog(page);
    await page.keyboard.press('Alt+N');
    await expect.poll(() => pageKeydowns(page)).toContain('KeyN');
    expect(await title(panel)).toBe(stepTitle('greet'));

    const opts = await extensionPage(browser, '/options.html#shortcuts');
    await opts.getByTestId('cc-opt-page-shortcuts').check();
    await expect.poll(() => opts.getByText('已保存').count()).toBeGreaterThan(0);
    await page.bringToFront();
    await inputOpen(panel);
    // The background tells open tabs of the new setting after it is saved: until this tab's
    // content script has it, Alt+N still reaches the page (and only the page). Press again then.
    for (let tries = 0; ; tries++) {
      await page.click('#notes');
      await clearLog(page);
      await page.keyboard.press('Alt+N');
      await page.waitForTimeout(100);
      if (!(await pageKeydowns(page)).includes('KeyN') || tries === 20) break;
      expect(await title(panel)).toBe(stepTitle('greet'));
    }
    await expect.poll(() => title(panel)).toBe(stepTitle('verify-identity'));
    expect(await pageKeydowns(page)).not.toContain('KeyN');
    // A page script forging the same keys gets nowhere: only real key presses are taken.
    await page.evaluate(() =>
      document.getElementById('notes')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', altKey: true, bubbles: true })),
    );
    await page.waitForTimeout(300);
    expect(await title(panel)).toBe(stepTitle('verify-identity'));

    await opts.getByTestId('cc-opt-page-shortcuts').uncheck();
    await page.bringToFront();
    await page.waitForTimeout(300);
    await page.click('#notes');
    await clearLog(page);
    await page.keyboard.press('Alt+B');
    await expect.poll(() => pageKeydowns(page)).toContain('KeyB');
    expect(await title(panel)).toBe(stepTitle('verify-identity'));
    await opts.close();
    await page.close();
  });
});

describe('follow-ups', () => {
  it('are added from the run with a prefilled title, listed, and kept', async () => {
    const { page, panel } = await openCrm();
    await startProcedure(panel, 'inbound-phone', 'phone');
    await panel.getByTestId('cc-followups-toggle').click();
    const input = panel.getByTestId('cc-followup-title');
    await expect.poll(() => input.inputValue()).toBe(`${inbound.title['zh-CN']} · ${stepTitle('greet')}`);
    await input.fill('回电 王女士');
    await panel.getByTestId('cc-followup-amount').fill('0');
    await panel.getByTestId('cc-followup-add').click();
    await expect.poll(() => panel.getByTestId('cc-followup-error').textContent()).toContain('大于 0');
    await panel.getByTestId('cc-followup-amount').fill('30');
    await panel.getByTestId('cc-followup-add').click();
    const row = panel.locator('[data-testid^="cc-followup-"][data-status="open"]', { hasText: '回电 王女士' });
    await expect.poll(() => row.getAttribute('data-due')).toBe('false');
    await page.reload();
    const again = await panelFrame(page, browser.extensionId);
    await again.getByTestId('cc-followups-toggle').click();
    await expect.poll(() => again.getByText('回电 王女士').count()).toBe(1);
    const opts = await extensionPage(browser, '/options.html#followups');
    await expect.poll(() => opts.getByTestId('cc-opt-followups').textContent()).toContain('回电 王女士');
    await opts.close();
    await page.close();
  });

  it('fire an alarm and a notification when due, with no CRM tab open, and show as due in the panel', async () => {
    for (const p of browser.context.pages()) await p.close();
    const opts = await extensionPage(browser, '/options.html');
    const id = await opts.evaluate(async () => {
      const reply = await chrome.runtime.sendMessage({ type: 'followups.add', payload: { draft: { title: '跟进工单 #4711', dueAt: Date.now() + 3000 } } });
      return reply.data.followUp.id;
    });
    await opts.close();
    expect(browser.context.pages()).toHaveLength(0);
    const worker = await browser.worker();
    expect(await worker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).toContain(`followup:${id}`);
    await expect.poll(() => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())), { timeout: 20_000 }).toContain(`followup:${id}`);

    const { page, panel } = await openCrm();
    await expect.poll(() => panel.getByTestId('cc-followups-due').textContent()).toBe('1 项到期');
    await panel.getByTestId('cc-followups-toggle').click();
    await expect.poll(() => panel.getByTestId(`cc-followup-${id}`).getAttribute('data-due')).toBe('true');
    await panel.getByTestId(`cc-followup-done-${id}`).click();
    await expect.poll(() => panel.getByTestId(`cc-followup-${id}`).count()).toBe(0);
    await expect.poll(() => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).not.toContain(`followup:${id}`);
    await page.close();
  });
});
