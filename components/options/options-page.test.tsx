// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeApi, mountOptions, type Mounted } from './test-kit';

let ui: Mounted | undefined;
afterEach(() => ui?.unmount());

const key = (el: Element, k: string) => act(async () => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
const current = () => document.querySelector('[aria-current="page"]')?.getAttribute('data-testid');

describe('options page', () => {
  it('says it is loading, then shows the error with a retry that loads again', async () => {
    const pending = fakeApi();
    pending.api.load = () => new Promise(() => undefined);
    ui = await mountOptions(pending);
    expect(ui.container.querySelector('[role="status"]')!.textContent).toBe('Loading your settings…');
    ui.unmount();
    const fake = fakeApi();
    fake.failures.push(new Error('Cuecard\'s background did not answer "state.load".'));
    ui = await mountOptions(fake);
    expect(ui.$('cc-opt-load-error')!.textContent).toContain("Cuecard could not load your settings: Cuecard's background did not answer");
    await ui.click('cc-opt-load-retry');
    expect(ui.$('cc-opt-load-error')).toBeNull();
    expect(ui.$('cc-opt-section-profile')).not.toBeNull();
    expect(fake.log.filter((l) => l === 'load')).toHaveLength(2);
  });

  it('opens the section the hash names, marks it aria-current, and shows only that one', async () => {
    ui = await mountOptions(fakeApi(), '#sites');
    expect(current()).toBe('cc-opt-nav-sites');
    expect(ui.$('cc-opt-section-sites')!.hidden).toBe(false);
    expect(ui.$('cc-opt-section-profile')).toBeNull();
    expect(document.title).toBe('CRM sites · Cuecard settings');
    // An unknown hash (an old link) shows the first section rather than nothing.
    await act(async () => void ((location.hash = '#nope'), window.dispatchEvent(new HashChangeEvent('hashchange'))));
    expect(current()).toBe('cc-opt-nav-profile');
  });

  it('moves between sections with the arrow keys, Home and End, with one Tab stop in the sidebar', async () => {
    ui = await mountOptions(fakeApi(), '#profile');
    const links = [...document.querySelectorAll<HTMLAnchorElement>('.cc-o-nav__link')];
    expect(links.map((a) => a.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    await key(ui.$('cc-opt-nav-profile')!, 'ArrowDown');
    expect(current()).toBe('cc-opt-nav-sites');
    expect(document.activeElement).toBe(ui.$('cc-opt-nav-sites'));
    expect(location.hash).toBe('#sites');
    expect(ui.$('cc-opt-section-sites')!.hidden).toBe(false);
    expect(ui.$('cc-opt-section-profile')!.hidden).toBe(true);
    await key(ui.$('cc-opt-nav-sites')!, 'End');
    expect(current()).toBe('cc-opt-nav-about');
    await key(ui.$('cc-opt-nav-about')!, 'ArrowDown');
    expect(current()).toBe('cc-opt-nav-profile');
    await key(ui.$('cc-opt-nav-profile')!, 'ArrowUp');
    expect(current()).toBe('cc-opt-nav-about');
    expect(ui.$('cc-opt-version')!.textContent).toBe('Cuecard 9.9.9');
  });

  it('speaks the language setting, and the browser language for "auto"', async () => {
    ui = await mountOptions(fakeApi({ settings: { lang: 'zh-CN' } }));
    expect(ui.$('cc-opt-nav-packs')!.textContent).toBe('话术包与信任');
    expect(document.documentElement.lang).toBe('zh-CN');
    ui.unmount();
    ui = await mountOptions(fakeApi({ settings: { lang: 'auto' } }));
    // happy-dom's navigator.language is en-US.
    expect(ui.$('cc-opt-nav-packs')!.textContent).toBe('SOP packs & trust');
  });

  it('switches language when the agent picks one, saving it', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#profile');
    const select = ui.$<HTMLSelectElement>('cc-opt-lang')!;
    await act(async () => {
      select.value = 'zh-CN';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await ui.flush();
    expect(fake.log).toContain('save {"lang":"zh-CN"}');
    expect(ui.$('cc-opt-nav-profile')!.textContent).toBe('座席信息');
    expect(ui.$('cc-opt-prefs-status')!.textContent).toBe('已保存 ✓');
  });

  it('shows a clicked choice at once while it saves, and the stored one again if the save fails', async () => {
    const fake = fakeApi();
    ui = await mountOptions(fake, '#profile');
    let fail!: (err: Error) => void;
    fake.api.save = () => new Promise((_ok, no) => (fail = no));
    await ui.click('cc-opt-mode-experienced');
    expect(ui.$<HTMLInputElement>('cc-opt-mode-experienced')!.checked).toBe(true);
    expect(ui.$('cc-opt-prefs-status')!.textContent).toBe('Saving…');
    await act(async () => fail(new Error('The disk is full.')));
    await ui.flush();
    expect(ui.$<HTMLInputElement>('cc-opt-mode-newHire')!.checked).toBe(true);
    expect(ui.$('cc-opt-prefs-status-error')!.textContent).toContain('Not saved: The disk is full.');
  });
});
