/**
 * Shared by the insert suites (insert*.e2e.ts): the greeting phrase and the text it fills in,
 * one browser per file with the agent's profile set and clipboard access for reading back a
 * copy, and the steps of an insert: open a CRM page on the greeting step, select, insert.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { procedure, setOptions, startProcedure, step } from './flows';
import { fillVariables } from '../../lib/pack/text';
import { translate, type MessageKey } from '../../lib/i18n/translate';

export const PROFILE = { company: '华夏通信', agentId: '10086-0321' };
export const greeting = step(procedure('inbound-phone'), 'greet').phrases!.find((p) => p.id === 'greeting')!;
export const TEXT = fillVariables(greeting.text['zh-CN']!, PROFILE).text;
export const tr = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
export const BEFORE = '甲乙XX丙丁'; // the agent selected "XX": the insert replaces it
export const SELECTED: [number, number] = [2, 4];
export const EXPECTED = BEFORE.slice(0, 2) + TEXT + BEFORE.slice(4);

/**
 * Registers the file's beforeAll/afterAll and returns the helpers, bound to its browser. The
 * file's matrix cells (`cell`) are printed under `title` at the end.
 */
export function insertKit(title: string) {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof demoServer>>;
  const matrix: Array<{ field: string; frame: string; result: 'pass' | 'FAIL' }> = [];
  /** One cell of the matrix: a test whose outcome is also recorded for the printed table. */
  function cell(field: string, frame: string, body: () => Promise<void>) {
    it(`${field} × ${frame}`, async () => {
      try {
        await body();
        matrix.push({ field, frame, result: 'pass' });
      } catch (err) {
        matrix.push({ field, frame, result: 'FAIL' });
        throw err;
      }
    });
  }
  beforeAll(async () => {
    server = await demoServer();
    browser = await launch();
    // Chromium refuses to grant permissions to a chrome-extension:// origin ("opaque origin"), and
    // the framed panel may not read the clipboard anyway (its frame allows clipboard-write only),
    // so the clipboard is read back from the CRM page, which shares the browser's clipboard.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await setOptions(browser, PROFILE);
  });
  afterAll(async () => {
    if (matrix.length) console.log([`${title}:`, ...matrix.map((m) => `  ${m.result.padEnd(4)}  ${m.field} × ${m.frame}`)].join('\n'));
    await browser?.close();
    await server?.close();
  });

  /** A CRM page whose panel shows the greeting step (a run is started if none shows it). */
  async function open(path: string): Promise<{ page: Page; panel: Frame }> {
    const page = await browser.context.newPage();
    await page.goto(server.url + path);
    const panel = await panelFrame(page, browser.extensionId);
    const ids = ['cc-insert-greeting', 'cc-start-inbound-phone-phone', 'cc-new-run'];
    await panel
      .locator(ids.map((id) => `[data-testid="${id}"]`).join(', '))
      .first()
      .waitFor();
    if (!(await panel.getByTestId('cc-insert-greeting').isVisible())) await startProcedure(panel, 'inbound-phone', 'phone');
    await expect.poll(() => panel.getByTestId('cc-phrase-greeting').textContent()).toBe(TEXT);
    return { page, panel };
  }

  /** Clicks Insert in the panel and waits for its verdict. */
  async function insert(panel: Frame): Promise<string> {
    const result = panel.getByTestId('cc-insert-result');
    await panel.getByTestId('cc-insert-greeting').click();
    await expect.poll(() => result.textContent()).not.toBe('');
    return (await result.textContent()) ?? '';
  }

  /** Types BEFORE into an input/textarea, selects "XX", inserts from the panel; returns the value. */
  async function intoValueField(frame: Frame, selector: string, panel: Frame): Promise<string> {
    const field = frame.locator(selector);
    await field.click();
    await field.fill(BEFORE);
    await field.evaluate((el: HTMLInputElement, [s, e]) => el.setSelectionRange(s, e), SELECTED);
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    return field.inputValue();
  }

  /** Puts the caret selection on "反映" in a contenteditable's first text, then inserts. */
  async function intoRich(frame: Frame, selector: string, panel: Frame): Promise<string> {
    const field = frame.locator(selector);
    await field.click();
    await field.evaluate((el) => {
      const text = el.querySelector('p')?.firstChild ?? el.appendChild(document.createTextNode('客户反映：'));
      const range = document.createRange();
      range.setStart(text, 2);
      range.setEnd(text, 4);
      const sel = (el.getRootNode() as Document).getSelection?.() ?? document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    });
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    return (await field.textContent()) ?? '';
  }

  const frameByName = async (page: Page, name: string, file: string): Promise<Frame> => {
    await expect.poll(() => page.frame({ name })?.url() ?? '').toContain(file);
    const frame = page.frame({ name })!;
    await frame.waitForLoadState();
    return frame;
  };

  return { cell, open, insert, intoValueField, intoRich, frameByName, browser: () => browser, url: () => server.url };
}
