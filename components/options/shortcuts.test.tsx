// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import { ShortcutsSection } from './ShortcutsSection';

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

/** The section with a fake save that behaves like the options page: settings come back merged. */
async function mount(initial: Partial<Settings> = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, lang: 'en', ...initial };
  const saved: Partial<Settings>[] = [];
  container = document.body.appendChild(document.createElement('div'));
  const draw = () => render(h(ShortcutsSection, { settings, save }), container);
  async function save(patch: Partial<Settings>) {
    saved.push(patch);
    settings = { ...settings, ...patch };
    draw();
  }
  await act(async () => draw());
  const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
  const press = (init: KeyboardEventInit) => act(async () => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
  const record = async (id: string) => {
    await act(async () => $(`cc-opt-key-change-${id}`).click());
    $(`cc-opt-key-change-${id}`).focus();
  };
  return { $, press, record, saved, settings: () => settings };
}

describe('ShortcutsSection', () => {
  it('records a combo by pressing it, ignoring a lone modifier, and saves only the override', async () => {
    const ui = await mount();
    await ui.record('next');
    expect(ui.$('cc-opt-key-change-next').textContent).toBe('Press the new keys…');
    await ui.press({ key: 'Alt', code: 'AltLeft', altKey: true });
    expect(ui.saved).toEqual([]);
    await ui.press({ key: '∆', code: 'KeyJ', altKey: true });
    expect(ui.saved).toEqual([{ shortcuts: { next: 'Alt+J' } }]);
    expect(ui.$('cc-opt-key-next').textContent).toBe('Alt+J');
    expect(ui.$('cc-opt-keys-msg').textContent).toBe('Next step (Finish on the last step): Alt+J');
  });

  it('refuses a conflict, a reserved combo and a typing key with the reason, and keeps listening', async () => {
    const ui = await mount();
    await ui.record('search');
    await ui.press({ key: 'b', code: 'KeyB', altKey: true });
    expect(ui.$('cc-opt-keys-msg').textContent).toBe('Not saved: Alt+B is already used by "Previous step"');
    await ui.press({ key: 'w', code: 'KeyW', ctrlKey: true });
    expect(ui.$('cc-opt-keys-msg').textContent).toBe('Not saved: Ctrl+W belongs to the browser or to everyday editing');
    await ui.press({ key: 'q', code: 'KeyQ' });
    expect(ui.$('cc-opt-keys-msg').textContent).toBe('Not saved: Q has no Ctrl, Alt or Meta, so it would type into fields');
    expect(ui.saved).toEqual([]);
    await ui.press({ key: 'f', code: 'KeyF', ctrlKey: true, shiftKey: true });
    expect(ui.saved).toEqual([{ shortcuts: { search: 'Ctrl+Shift+F' } }]);
  });

  it('takes the insert family by its modifiers, and needs a digit for it', async () => {
    const ui = await mount();
    await ui.record('insert');
    await ui.press({ key: 'q', code: 'KeyQ', ctrlKey: true, altKey: true });
    expect(ui.$('cc-opt-keys-msg').textContent).toContain('must end in a digit 1–9');
    await ui.press({ key: '3', code: 'Digit3', ctrlKey: true, altKey: true });
    expect(ui.$('cc-opt-key-insert').textContent).toBe('Ctrl+Alt+1 … Ctrl+Alt+9');
  });

  it('Esc cancels recording; Default and Reset all go back to the defaults; page shortcuts toggle', async () => {
    const ui = await mount({ shortcuts: { next: 'Alt+J', back: 'Alt+H' } });
    await ui.record('next');
    await ui.press({ key: 'Escape', code: 'Escape' });
    expect(ui.$('cc-opt-key-change-next').textContent).toBe('Change');
    await act(async () => ui.$('cc-opt-key-default-next').click());
    expect(ui.saved.at(-1)).toEqual({ shortcuts: { back: 'Alt+H' } });
    await act(async () => ui.$('cc-opt-keys-reset').click());
    expect(ui.saved.at(-1)).toEqual({ shortcuts: {} });
    expect(ui.$('cc-opt-key-back').textContent).toBe('Alt+B');
    await act(async () => ui.$('cc-opt-page-shortcuts').click());
    expect(ui.saved.at(-1)).toEqual({ pageShortcuts: true });
  });
});
