// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type { Settings } from '@/lib/settings/schema';
import { fakeApi, mountOptions, type Mounted } from './test-kit';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

/** The section on the options page, with the fake API: settings come back merged. */
async function mount(initial: Partial<Settings> = {}) {
  const fake = fakeApi({ settings: initial });
  ui = await mountOptions(fake, '#shortcuts');
  const saved = {
    get all() {
      return fake.log.filter((l) => l.startsWith('save ')).map((l) => JSON.parse(l.slice(5)) as Partial<Settings>);
    },
  };
  const $ = (id: string) => ui!.$(id)!;
  const press = async (init: KeyboardEventInit) => {
    await act(async () => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
    await ui!.flush();
  };
  const click = (id: string) => ui!.click(id);
  const record = async (id: string) => {
    await act(async () => $(`cc-opt-key-change-${id}`).click());
    $(`cc-opt-key-change-${id}`).focus();
  };
  return { $, press, click, record, saved, fake };
}

describe('ShortcutsSection', () => {
  it('records a combo by pressing it, ignoring a lone modifier, and saves only the override', async () => {
    const u = await mount();
    await u.record('next');
    expect(u.$('cc-opt-key-change-next').textContent).toBe('Press the new keys…');
    await u.press({ key: 'Alt', code: 'AltLeft', altKey: true });
    expect(u.saved.all).toEqual([]);
    await u.press({ key: '∆', code: 'KeyJ', altKey: true });
    expect(u.saved.all).toEqual([{ shortcuts: { next: 'Alt+J' } }]);
    expect(u.$('cc-opt-key-next').textContent).toBe('Alt+J');
    expect(u.$('cc-opt-keys-msg').textContent).toBe('Next step (Finish on the last step): Alt+J');
  });

  it('refuses a conflict, a reserved combo and a typing key with the reason, and keeps listening', async () => {
    const u = await mount();
    await u.record('search');
    await u.press({ key: 'b', code: 'KeyB', altKey: true });
    expect(u.$('cc-opt-keys-msg').textContent).toBe('Not saved: Alt+B is already used by "Previous step"');
    await u.press({ key: 'w', code: 'KeyW', ctrlKey: true });
    expect(u.$('cc-opt-keys-msg').textContent).toBe('Not saved: Ctrl+W belongs to the browser or to everyday editing');
    await u.press({ key: 'q', code: 'KeyQ' });
    expect(u.$('cc-opt-keys-msg').textContent).toBe('Not saved: Q has no Ctrl, Alt or Meta, so it would type into fields');
    expect(u.saved.all).toEqual([]);
    await u.press({ key: 'f', code: 'KeyF', ctrlKey: true, shiftKey: true });
    expect(u.saved.all).toEqual([{ shortcuts: { search: 'Ctrl+Shift+F' } }]);
  });

  it('takes the insert family by its modifiers, and needs a digit for it', async () => {
    const u = await mount();
    await u.record('insert');
    await u.press({ key: 'q', code: 'KeyQ', ctrlKey: true, altKey: true });
    expect(u.$('cc-opt-keys-msg').textContent).toContain('must end in a digit 1–9');
    await u.press({ key: '3', code: 'Digit3', ctrlKey: true, altKey: true });
    expect(u.$('cc-opt-key-insert').textContent).toBe('Ctrl+Alt+1 … Ctrl+Alt+9');
  });

  it('Esc cancels recording; Default and Reset all go back to the defaults; page shortcuts toggle', async () => {
    const u = await mount({ shortcuts: { next: 'Alt+J', back: 'Alt+H' } });
    await u.record('next');
    await u.press({ key: 'Escape', code: 'Escape' });
    expect(u.$('cc-opt-key-change-next').textContent).toBe('Change');
    await u.click('cc-opt-key-default-next');
    expect(u.saved.all.at(-1)).toEqual({ shortcuts: { back: 'Alt+H' } });
    await u.click('cc-opt-keys-reset');
    expect(u.saved.all.at(-1)).toEqual({ shortcuts: {} });
    expect(u.$('cc-opt-key-back').textContent).toBe('Alt+B');
    await u.click('cc-opt-page-shortcuts');
    expect(u.saved.all.at(-1)).toEqual({ pageShortcuts: true });
  });
});
