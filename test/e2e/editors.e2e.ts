/**
 * Insertion into real rich-text editors (issue 14.1), built from their npm packages
 * (test/fixtures/crm/editors/): for each editor, the greeting inserted from the panel at the caret
 * and over a selection is in the editor's MODEL (read through the editor's API, not the DOM),
 * one Ctrl+Z takes it out again, and the form submits it. Prints the editor × case matrix; any
 * failing cell fails its test (TinyMCE both inline and in its classic srcdoc iframe). Also: a
 * beforeinput-only editor, one that drops or reverts the
 * text, and a field in a closed shadow root (refused and copied, never sent to the last field).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { PROFILE, TEXT, greeting, tr, insertKit } from './insert-kit';
import { panelFrame } from './harness';
import { setOptions, startProcedure } from './flows';
import { fillVariables } from '../../lib/pack/text';

const EDITORS = {
  ckeditor: '.ck-editor__editable',
  tinymce: '#editor',
  quill: '.ql-editor',
  prosemirror: '.ProseMirror',
  lexical: '#editor',
  slate: '[data-slate-editor]',
  codemirror: '.cm-content',
  // Classic mode: the editable body is in a srcdoc iframe TinyMCE writes itself. The agent
  // clicks the frame (below the text: the press lands on its <html>, and the body takes focus).
  'tinymce-iframe': 'iframe.tox-edit-area__iframe',
} as const;
type Name = keyof typeof EDITORS;
const CASES = ['caret', 'selection', 'undo', 'submit'] as const;
type Case = (typeof CASES)[number];
const START = '甲乙XX丙丁';

const { open, insert, browser, url } = insertKit('editors');
const results = new Map<string, 'PASS' | 'FAIL'>();
const copiedInstead = (why: string) => `${why} — ${tr('phrase.copiedInstead')}`;
const failed = (reason: Parameters<typeof tr>[0]) => copiedInstead(tr('phrase.failed', { reason: tr(reason) }));

beforeAll(() => {
  // Bundled from node_modules at test time (no network); dist/ is git-ignored.
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../fixtures/crm/editors/build.mjs')], { stdio: 'inherit' });
});

afterAll(() => {
  const names = Object.keys(EDITORS) as Name[];
  const rows = names.map((n) => `| ${n.padEnd(14)} | ${CASES.map((c) => (results.get(`${n}/${c}`) ?? 'not run').padEnd(9)).join(' | ')} |`);
  const head = `| ${'editor'.padEnd(14)} | ${CASES.map((c) => c.padEnd(9)).join(' | ')} |`;
  console.log(
    ['rich-text editor matrix (Chromium, built demo extension):', head, `|${'-'.repeat(16)}|${CASES.map(() => '-'.repeat(11)).join('|')}|`, ...rows].join('\n'),
  );
});

/** Records one cell of the printed matrix from what `check` decides. */
async function cell(name: Name, c: Case, check: () => Promise<void>): Promise<void> {
  try {
    await check();
    results.set(`${name}/${c}`, 'PASS');
  } catch (err) {
    results.set(`${name}/${c}`, 'FAIL');
    throw err;
  }
}

const model = (page: Page) => page.evaluate(() => (window as unknown as { __editor: { getText(): string } }).__editor.getText());

/** Whether focus is in the editor: in its element, or in the body of its frame (TinyMCE classic). */
function focusedIn(selector: string): boolean {
  const el = document.querySelector(selector);
  if (el instanceof HTMLIFrameElement) return document.activeElement === el && el.contentDocument?.activeElement === el.contentDocument?.body;
  return el?.contains(document.activeElement) ?? false;
}

/** An editor page with the panel on the greeting step, the editor ready, and the agent's click in it. */
async function openEditor(path: string, selector: string): Promise<{ page: Page; panel: Frame }> {
  const { page, panel } = await open(path);
  await page.locator('body[data-editor-ready]').waitFor();
  await page.locator(selector).click(); // the agent's own click: only that makes it the target
  return { page, panel };
}

/** Selects [from, to) of the first paragraph through the editor's API, as the agent would by hand. */
async function select(page: Page, from: number, to: number): Promise<void> {
  await page.evaluate(([f, t]) => (window as unknown as { __editor: { select(f: number, t: number): void } }).__editor.select(f, t), [from, to] as const);
  // The editor renders its selection to the DOM (Slate: after a React render); wait for it.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __editor: { domSelection(): string } }).__editor.domSelection()))
    .toBe(START.slice(from, to));
}

describe.each(Object.keys(EDITORS) as Name[])('%s', (name) => {
  const selector = EDITORS[name];

  it('caret, then submit', async () => {
    const { page, panel } = await openEditor(`/editors/${name}.html`, selector);
    await select(page, 2, 2);
    await cell(name, 'caret', async () => {
      expect(await insert(panel)).toBe(tr('phrase.inserted'));
      await expect.poll(() => model(page)).toBe(`甲乙${TEXT}XX丙丁`);
    });
    await cell(name, 'submit', async () => {
      await page.locator('#send').click();
      // What the form posted, as text (CKEditor, TinyMCE, Quill and ProseMirror post HTML).
      const posted = () => page.locator('#submitted').evaluate((o) => new DOMParser().parseFromString(o.textContent ?? '', 'text/html').body.textContent ?? '');
      await expect.poll(posted).toContain(TEXT);
    });
    await page.close();
  });

  it('over a selection, then one undo', async () => {
    const { page, panel } = await openEditor(`/editors/${name}.html`, selector);
    await select(page, 2, 4);
    await cell(name, 'selection', async () => {
      expect(await insert(panel)).toBe(tr('phrase.inserted'));
      await expect.poll(() => model(page)).toBe(`甲乙${TEXT}丙丁`);
    });
    await cell(name, 'undo', async () => {
      // Insert left the focus in the editor: the agent's Ctrl+Z goes to it, once.
      await expect.poll(() => page.evaluate(focusedIn, selector)).toBe(true);
      await page.keyboard.press('Control+z');
      await expect.poll(() => model(page)).toBe(START);
    });
    await page.close();
  });
});

describe('TinyMCE in its classic iframe (srcdoc, written by TinyMCE)', () => {
  it('takes the phrase in the frame, never in the subject field the agent used before', async () => {
    const { page, panel } = await open('/editors/tinymce-iframe.html');
    await page.locator('body[data-editor-ready]').waitFor();
    await page.locator('#subject').click();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await page.locator(EDITORS['tinymce-iframe']).click();
    await select(page, 2, 2);
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    await expect.poll(() => model(page)).toBe(`甲乙${TEXT}XX丙丁`);
    expect(await page.locator('#subject').inputValue()).toBe('投诉回复!');
    await page.close();
  });
});

describe('an editor that listens only to beforeinput', () => {
  it('gets the text in its model (not only on screen), and one undo removes it', async () => {
    const { page, panel } = await openEditor('/editors/beforeinput.html', '#editor');
    await select(page, 2, 4);
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await model(page)).toBe(`甲乙${TEXT}丙丁`);
    await page.keyboard.press('Control+z');
    await expect.poll(() => model(page)).toBe(START);
    await page.close();
  });

  for (const mode of ['drop', 'revert'] as const) {
    it(`that ${mode}s the text: Cuecard says it was not inserted and copies it`, async () => {
      const { page, panel } = await openEditor(`/editors/beforeinput.html?mode=${mode}`, '#editor');
      await select(page, 2, 2);
      expect(await insert(panel)).toBe(failed('insert.rejected'));
      expect(await model(page)).toBe(START);
      await expect.poll(() => page.locator('#editor').textContent()).toBe(START);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TEXT);
      await page.close();
    });
  }
});

describe('a field inside a closed shadow root', () => {
  it('is never taken for the last field seen: the insert is refused and copied', async () => {
    const { page, panel } = await open('/editors/closed-shadow.html');
    await page.locator('#notes').click();
    await page.keyboard.type('a');
    await page.locator('#closed-note').click(); // lands in the textarea inside the closed root
    await page.keyboard.type('b');
    expect(await insert(panel)).toBe(failed('insert.closed-shadow'));
    expect(await page.locator('#notes').inputValue()).toBe('a');
    expect(await page.evaluate(() => (document.querySelector('#closed-note') as HTMLElement & { readValue(): string }).readValue())).toBe('b');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TEXT);
    // Back in an ordinary field, a click is enough: inserting works again. (The panel clears
    // the refusal above as the new insert starts, so this reads the new outcome, not the old.)
    await page.locator('#notes').click();
    await page.keyboard.press('End');
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await page.locator('#notes').inputValue()).toBe(`a${TEXT}`);
    await page.close();
  });
});

describe('a phrase with unfilled variables', () => {
  it('is inserted with raw braces only after the agent confirms, by keyboard', async () => {
    await setOptions(browser(), { company: '' });
    const page = await browser().context.newPage();
    await page.goto(url() + '/index.html');
    const panel = await panelFrame(page, browser().extensionId);
    await panel.locator('[data-testid="cc-insert-greeting"], [data-testid="cc-start-inbound-phone-phone"], [data-testid="cc-new-run"]').first().waitFor();
    if (!(await panel.getByTestId('cc-insert-greeting').isVisible())) await startProcedure(panel, 'inbound-phone', 'phone');
    const raw = fillVariables(greeting.text['zh-CN']!, { agentId: PROFILE.agentId }).text;
    expect(raw).toContain('{company}');
    await expect.poll(() => panel.getByTestId('cc-phrase-greeting').textContent()).toBe(raw);
    const focused = () => panel.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    const confirm = panel.getByTestId('cc-insert-confirm');
    const result = panel.getByTestId('cc-insert-result');

    await page.locator('#notes').click();
    await panel.getByTestId('cc-insert-greeting').click();
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(tr('phrase.unfilled', { vars: '{company}' }));
    await expect.poll(focused).toBe('cc-insert-anyway');
    await page.keyboard.press('Escape'); // the agent backs out: nothing is written
    await confirm.waitFor({ state: 'detached' });
    expect(await result.textContent()).toBe('');
    expect(await page.locator('#notes').inputValue()).toBe('');

    await panel.getByTestId('cc-insert-greeting').click();
    await expect.poll(focused).toBe('cc-insert-anyway');
    await page.keyboard.press('Enter'); // the agent confirms
    await expect.poll(() => result.textContent()).toBe(tr('phrase.inserted'));
    expect(await page.locator('#notes').inputValue()).toBe(raw);
    await page.close();
    await setOptions(browser(), { company: PROFILE.company });
  });
});
