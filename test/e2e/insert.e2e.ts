/**
 * The insertion matrix: the greeting phrase inserted from the panel lands at the saved caret,
 * replacing the selection, in every field kind × frame kind the demo CRM has; where it cannot
 * land, the panel says so and copies instead. Prints the measured matrix at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { procedure, setOptions, startProcedure, step } from './flows';
import { fillVariables } from '../../lib/pack/text';
import { translate, type MessageKey } from '../../lib/i18n/translate';

let browser: Browser;
let server: Awaited<ReturnType<typeof demoServer>>;
const PROFILE = { company: '华夏通信', agentId: '10086-0321' };
const greeting = step(procedure('inbound-phone'), 'greet').phrases!.find((p) => p.id === 'greeting')!;
const TEXT = fillVariables(greeting.text['zh-CN']!, PROFILE).text;
const tr = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const BEFORE = '甲乙XX丙丁'; // the agent selected "XX": the insert replaces it
const SELECTED: [number, number] = [2, 4];
const EXPECTED = BEFORE.slice(0, 2) + TEXT + BEFORE.slice(4);

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
  console.log(['insert matrix (field kind × frame kind):', ...matrix.map((m) => `  ${m.result.padEnd(4)}  ${m.field} × ${m.frame}`)].join('\n'));
  await browser?.close();
  await server?.close();
});

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

/** A CRM page whose panel shows the greeting step (a run is started if none shows it). */
async function open(path: string): Promise<{ page: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(server.url + path);
  const panel = await panelFrame(page, browser.extensionId);
  const ids = ['cc-insert-greeting', 'cc-start-inbound-phone-phone', 'cc-new-run'];
  await panel.locator(ids.map((id) => `[data-testid="${id}"]`).join(', ')).first().waitFor();
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

describe('insert keeps the browser undo stack', () => {
  it('Ctrl+Z undoes an insert in a textarea', async () => {
    const { page, panel } = await open('/index.html');
    const notes = page.locator('#notes');
    await notes.click();
    await notes.pressSequentially('已记录');
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await notes.inputValue()).toBe('已记录' + TEXT);
    await notes.focus();
    await page.keyboard.press('Control+z');
    expect(await notes.inputValue()).toBe('已记录');
    await page.close();
  });
});

describe('when the text cannot land, the panel says so and copies instead', () => {
  const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
  const copiedInstead = (why: string) => `${why} — ${tr('phrase.copiedInstead')}`;

  /** Sets up the page, inserts, and checks the text went to the clipboard; returns what the panel said. */
  async function refused(path: string, setup: (page: Page) => Promise<void>, check: (page: Page) => Promise<void>): Promise<string> {
    const { page, panel } = await open(path);
    await page.evaluate(() => navigator.clipboard.writeText('(clipboard before)'));
    expect(await clipboard(page)).toBe('(clipboard before)');
    await setup(page);
    const said = await insert(panel);
    expect(await clipboard(page)).toBe(TEXT);
    await check(page);
    await page.close();
    return said;
  }

  cell('read-only input → refused, copied', 'top page', async () => {
    const said = await refused(
      '/index.html',
      (page) => page.locator('#cust-level').click(),
      async (page) => expect(await page.locator('#cust-level').inputValue()).toBe('钻石卡 Diamond'),
    );
    expect(said).toBe(`${tr('phrase.failed', { reason: tr('insert.read-only') })} — ${tr('phrase.copiedInstead')}`);
  });

  cell('maxlength too short → refused, copied', 'top page', async () => {
    const said = await refused(
      '/index.html',
      (page) => page.locator('#callback-code').fill('12'),
      async (page) => expect(await page.locator('#callback-code').inputValue()).toBe('12'),
    );
    expect(said).toBe(`${tr('phrase.failed', { reason: tr('insert.too-long', { limit: 6 }) })} — ${tr('phrase.copiedInstead')}`);
  });

  cell('controlled input whose page discards the text → refused, copied', 'top page', async () => {
    const said = await refused(
      '/widgets.html',
      (page) => page.locator('#react-locked').click(),
      async (page) => expect(await page.locator('#react-locked').inputValue()).toBe('10086-0321'),
    );
    expect(said).toBe(`${tr('phrase.failed', { reason: tr('insert.rejected') })} — ${tr('phrase.copiedInstead')}`);
  });

  cell('field removed before inserting → refused, copied', 'top page', async () => {
    const said = await refused(
      '/index.html',
      async (page) => {
        await page.locator('#cust-account').fill('A-1');
        await page.locator('#cust-account').evaluate((el) => el.remove());
      },
      async (page) => expect(await page.locator('#cust-account').count()).toBe(0),
    );
    expect(said).toBe(copiedInstead(tr('phrase.fieldGone')));
  });

  cell('no field ever focused → "click into a CRM field first", copied', 'top page', async () => {
    const said = await refused(
      '/index.html',
      async () => undefined,
      async (page) => expect(await page.locator('#notes').inputValue()).toBe(''),
    );
    expect(said).toBe(copiedInstead(tr('phrase.noField')));
  });

  // A closed shadow root is opaque by design: its field is never a target, so this is "no field".
  cell('input in a closed shadow root → not a target, copied', 'closed shadow root', async () => {
    const said = await refused(
      '/widgets.html',
      async (page) => {
        await page.locator('#closed-host').click();
        await page.keyboard.type('甲');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('closed-host'); // focus went inside it
      },
      async () => undefined,
    );
    expect(said).toBe(copiedInstead(tr('phrase.noField')));
  });
});
