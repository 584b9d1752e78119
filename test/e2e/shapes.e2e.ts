/**
 * Page shapes (issue 14.2), in real Chromium with the built extension: context reading, the
 * agent's field followed, insertion and "Show me" in a form three open shadow roots deep, in
 * frames that never load a URL (about:blank, srcdoc, document.write, one added after load), in
 * a document the page replaces with document.open() (the panel comes back), and on pages with
 * fixed toolbars and right-to-left text. Layout (what the panel covers) is in shapes-layout.e2e.ts.
 */
import { describe, expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { insertKit, TEXT, tr } from './insert-kit';
import { maskValue } from '../../lib/context/mask';
import { panelFrame } from './harness';

const kit = insertKit('Page shapes × (context, focus + insert, Show me)');
const WAIT = { timeout: 10_000 };
const field = async (panel: Frame, id: string) => (await panel.getByTestId(`cc-field-${id}`).textContent()) ?? '';

/** Is the highlight box of `frame` drawn around `target` (Playwright's CSS goes through open shadow roots)? */
async function surrounds(frame: Page | Frame, target: string): Promise<boolean> {
  const [box, el] = await Promise.all([frame.locator('cuecard-highlight').boundingBox(), frame.locator(target).boundingBox()]);
  if (!box || !el) return false;
  return box.x <= el.x && box.y <= el.y && box.x + box.width >= el.x + el.width && box.y + box.height >= el.y + el.height && box.width - el.width < 12;
}

/** Types into the field as the agent would, selects "XX", inserts the greeting; returns the field's value. */
async function insertInto(frame: Frame, selector: string, panel: Frame): Promise<string> {
  const el = frame.locator(selector);
  await el.click();
  await el.pressSequentially('甲乙XX');
  await el.evaluate((f: HTMLTextAreaElement) => f.setSelectionRange(2, 4));
  expect(await kit.insert(panel)).toBe(tr('phrase.inserted'));
  return el.inputValue();
}

/** On the verify step, "Show me" for anchor `index`: found, and the box is around `target` in `frame`. */
async function showMe(panel: Frame, index: number, frame: Page | Frame, target: string) {
  await panel.getByTestId(`cc-showme-${index}`).click();
  await expect.poll(async () => (await panel.getByTestId('cc-showme-status').textContent()) ?? '', WAIT).toContain('已在 CRM 页面中框出');
  await expect.poll(() => surrounds(frame, target), WAIT).toBe(true);
}

const toVerify = async (panel: Frame) => {
  await panel.getByTestId('cc-next').click();
  await panel.getByTestId('cc-showme-0').waitFor(WAIT);
};

describe('page shapes', () => {
  kit.cell('nested open shadow roots (3 levels)', 'top page', async () => {
    const { page, panel } = await kit.open('/shapes/shadow.html');
    const main = page.mainFrame();
    // By selector (#cust-name) and by label text, three shadow roots deep.
    await expect.poll(() => field(panel, 'customer.name'), WAIT).toBe(maskValue('林小红', 'name'));
    expect(await field(panel, 'customer.phone')).toBe(maskValue('13912345678', 'phone'));
    expect(await field(panel, 'customer.account')).toBe(maskValue('ACC-2026-1204', 'id'));
    expect(await main.locator('#notes').evaluate((el) => (el.getRootNode() as ShadowRoot).host.tagName)).toBe('CRM-FIELD-GROUP');
    expect(await insertInto(main, '#notes', panel)).toBe(`甲乙${TEXT}`);
    await toVerify(panel);
    await showMe(panel, 0, page, '#cust-name'); // 客户姓名, by label text
    await showMe(panel, 1, page, '#sh-account'); // 账户
    await page.close();
  });

  kit.cell('about:blank, srcdoc, document.write and late frames', 'child frames', async () => {
    const { page, panel } = await kit.open('/shapes/frames.html');
    await page.click('#add-frame');
    await expect.poll(() => page.frame({ name: 'late' })?.locator('#lt-ticket').count() ?? 0, WAIT).toBe(1);
    const frames = Object.fromEntries(['blank', 'srcdoc', 'written', 'late'].map((n) => [n, page.frame({ name: n })!]));
    expect(frames.blank!.url()).toBe('about:blank');
    expect(frames.srcdoc!.url()).toBe('about:srcdoc');
    // document.open gives the written frame its writer's URL (Playwright's url() misses that change).
    expect(await frames.written!.evaluate(() => location.href)).toContain('/shapes/frames.html');
    // One field per frame; a read is asked again when the agent comes back to the panel.
    const want = {
      'customer.name': maskValue('周小芳', 'name'),
      'customer.phone': maskValue('13712345678', 'phone'),
      'customer.account': maskValue('ACC-2026-0042', 'id'),
      'ticket.id': maskValue('T20261204007', 'id'),
    };
    await expect
      .poll(async () => {
        await panel.getByTestId('cc-context-refresh').click();
        return Object.fromEntries(await Promise.all(Object.keys(want).map(async (id) => [id, await field(panel, id)])));
      }, WAIT)
      .toEqual(want);
    for (const [name, sel] of [
      ['blank', '#blank-notes'],
      ['srcdoc', '#srcdoc-notes'],
      ['written', '#notes'],
      ['late', '#late-notes'],
    ] as const) {
      expect(await insertInto(frames[name]!, sel, panel), name).toBe(`甲乙${TEXT}`);
    }
    await toVerify(panel);
    await showMe(panel, 0, frames.written!, '#cust-name');
    await showMe(panel, 1, frames.blank!, '#bl-account');
    await page.close();
  });

  kit.cell('document replaced with document.open() after load', 'top page', async () => {
    const { page, panel: before } = await kit.open('/shapes/reopen.html');
    const extensionId = new URL(before.url()).host;
    await page.click('#reopen');
    await page.locator('#reopened-page').waitFor(WAIT);
    await expect.poll(() => before.isDetached(), WAIT).toBe(true); // the page took the old panel with it
    const panel = await panelFrame(page, extensionId);
    await panel.getByTestId('cc-insert-greeting').waitFor(WAIT);
    await expect.poll(() => page.locator('cuecard-panel').count()).toBe(1);
    await expect.poll(() => field(panel, 'customer.name'), WAIT).toBe(maskValue('吴小军', 'name'));
    expect(await field(panel, 'customer.account')).toBe(maskValue('ACC-2026-0777', 'id'));
    expect(await insertInto(page.mainFrame(), '#notes', panel)).toBe(`甲乙${TEXT}`);
    await toVerify(panel);
    await showMe(panel, 0, page, '#cust-name');
    await page.close();
  });

  for (const path of ['/shapes/fixed.html', '/shapes/rtl.html']) {
    kit.cell(path.includes('rtl') ? 'right-to-left page' : 'fixed and sticky toolbars', 'top page', async () => {
      const { page, panel } = await kit.open(path);
      await expect.poll(() => field(panel, 'customer.account'), WAIT).not.toBe(tr('context.notFound'));
      expect(await insertInto(page.mainFrame(), '#notes', panel)).toBe(`甲乙${TEXT}`);
      await toVerify(panel);
      await showMe(panel, 0, page, '#cust-name');
      await page.close();
    });
  }
});
