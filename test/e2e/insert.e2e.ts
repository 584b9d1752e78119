/**
 * The insertion matrix: the greeting phrase inserted from the panel lands at the saved caret,
 * replacing the selection, in every field kind × frame kind the demo CRM has. Prints the
 * measured matrix at the end.
 */
import { describe, expect } from 'vitest';
import { TEXT, tr, EXPECTED, insertKit } from './insert-kit';

const { cell, open, insert, intoValueField, intoRich, frameByName } = insertKit('insert matrix (field kind × frame kind)');

describe('insert lands at the caret', () => {
  cell('input', 'top page', async () => {
    const { page, panel } = await open('/index.html');
    expect(await intoValueField(page.mainFrame(), '#cust-name', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('textarea (page log sees input)', 'top page', async () => {
    const { page, panel } = await open('/index.html');
    expect(await intoValueField(page.mainFrame(), '#notes', panel)).toBe(EXPECTED);
    const log = await page.evaluate(() => (window as unknown as { crmLog: Array<Record<string, unknown>> }).crmLog);
    expect(log.some((e) => e.type === 'input' && e.target === 'notes' && e.value === EXPECTED)).toBe(true);
    await page.close();
  });

  cell('input with a value-as-placeholder cleared on focus', 'top page', async () => {
    const { page, panel } = await open('/index.html');
    await page.locator('#cust-remark').click();
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await page.locator('#cust-remark').inputValue()).toBe(TEXT);
    await page.close();
  });

  cell('email input (no selection API)', 'top page', async () => {
    const { page, panel } = await open('/index.html');
    await page.locator('#cust-email').click();
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await page.locator('#cust-email').inputValue()).toBe(TEXT);
    await page.close();
  });

  cell('contenteditable', 'top page', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoRich(page.mainFrame(), '#rich', panel)).toBe(`客户${TEXT}：处理结果：`);
    await page.close();
  });

  cell('React-style controlled input', 'top page', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoValueField(page.mainFrame(), '#react-input', panel)).toBe(EXPECTED);
    expect(JSON.parse((await page.locator('#state').textContent())!).name).toBe(EXPECTED);
    await page.locator('#rerender').click();
    expect(await page.locator('#react-input').inputValue()).toBe(EXPECTED);
    await page.close();
  });

  cell('Vue-style input', 'top page', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoValueField(page.mainFrame(), '#vue-input', panel)).toBe(EXPECTED);
    expect(JSON.parse((await page.locator('#vue-state').textContent())!)).toBe(EXPECTED);
    await page.close();
  });

  cell('input', 'open shadow root', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoValueField(page.mainFrame(), '#shadow-input', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('textarea', 'open shadow root', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoValueField(page.mainFrame(), '#shadow-notes', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('contenteditable', 'open shadow root', async () => {
    const { page, panel } = await open('/widgets.html');
    expect(await intoRich(page.mainFrame(), '#shadow-rich', panel)).toBe(`客户${TEXT}：`);
    await page.close();
  });

  cell('input + textarea', 'same-origin iframe', async () => {
    const { page, panel } = await open('/iframes.html');
    const frame = await frameByName(page, 'same', 'iframe-form.html');
    expect(await intoValueField(frame, '#sub-name', panel)).toBe(EXPECTED);
    expect(await intoValueField(frame, '#sub-notes', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('textarea', 'cross-origin iframe', async () => {
    const { page, panel } = await open('/iframes.html');
    const frame = await frameByName(page, 'cross', 'iframe-cross.html');
    expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
    expect(await intoValueField(frame, '#cross-notes', panel)).toBe(EXPECTED);
    // Back in the top page: the insert follows the focus to the other frame.
    expect(await intoValueField(page.mainFrame(), '#notes', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('textarea', 'frameset main frame (hosts the panel)', async () => {
    const { page, panel } = await open('/frameset.html');
    const main = await frameByName(page, 'main', 'main.html');
    expect(await intoValueField(main, '#notes', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('input', 'frameset nav frame', async () => {
    const { page, panel } = await open('/frameset.html');
    const nav = await frameByName(page, 'nav', 'nav.html');
    expect(await intoValueField(nav, '#nav-search', panel)).toBe(EXPECTED);
    await page.close();
  });

  cell('textarea, submitted', 'GBK page', async () => {
    const { page, panel } = await open('/gbk.html');
    expect(await page.evaluate(() => document.characterSet)).toBe('GBK');
    expect(await intoValueField(page.mainFrame(), '#notes', panel)).toBe(EXPECTED);
    await Promise.all([page.waitForURL(/notes=/), page.locator('#submit').click()]);
    expect(await page.locator('#submitted').getAttribute('data-notes')).toBe(EXPECTED);
    await page.close();
  });
});
