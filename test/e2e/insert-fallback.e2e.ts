/**
 * After an insert: the browser's own undo takes it back; and where the text cannot land (no
 * field, a field gone or read-only, a page that swallows it), the panel says so and copies
 * the text instead.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEXT, tr, insertKit } from './insert-kit';

const { cell, open, insert } = insertKit('insert matrix, where the text cannot land (field kind × frame kind)');

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
      async (page) => {
        await page.locator('#callback-code').click(); // the agent's click makes it the target
        await page.locator('#callback-code').fill('12');
      },
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
        await page.locator('#cust-account').click();
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

  // A closed shadow root is opaque by design: its field is never a target, and the panel says why
  // (test/e2e/editors.e2e.ts checks an earlier field does not get the text instead).
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
    expect(said).toBe(copiedInstead(tr('phrase.failed', { reason: tr('insert.closed-shadow') })));
  });
});
