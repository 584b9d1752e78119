/**
 * What a CRM page can forge on its own side, tried as an attacker would in real Chromium with the
 * built demo extension: steering the insert target (synthetic focusin, a script's focus(), a
 * transparent or off-page textarea, another frame's focus()), forged Alt+Shift+K and WXT
 * lifecycle events, and clickjacking the panel (an overlay with pointer-events:none, opacity on
 * <html>, a filter, a transform) with the agent's real mouse. Each test also checks what the
 * agent sees. Fixture: test/fixtures/crm/hostile/steer.html.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { panelFrame } from './harness';
import { faultKit, title } from './faults-kit';
import { currentTitle, setOptions, startProcedure } from './flows';
import { PROFILE, TEXT, tr } from './insert-kit';
import { SETTLE_MS } from '../../lib/panel-page/visibility';

const kit = faultKit();
const { open, startShift, storedRun, storedTicks, fromDb } = kit;

beforeAll(async () => {
  // The clipboard is read back from the CRM page (see insert-kit.ts for why).
  await kit.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await setOptions(kit.browser, PROFILE);
});

const copiedInstead = (why: string) => `${why} — ${tr('phrase.copiedInstead')}`;
const value = (frame: Page | Frame, sel: string) => frame.locator(sel).inputValue();
const activeId = (frame: Page | Frame) => frame.evaluate(() => document.activeElement?.id ?? '');
const panelOpen = async () => (await fromDb<{ value: { panelOpen: boolean } }>('kv', 'settings')).value.panelOpen;

/** A CRM page on the greeting step, with the clipboard holding something else. */
async function greeting(path: string): Promise<{ page: Page; panel: Frame }> {
  const { page, panel } = await open(path);
  await startProcedure(panel, 'inbound-phone', 'phone');
  await expect.poll(() => panel.getByTestId('cc-phrase-greeting').textContent()).toBe(TEXT);
  await page.evaluate(() => navigator.clipboard.writeText('(clipboard before)'));
  return { page, panel };
}

/** Clicks Insert in the panel; returns what the panel said. */
async function insert(panel: Frame): Promise<string> {
  const result = panel.getByTestId('cc-insert-result');
  await panel.getByTestId('cc-insert-greeting').click();
  await expect.poll(() => result.textContent()).not.toBe('');
  return (await result.textContent()) ?? '';
}

describe('a page steering the insert target', () => {
  it('a synthetic focusin on a hidden textarea: the phrase goes to the field the agent clicked', async () => {
    const { page, panel } = await greeting('/hostile/steer.html');
    await page.locator('#notes').click();
    await page.evaluate(() => document.getElementById('trap')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true })));
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await value(page, '#notes')).toBe(TEXT);
    expect(await value(page, '#trap')).toBe('');
    await page.close();
  });

  it('a page script focusing a hidden textarea after the agent clicked a field: refused and copied, never put there', async () => {
    const { page, panel } = await greeting('/hostile/steer.html');
    await page.locator('#notes').click();
    await page.evaluate(() => document.getElementById('trap')!.focus());
    expect(await activeId(page)).toBe('trap'); // the attack took focus (a trusted focusin)
    const said = await insert(panel);
    expect(said).toBe(copiedInstead(tr('phrase.noField')));
    expect(said).not.toContain(tr('phrase.inserted'));
    expect(await value(page, '#trap')).toBe('');
    expect(await value(page, '#notes')).toBe('');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TEXT);
    await page.close();
  });

  it('the agent clicking a transparent textarea laid over a decoy: refused as hidden, copied', async () => {
    const { page, panel } = await greeting('/hostile/steer.html');
    const box = (await page.locator('#decoy').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await activeId(page)).toBe('trap');
    expect(await insert(panel)).toBe(copiedInstead(tr('phrase.failed', { reason: tr('insert.hidden') })));
    expect(await value(page, '#trap')).toBe('');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TEXT);
    await page.close();
  });

  it('Tab into an off-page textarea: refused as hidden, copied', async () => {
    const { page, panel } = await greeting('/hostile/steer.html');
    await page.locator('#notes').click();
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('offpage');
    expect(await insert(panel)).toBe(copiedInstead(tr('phrase.failed', { reason: tr('insert.hidden') })));
    expect(await value(page, '#offpage')).toBe('');
    await page.close();
  });

  it('another frame taking focus by script does not take the insert target (same-origin and cross-origin)', async () => {
    const { page, panel } = await greeting('/iframes.html');
    await page.locator('#notes').click();
    const focusByScript = (frame: Frame, id: string) =>
      frame.evaluate(
        (id) =>
          new Promise<boolean>((done) => {
            const el = document.getElementById(id)!;
            el.addEventListener('focusin', (e) => done(e.isTrusted), { once: true });
            el.focus();
            setTimeout(() => done(false), 1000);
          }),
        id,
      );
    let expected = '';
    for (const [name, id] of [
      ['same', 'sub-notes'],
      ['cross', 'cross-notes'],
    ] as const) {
      await expect.poll(() => page.frame({ name })?.locator(`#${id}`).count() ?? 0).toBe(1);
      const frame = page.frame({ name })!;
      expect(await focusByScript(frame, id)).toBe(true); // a trusted focusin happened in that frame
      await panel.getByTestId('cc-insert-greeting').click();
      expected += TEXT;
      await expect.poll(() => value(page, '#notes')).toBe(expected);
      expect(await panel.getByTestId('cc-insert-result').textContent()).toBe(tr('phrase.inserted'));
      expect(await value(frame, `#${id}`)).toBe('');
    }
    await page.close();
  });
});

describe('forged keys and lifecycle events', () => {
  const forgeToggle = (page: Page) =>
    page.evaluate(() => {
      const init = { key: 'K', code: 'KeyK', altKey: true, shiftKey: true, bubbles: true, composed: true, cancelable: true };
      for (const t of [window, document, document.body]) t.dispatchEvent(new KeyboardEvent('keydown', init));
    });
  const shows = (panel: Frame, id: 'cc-panel' | 'cc-tab') => panel.getByTestId(id).waitFor();

  it('a synthetic Alt+Shift+K collapses the panel in no tab; the real key still does', async () => {
    const a = await open('/index.html');
    const b = await open('/hostile/form.html');
    await Promise.all([shows(a.panel, 'cc-panel'), shows(b.panel, 'cc-panel')]);
    await forgeToggle(a.page);
    await a.page.bringToFront();
    await a.page.locator('body').click({ position: { x: 5, y: 5 } });
    // The real key toggles once: had the forged one acted, the panels would be open again.
    await a.page.keyboard.press('Alt+Shift+K');
    await Promise.all([shows(a.panel, 'cc-tab'), shows(b.panel, 'cc-tab')]);
    expect(await panelOpen()).toBe(false);
    await forgeToggle(b.page);
    await a.page.keyboard.press('Alt+Shift+K');
    await Promise.all([shows(a.panel, 'cc-panel'), shows(b.panel, 'cc-panel')]);
    expect(await panelOpen()).toBe(true);
    await a.page.close();
    await b.page.close();
  });

  it('a forged WXT content-script-started event stops neither the content script nor the panel', async () => {
    const { page, panel } = await greeting('/hostile/steer.html');
    await page.evaluate((id) => {
      const name = `${id}:crm:wxt:content-script-started`;
      const detail = { contentScriptName: 'crm', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      document.body.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
      window.postMessage({ type: name, contentScriptName: 'crm', messageId: 'forged' }, '*');
    }, kit.browser.extensionId);
    // Everything the content script does still works: insert, the toggle key, the panel host.
    await page.locator('#notes').click();
    expect(await insert(panel)).toBe(tr('phrase.inserted'));
    expect(await value(page, '#notes')).toBe(TEXT);
    expect(panel.isDetached()).toBe(false);
    expect(await page.locator('cuecard-panel').count()).toBe(1);
    await page.keyboard.press('Alt+Shift+K');
    await shows(panel, 'cc-tab');
    await page.keyboard.press('Alt+Shift+K');
    await shows(panel, 'cc-panel');
    await page.close();
  });
});

describe('clickjacking the panel', () => {
  const ATTACKS: Record<string, string> = {
    'an overlay with pointer-events:none': `(() => { const d = document.createElement('div'); d.id = 'decoy-overlay';
      d.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgba(255,255,255,.01)';
      document.documentElement.append(d); })()`,
    'opacity 0.01 on <html>': `document.documentElement.style.setProperty('opacity', '0.01', 'important')`,
    'a CSS filter on <html>': `document.documentElement.style.setProperty('filter', 'opacity(0.02)', 'important')`,
    'a transform on <html>': `document.documentElement.style.setProperty('transform', 'rotate(0.5deg)', 'important')`,
  };
  const lift = `document.getElementById('decoy-overlay')?.remove();
    for (const p of ['opacity', 'filter', 'transform']) document.documentElement.style.removeProperty(p);`;

  /** The agent's real mouse on the middle of a panel control (page coordinates, trusted input). */
  async function realClick(page: Page, control: Locator) {
    const box = (await control.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  /** Waits until the panel sees itself shown again and has settled; the notice is gone. */
  async function uncovered(page: Page, panel: Frame) {
    await page.evaluate(lift);
    await panel.locator('html[data-cc-visibility="visible"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(SETTLE_MS + 150);
    await panel.getByTestId('cc-covered').waitFor({ state: 'detached' });
  }
  async function covered(page: Page, panel: Frame, attack: string) {
    await page.evaluate(ATTACKS[attack]!);
    await expect.poll(() => panel.getByTestId('cc-covered').textContent()).toBe(tr('panel.covered'));
  }

  for (const attack of Object.keys(ATTACKS)) {
    it(`${attack}: a real click on a checklist item ticks nothing until the panel is fully shown`, async () => {
      const { page, panel } = await open('/index.html');
      const id = await startShift(panel);
      const item = panel.getByTestId('cc-item-workspace-tidy');
      await covered(page, panel, attack);
      await realClick(page, item);
      expect(await item.isChecked()).toBe(false);
      await uncovered(page, panel);
      // The same click now ticks it: had the covered click acted, this one would untick it.
      await realClick(page, item);
      await expect.poll(() => item.isChecked()).toBe(true);
      await expect.poll(() => storedTicks(id)).toEqual(['workspace-tidy']);
      await page.close();
    });
  }

  it('an overlay: a real click on Next moves nothing until the panel is fully shown', async () => {
    const { page, panel } = await open('/index.html');
    const id = await startShift(panel);
    for (const item of ['workspace-tidy', 'equipment-working']) await panel.getByTestId(`cc-item-${item}`).check();
    await expect.poll(() => storedTicks(id)).toEqual(['equipment-working', 'workspace-tidy']);
    await covered(page, panel, 'an overlay with pointer-events:none');
    await realClick(page, panel.getByTestId('cc-next'));
    expect(await currentTitle(panel)).toContain(title('environment'));
    await uncovered(page, panel);
    // Still on the first step, in the store too: its checkbox is there to untick, and the write
    // of that untick comes after anything the covered click could have written.
    await realClick(page, panel.getByTestId('cc-item-workspace-tidy'));
    await expect.poll(() => storedTicks(id)).toEqual(['equipment-working']);
    expect((await storedRun(id))!.path.at(-1)!.stepId).toBe('environment');
    await realClick(page, panel.getByTestId('cc-item-workspace-tidy'));
    await realClick(page, panel.getByTestId('cc-next'));
    await expect.poll(() => currentTitle(panel)).toContain(title('mindset'));
    await expect.poll(async () => (await storedRun(id))!.path.at(-1)!.stepId).toBe('mindset');
    await page.close();
  });

  it('the collapsed tab: a covered click does not open the panel; it says why in its tooltip', async () => {
    const { page, panel } = await open('/index.html');
    await panel.getByTestId('cc-panel').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+Shift+K');
    const tab = panel.getByTestId('cc-tab');
    await tab.waitFor();
    await page.evaluate(ATTACKS['an overlay with pointer-events:none']!);
    await expect.poll(() => panel.getByTestId('cc-covered').getAttribute('title')).toBe(tr('panel.covered'));
    await realClick(page, tab);
    expect(await tab.isVisible()).toBe(true);
    expect(await panelOpen()).toBe(false);
    await uncovered(page, panel);
    await realClick(page, tab);
    const reopened = await panelFrame(page, kit.browser.extensionId);
    await reopened.getByTestId('cc-panel').waitFor();
    await expect.poll(panelOpen).toBe(true);
    await page.close();
  });
});
