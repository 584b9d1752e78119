/**
 * The options page and the first-run welcome in real Chromium with the built extension, as a
 * new agent meets them: the welcome opens by itself on install, and what it sets reaches the
 * panel on the demo CRM; then the settings' sections by keyboard, a failed save that loses
 * nothing, a bad CRM address refused where it was typed, a trusted key saved before keys had
 * pack ids, and the page in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { defaultPack, startProcedure } from './flows';
import { generateSigningKey } from '../../lib/pack/sign';

declare const chrome: {
  runtime: {
    sendMessage(
      message: unknown,
    ): Promise<{ ok: boolean; data: { settings: { sites: string[]; profile: Record<string, string>; lang: string; trustedKeys: unknown[] } } }>;
  };
};

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
let welcome: Page;
const DEMO_SITE = 'http://127.0.0.1/*';

beforeAll(async () => {
  server = await demoServer();
  browser = await launch({ keepWelcome: true });
  // Nobody opens it: the background does, on install. Wait for the tab to appear.
  const isWelcome = (p: Page) => p.url().endsWith('/options.html#welcome');
  welcome = browser.context.pages().find(isWelcome) ?? (await browser.context.waitForEvent('page', { predicate: isWelcome, timeout: 15_000 }));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The settings as the background holds them, read from an extension page. */
const stored = (page: Page) => page.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'state.load', payload: {} })).data.settings);

describe('first run', () => {
  it('welcomes a new agent: profile, the demo CRM site, the bundled pack; then the panel greets with their agent ID', async () => {
    expect(welcome.url()).toBe(`chrome-extension://${browser.extensionId}/options.html#welcome`);
    await welcome.getByTestId('cc-welcome').waitFor();
    expect(await welcome.title()).toBe('欢迎使用 Cuecard');
    expect(await welcome.getByTestId('cc-welcome-progress').textContent()).toBe('第 1 步，共 3 步');
    expect(await welcome.locator('[aria-current="step"]').getAttribute('data-testid')).toBe('cc-welcome-step-profile');

    await welcome.getByLabel('公司名称').fill('华信通信');
    await welcome.getByLabel('工号').fill('8023-07');
    await welcome.getByLabel('姓名').fill('李明');
    await welcome.getByRole('button', { name: '保存并继续' }).click();
    await expect.poll(() => welcome.getByTestId('cc-welcome-progress').textContent()).toBe('第 2 步，共 3 步');
    expect(await welcome.getByTestId('cc-welcome-step-profile').getAttribute('data-outcome')).toBe('done');

    // The demo build already holds access to 127.0.0.1, so the browser's prompt resolves at once.
    await welcome.getByLabel('CRM 地址').fill(DEMO_SITE);
    await welcome.getByRole('button', { name: '添加站点' }).click();
    await welcome.locator(`[data-testid="cc-opt-site-row"][data-site="${DEMO_SITE}"]`).waitFor();
    await welcome.getByTestId('cc-welcome-next').click();

    await expect.poll(() => welcome.getByTestId('cc-welcome-progress').textContent()).toBe('第 3 步，共 3 步');
    expect(await welcome.getByTestId('cc-welcome-bundled').isChecked()).toBe(true);
    expect(await welcome.locator('.cc-w-choice').first().textContent()).toContain(defaultPack.title['zh-CN']);
    await welcome.getByTestId('cc-welcome-next').click();

    await welcome.getByTestId('cc-welcome-done').waitFor();
    expect(await welcome.getByTestId('cc-welcome-done').textContent()).toContain('打开您的 CRM');
    expect(await welcome.getByTestId('cc-welcome-open-crm').getAttribute('href')).toBe('http://127.0.0.1/');
    const settings = await stored(welcome);
    expect(settings.profile).toEqual({ company: '华信通信', agentId: '8023-07', name: '李明' });
    expect(settings.sites).toEqual([DEMO_SITE]);

    const crm = await browser.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    const panel = await panelFrame(crm, browser.extensionId);
    await startProcedure(panel, 'inbound-phone', 'phone');
    await expect.poll(() => panel.getByTestId('cc-phrase-greeting').textContent()).toContain('华信通信客服8023-07');
    await crm.close();
  });
});

describe('settings page', () => {
  it('moves between sections by keyboard: one Tab stop in the sidebar, arrows, Home/End, visible focus, deep links and Back', async () => {
    const page = await extensionPage(browser, '/options.html#profile');
    await page.getByTestId('cc-opt-section-profile').waitFor();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('cc-opt-nav-profile');
    // The focus ring is drawn (keyboard focus matches :focus-visible).
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('cc-opt-nav-sites');
    await page.getByTestId('cc-opt-section-sites').waitFor();
    expect(new URL(page.url()).hash).toBe('#sites');
    expect(await page.getByTestId('cc-opt-nav-sites').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('cc-opt-nav-profile').getAttribute('aria-current')).toBeNull();
    expect(await page.getByTestId('cc-opt-section-profile').isHidden()).toBe(true);
    await page.keyboard.press('End');
    await page.getByTestId('cc-opt-section-about').waitFor();
    await page.keyboard.press('Home');
    await page.getByTestId('cc-opt-section-profile').waitFor();
    // Tab leaves the sidebar for the section's first field.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('cc-opt-company');
    // A deep link (a follow-up notification opens #followups) and the Back button.
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#followups`);
    await page.getByTestId('cc-opt-followups').waitFor();
    expect(await page.getByTestId('cc-opt-nav-followups').getAttribute('aria-current')).toBe('page');
    await page.goBack();
    await page.getByTestId('cc-opt-section-profile').waitFor();
    await page.close();
  });

  it('keeps what the agent typed when the background cannot save, and saves it on Retry', async () => {
    const page = await extensionPage(browser, '/options.html#profile');
    const agentId = page.getByTestId('cc-opt-agentId');
    await agentId.fill('8023-08');
    // The demo build's fault hook (lib/db/faults.ts): the next write fails as a full disk does.
    const worker = await browser.worker();
    await worker.evaluate(() => (globalThis as unknown as { __cuecardFaults: { failWrites(n: number): void } }).__cuecardFaults.failWrites(1));
    await page.getByTestId('cc-opt-profile-save').click();
    const error = page.getByTestId('cc-opt-profile-status-error');
    await expect.poll(() => error.textContent()).toMatch(/^未保存：.*QuotaExceededError.*您输入的内容都还在，请重试。重试$/s);
    expect(await agentId.inputValue()).toBe('8023-08');
    expect((await stored(page)).profile.agentId).toBe('8023-07');
    await page.getByTestId('cc-opt-profile-status-retry').click();
    await expect.poll(() => page.getByTestId('cc-opt-profile-status').textContent()).toBe('已保存 ✓');
    expect((await stored(page)).profile.agentId).toBe('8023-08');
    await page.close();
  });

  it('refuses a bad CRM address under the field, naming the problem, and keeps what was typed', async () => {
    const page = await extensionPage(browser, '/options.html#sites');
    const input = page.getByTestId('cc-opt-site');
    await input.fill('crm.example.com/crm');
    await input.press('Enter');
    const error = page.getByTestId('cc-opt-site-error');
    await expect
      .poll(() => error.textContent())
      .toBe('“crm.example.com/crm”不是 Cuecard 可用的站点地址：请写成 https://crm.example.com/* 的形式（http 或 https、主机名，再加 / 和路径）。');
    expect(await input.inputValue()).toBe('crm.example.com/crm');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('cc-opt-site-error');
    expect((await stored(page)).sites).toEqual([DEMO_SITE]);
    await page.close();
  });

  it('is in English when the agent picks English, and follows the browser (Chinese here) on "auto"', async () => {
    const page = await extensionPage(browser, '/options.html#profile');
    await page.getByTestId('cc-opt-lang').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Cuecard settings');
    expect(await page.getByTestId('cc-opt-prefs-status').textContent()).toBe('Saved ✓');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect
      .poll(() => page.locator('nav').innerText())
      .toBe(['Profile', 'CRM sites', 'SOP packs & trust', 'Keyboard shortcuts', 'Follow-ups', 'Broken anchors', 'Team hub', 'About & privacy'].join('\n'));
    expect(await page.getByLabel('Agent ID').inputValue()).toBe('8023-08');
    expect(await page.title()).toBe('Profile · Cuecard settings');
    await page.getByTestId('cc-opt-lang').selectOption('auto');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Cuecard 设置');
    expect((await stored(page)).lang).toBe('auto');
    await page.close();
  });

  it('warns about a trusted key saved before keys had pack ids, and adding it again with pack ids binds it', async () => {
    const key = await generateSigningKey();
    const page = await extensionPage(browser, '/options.html#packs');
    // A key as stored before bindings existed: no packIds (it signs nothing now).
    await page.evaluate(
      (publicKey) => chrome.runtime.sendMessage({ type: 'settings.patch', payload: { patch: { trustedKeys: [{ publicKey }] } } }),
      key.publicKey,
    );
    await page.reload();
    const row = page.locator(`[data-testid="cc-key"][data-key-id="${key.keyId}"]`);
    await expect
      .poll(() => row.getByTestId('cc-key-unbound').textContent())
      .toBe('未绑定任何话术包：这把公钥签署的话术包都会被拒绝。请连同话术包 ID 重新添加它。');
    expect(await row.getByTestId('cc-key-packs').count()).toBe(0);
    await page.getByTestId('cc-key-input').fill(key.publicKey);
    await page.getByTestId('cc-key-pack-ids').fill('acme.team-b, acme.shared.*');
    await page.getByTestId('cc-key-add').click();
    await expect.poll(() => row.getByTestId('cc-key-packs').textContent()).toBe('可签署：acme.team-b, acme.shared.*');
    expect(await row.getByTestId('cc-key-unbound').count()).toBe(0);
    expect(await page.locator('[data-testid="cc-key"]').count()).toBe(1);
    expect((await stored(page)).trustedKeys).toEqual([{ publicKey: key.publicKey, packIds: ['acme.team-b', 'acme.shared.*'] }]);
    await page.close();
  });

  it('is not opened again at the next start for an agent already set up (an unpacked build reports "install" each start)', async () => {
    const dir = browser.userDataDir;
    await browser.close({ keepProfile: true });
    browser = await launch({ userDataDir: dir });
    const page = await extensionPage(browser, '/options.html#profile');
    expect(await page.getByLabel('工号').inputValue()).toBe('8023-08');
    // onInstalled has run by the time an extension page answers; give its tab a moment anyway.
    await page.waitForTimeout(2000);
    expect(
      browser.context
        .pages()
        .map((p) => p.url())
        .filter((u) => u.includes('#welcome')),
    ).toEqual([]);
    await page.close();
  });
});
